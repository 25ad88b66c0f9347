"""A partner's rate limit holds for the whole site: two gunicorn workers sharing Redis let exactly
the limit through, and an unreachable cache lets requests through instead of failing them."""

import logging
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from conflicts.models import Partner, PartnerKey
from conflicts.services.partners import partner_key_issue
from tests.api.conftest import away_from_a_window_edge

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/0"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_key_prefix():
    """A key prefix of this test's own in the machine's Redis; only its keys are removed after."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.fail("Redis is not running on 127.0.0.1:6379: start it with `redis-server --daemonize yes`.")
    prefix = f"test-throttle-{uuid.uuid4().hex}"
    yield prefix
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def database_url_for_workers(tmp_path):
    """The test database as other processes can open it: PostgreSQL's test database, or a copy of
    SQLite's in-memory one."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        password = f":{quote(settings['PASSWORD'])}" if settings["PASSWORD"] else ""
        return f"postgres://{quote(settings['USER'])}{password}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    copy = tmp_path / "site.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)
    return f"sqlite:///{copy}"


@pytest.fixture
def gunicorn(tmp_path, redis_key_prefix):
    """Starts the site under gunicorn with two workers sharing Redis; yields (base URL, access log)."""
    processes = []

    def start():
        port, log = free_port(), tmp_path / "access.log"
        env = {
            **os.environ,
            "DATABASE_URL": database_url_for_workers(tmp_path),
            "REDIS_URL": REDIS_URL,
            "CACHE_KEY_PREFIX": redis_key_prefix,
            "ALLOWED_HOSTS": "127.0.0.1",
        }
        process = subprocess.Popen(
            # Two single-threaded processes (not gunicorn.conf.py's threads): a burst has to be
            # answered by both, so the count is shared across processes or the test fails.
            [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
             "--worker-class", "sync", "--threads", "1",
             "--access-logfile", str(log), "--access-logformat", "%(p)s %(s)s",
             "--error-logfile", str(tmp_path / "error.log")],
            cwd=ROOT, env=env,
        )
        processes.append(process)
        base = f"http://127.0.0.1:{port}"
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)
                return base, log
            except OSError:
                time.sleep(0.2)
        pytest.fail("gunicorn did not start: " + (tmp_path / "error.log").read_text())

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=30)


def get(url, key):
    request = urllib.request.Request(url, headers={"Authorization": f"Api-Key {key}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("Retry-After")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Retry-After")


def test_two_workers_let_exactly_the_partners_limit_through(gunicorn, conflict):
    partner = Partner.objects.create(name="Ten a minute", rate_limit="10/minute")
    partner.conflicts.set([conflict])
    key = partner_key_issue(partner=partner)[1]
    # The key's last use is recorded once a minute: no write while the burst runs.
    PartnerKey.objects.update(last_used_at=timezone.now() + timedelta(hours=1))
    base, access_log = gunicorn()

    away_from_a_window_edge()
    start = threading.Barrier(20)

    def burst_request(_):
        start.wait()
        return get(f"{base}/api/v1/conflicts/", key)

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(burst_request, range(20)))

    statuses = sorted(status for status, _ in answers)
    assert statuses == [200] * 10 + [429] * 10
    waits = [int(retry_after) for status, retry_after in answers if status == 429]
    # The ten admitted requests still weigh on the sliding minute: one more fits once their share
    # has fallen to nine, 6 s into the next window.
    assert len(waits) == 10 and all(6 <= wait <= 66 for wait in waits), waits
    served_by = {line.split()[0] for line in access_log.read_text().splitlines() if line.endswith((" 200", " 429"))}
    assert len(served_by) == 2, "both workers answered part of the burst"


UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


def test_an_unreachable_cache_lets_partners_through_with_a_logged_warning(client_for, caplog):
    Partner.objects.update(rate_limit="1/minute")
    with override_settings(CACHES=UNREACHABLE_REDIS), caplog.at_level(logging.WARNING, logger="conflicts.throttling"):
        statuses = [client_for.get("/api/v1/conflicts/").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    assert [record.getMessage() for record in caplog.records if record.name == "conflicts.throttling"] == [
        "Rate limit not applied: the cache is unreachable (ConnectionError)."
    ] * 3
