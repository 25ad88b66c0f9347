"""The page cache's fault drill: Redis stops under gunicorn, pages are still served, a claim's status
changes while it is down, and once Redis is back (with the entries it held) no page shows the old
status while pages the change did not touch are still served from the cache."""

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
import redis
from django.db import connection
from django.test import override_settings

from conflicts.services.claims import claim_change_status
from tests.api.test_partner_rate_limit import database_url_for_workers, free_port
from tests.factories import ConflictFactory, make_article, make_claim

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # gunicorn's workers must see the changes this test makes while they run: SQLite's test database
    # is in this process's memory (the workers get a copy), so the drill runs on PostgreSQL.
    pytest.mark.skipif(connection.vendor == "sqlite", reason="needs a database shared with gunicorn (PostgreSQL)"),
]

ROOT = Path(__file__).resolve().parents[2]


class PrivateRedis:
    """A redis-server of this test's own on a free port, stopped with its data saved and started
    again from it, as a restarted production Redis comes back with what it held."""

    def __init__(self, folder):
        self.folder, self.port, self.process = folder, free_port(), None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.folder), "--logfile", str(self.folder / "redis.log")],
        )
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)
        for _ in range(50):
            try:
                client.ping()
                return
            except redis.exceptions.ConnectionError:
                time.sleep(0.1)
        pytest.fail("redis-server did not start")

    def stop(self):
        redis.Redis.from_url(self.url).shutdown(save=True)
        self.process.wait(timeout=10)
        self.process = None

    def entry_keys(self):
        return redis.Redis.from_url(self.url).keys("*pagecache:entry:*")


@pytest.fixture
def private_redis(tmp_path):
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    if server.process is not None:
        server.process.terminate()
        server.process.wait(timeout=10)


@pytest.fixture
def site_under_cache(tmp_path, private_redis):
    """gunicorn (two workers) with the page cache on, in the private Redis; yields its base URL."""
    prefix = f"drill-{uuid.uuid4().hex}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url_for_workers(tmp_path),
        "REDIS_URL": private_redis.url,
        "CACHE_KEY_PREFIX": prefix,
        "PAGE_CACHE_TIMEOUT": "3600",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--error-logfile", str(tmp_path / "error.log")],
        cwd=ROOT, env=env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        pytest.fail("gunicorn did not start: " + (tmp_path / "error.log").read_text())
    cache = {
        "BACKEND": "conflicts.cache_backend.OutageTolerantRedisCache",
        "LOCATION": private_redis.url,
        "KEY_PREFIX": prefix,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    with override_settings(CACHES={"default": cache}):
        yield base
    process.terminate()
    process.wait(timeout=30)


def status_shown(html):
    """The claim's status as the page shows it first: the annotated span, or the claim page's head."""
    return re.search(r'data-status="(\w+)"', html).group(1)


def get(url, **headers):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:
            return response.status, response.headers.get("X-Cache"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, None, ""


def test_pages_survive_a_redis_outage_and_no_stale_status_returns_with_redis(
    site_tree, private_redis, site_under_cache, settings, partner_key
):
    settings.CONFLICTS = {**settings.CONFLICTS, "PAGE_CACHE_TIMEOUT": 3600}
    conflict = ConflictFactory(name="Syrian war: Idlib", slug="idlib")
    claim = make_claim(statement="Troops moved overnight.", conflict=conflict)
    body = [("paragraph", f'<p><a linktype="claim" id="{claim.pk}">Troops moved</a> overnight.</p>')]
    article = make_article(site_tree["news"], title="First report", conflict=conflict, body=body)
    elsewhere = make_article(site_tree["news"], title="Elsewhere", conflict=ConflictFactory(slug="karabakh"))
    citing = [article.url, claim.get_absolute_url()]
    pages = [*citing, elsewhere.url]
    base = site_under_cache

    for path in pages:
        html = get(base + path)[2]
        assert path == elsewhere.url or status_shown(html) == "unconfirmed", path
        assert get(base + path)[:2] == (200, "hit"), path
    assert len(private_redis.entry_keys()) == len(pages)

    private_redis.stop()
    for path in [*pages, "/", "/feeds/latest/", "/sitemap.xml"]:
        assert get(base + path)[:2] == (200, "miss"), path
    assert get(f"{base}/api/v1/conflicts/", Authorization=f"Api-Key {partner_key}")[0] == 200

    claim_change_status(claim=claim, to="confirmed", by=None, note="Confirmed by satellite images.")
    for path in citing:
        status, _, html = get(base + path)
        assert status == 200 and status_shown(html) == "confirmed", path

    private_redis.start()
    assert len(private_redis.entry_keys()) == len(pages), "Redis came back with the entries it held"
    for path in citing:
        status, x_cache, html = get(base + path)
        assert (status, x_cache) == (200, "miss"), path
        assert status_shown(html) == "confirmed", path
    assert get(base + elsewhere.url)[:2] == (200, "hit")
