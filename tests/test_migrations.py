"""Every migration of the extension reverses: migrate conflicts to zero, then forward again."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import dj_database_url
import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def scratch_database_url(tmp_path):
    """A fresh, empty database of the same engine the suite runs on."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    config = dj_database_url.parse(url)
    name = f"migrations_{uuid.uuid4().hex[:8]}"
    admin = {"host": config["HOST"], "port": config["PORT"] or 5432, "user": config["USER"],
                 "password": config["PASSWORD"] or None, "dbname": "postgres", "autocommit": True}
    with psycopg.connect(**admin) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield url.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(**admin) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(database_url, *args):
    env = {**os.environ, "DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_migrations_reverse_and_reapply(scratch_database_url):
    manage(scratch_database_url, "migrate", "--no-input", "-v", "0")
    manage(scratch_database_url, "migrate", "conflicts", "zero", "--no-input", "-v", "0")
    plan = manage(scratch_database_url, "showmigrations", "conflicts", "newsroom")
    assert "[X]" not in plan
    manage(scratch_database_url, "migrate", "--no-input", "-v", "0")
    plan = manage(scratch_database_url, "showmigrations", "conflicts", "newsroom")
    assert "[ ]" not in plan
