"""Requests per second and SQL queries of the main reader pages and API resources, in process.

Run: DEBUG=1 .venv/bin/python benchmarks/pages_and_api.py [seconds per URL]

Uses a throwaway SQLite database with the demo content. Each figure is also given as a ratio
to /healthz (one SELECT 1) measured in the same run, so runs on different machines compare.
Reader pages come from the page cache after the first request (queries are those of a request
after the first); PAGE_CACHE_TIMEOUT=0 measures them rendered each time.
"""

import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DEBUG", "1")
os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ["ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def measure(client, path, seconds):
    client.get(path)  # fills the page cache
    reset_queries()  # the query log is a bounded deque, full after the previous loop
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        assert client.get(path).status_code == 200, path
        count += 1
    return count / (time.perf_counter() - started), len(queries)


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
    call_command("migrate", verbosity=0)
    call_command("load_demo", admin_password="benchmark-only", stdout=io.StringIO())
    from conflicts.models import Claim, Partner
    from conflicts.services.partners import partner_key_issue
    from newsroom.models import ArticlePage

    article = ArticlePage.objects.live().get()
    claim = Claim.objects.filter(annotations__page=article).first()
    demo_partner = Partner.objects.get(name="Demo Partner")
    demo_partner.rate_limit = "1000000/minute"  # measure the API, not its throttle
    demo_partner.save()
    key = partner_key_issue(partner=demo_partner)[1]
    public, partner = Client(), Client(HTTP_AUTHORIZATION=f"Api-Key {key}")
    paths = [
        (public, "/healthz"),
        (public, article.url),
        (public, "/explainers/"),
        (public, claim.get_absolute_url()),
        (public, "/places/idlib-province/"),
        (public, "/search/?q=Morek"),
        (public, "/feeds/latest/"),
        (partner, "/api/v1/articles/"),
        (partner, f"/api/v1/articles/{article.pk}/"),
        (partner, f"/api/v1/articles/{article.pk}/?format=ninjs"),
        (partner, f"/api/v1/articles/{article.pk}/annotations/"),
        (partner, "/api/v1/claims/?limit=200"),
        (partner, "/api/v1/locations/?format=geojson&limit=200"),
    ]
    baseline = None
    print(f"{'path':58} {'req/s':>8} {'× healthz':>10} {'queries':>8}")
    for client, path in paths:
        rate, queries = measure(client, path, seconds)
        baseline = baseline or rate
        print(f"{path:58} {rate:8.1f} {rate / baseline:10.3f} {queries:8d}")


if __name__ == "__main__":
    main()
