"""The suite runs against the installed distribution, not the repository's source tree."""

import sysconfig
from importlib.metadata import distribution
from pathlib import Path

import conflicts


def test_conflicts_is_imported_from_the_installed_wheel():
    package = Path(conflicts.__file__).resolve().parent
    dist = distribution("wagtail-conflict-desk")
    assert package == Path(dist.locate_file("conflicts")).resolve()
    assert package.parent == Path(sysconfig.get_paths()["purelib"]).resolve()
    installed = {str(file) for file in dist.files}
    assert "conflicts/templates/conflicts/claim_detail.html" in installed
    assert "conflicts/migrations/0001_initial.py" in installed
    assert "conflicts/static/conflicts/js/annotations-editor.js" in installed
    assert not any(name.startswith(("newsroom/", "tests/")) for name in installed)
