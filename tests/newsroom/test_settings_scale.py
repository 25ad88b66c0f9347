"""Settings chosen by environment for running at scale: the search backend and the statement timeout."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRINT = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps({'search': settings.WAGTAILSEARCH_BACKENDS['default'], "
    "'options': settings.DATABASES['default'].get('OPTIONS', {})}))"
)


def settings_with(**env):
    base = {key: value for key, value in os.environ.items()
            if key not in ("SEARCH_URL", "ELASTICSEARCH_URL", "SEARCH_BACKEND", "DATABASE_STATEMENT_TIMEOUT")}
    base.update(DJANGO_SETTINGS_MODULE="newsroom.settings", DEBUG="1", **env)
    out = subprocess.run([sys.executable, "-c", PRINT], cwd=ROOT, env=base, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_search_uses_wagtails_database_backend_without_a_search_url():
    assert settings_with()["search"] == {"BACKEND": "wagtail.search.backends.database"}


def test_search_url_selects_elasticsearch_or_the_backend_named():
    search = settings_with(SEARCH_URL="https://search.internal:9200,https://search2.internal:9200")["search"]
    assert search["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert search["URLS"] == ["https://search.internal:9200", "https://search2.internal:9200"]
    assert settings_with(ELASTICSEARCH_URL="http://es:9200", SEARCH_BACKEND="opensearch2")["search"]["BACKEND"] == (
        "wagtail.search.backends.opensearch2"
    )


def test_statement_timeout_caps_every_postgresql_statement():
    options = settings_with(DATABASE_URL="postgres://u@localhost:5432/x", DATABASE_STATEMENT_TIMEOUT="10000")["options"]
    assert options["options"] == "-c jit=off -c statement_timeout=10000"
