"""Production settings, security headers, the health endpoint, a 503 when the database is gone,
sign-in throttling and the audit trail of confidential source data."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth.models import Permission
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.models import ModelLogEntry

from conflicts.services.sources import CONFIDENTIAL_VIEW_ACTION
from tests.factories import AnonymousSourceFactory, UserFactory, make_article

ROOT = Path(__file__).resolve().parents[2]


def production_env(**overrides):
    test_only = {"DEBUG", "SECRET_KEY", "FIELD_ENCRYPTION_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "TASKS_BACKEND"}
    env = {key: value for key, value in os.environ.items() if key not in test_only}
    env.update({
        "DEBUG": "0",
        "SECRET_KEY": "k" * 20 + "production-secret-key-for-the-deploy-check-0123456789",
        "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "desk.example.org",
        "DATABASE_URL": "sqlite:////tmp/newsroom-deploy-check.sqlite3",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    })
    env.update(overrides)
    return env


def manage(*args, env):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_without_a_cache_shared_by_the_workers():
    env = production_env()
    del env["REDIS_URL"]
    result = manage("check", "--deploy", env=env)
    assert result.returncode == 1
    assert "(conflicts.E010) The default cache (LocMemCache) is not shared between worker processes" in result.stderr
    assert "HINT: Set REDIS_URL" in result.stderr


def test_behind_a_tls_proxy_the_site_trusts_its_forwarded_scheme_and_stays_clean():
    env = production_env(SECURE_PROXY_SSL_HEADER="1")
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    code = "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER, settings.SECURE_SSL_REDIRECT)"
    result = manage("shell", "--no-imports", "-c", code, env=env)
    assert result.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https') True"


def test_turning_the_https_redirect_off_is_the_only_deploy_warning():
    result = manage("check", "--deploy", env=production_env(SECURE_SSL_REDIRECT="0"))
    assert result.returncode == 0, result.stderr
    assert "security.W008" in result.stderr + result.stdout
    assert "identified 1 issue" in result.stderr + result.stdout


SHOW_MAIL = (
    "from django.conf import settings; from wagtail.admin.views.account import password_reset_enabled; "
    "print(settings.EMAIL_BACKEND.rsplit('.', 2)[-2], settings.EMAIL_HOST, "
    "settings.EMAIL_USE_TLS, password_reset_enabled())"
)


def test_without_a_mail_server_production_offers_no_password_reset():
    result = manage("shell", "--no-imports", "-c", SHOW_MAIL, env=production_env())
    assert result.stdout.strip() == "dummy localhost False False", result.stderr


def test_with_a_mail_server_password_reset_mail_goes_through_it():
    env = production_env(EMAIL_HOST="smtp.example.org", EMAIL_HOST_USER="desk", EMAIL_HOST_PASSWORD="x")
    result = manage("shell", "--no-imports", "-c", SHOW_MAIL, env=env)
    assert result.stdout.strip() == "smtp smtp.example.org True True", result.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "FIELD_ENCRYPTION_KEY"])
def test_production_refuses_to_start_without_its_keys(missing):
    env = production_env()
    del env[missing]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"{missing} is not set" in result.stderr


def test_public_pages_get_a_strict_content_security_policy_and_security_headers(client, site_tree):
    make_article(site_tree["news"], title="Withdrawal")
    response = client.get("/news/withdrawal/")
    assert response.status_code == 200
    policy = {
        part.split()[0]: part.split()[1:] for part in response["Content-Security-Policy"].split("; ")
    }
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert "https://tile.openstreetmap.org" in policy["img-src"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_the_admin_gets_only_what_wagtails_editor_needs(client, superuser):
    client.force_login(superuser)
    policy = client.get("/admin/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'self'" in policy


def test_healthz_reports_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    with mock.patch("newsroom.views.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("debug", [True, False])
def test_losing_the_database_gives_a_503_page_without_a_trace(db, site_tree, debug):
    make_article(site_tree["news"], title="Withdrawal")
    client = Client(raise_request_exception=False)
    with override_settings(DEBUG=debug), mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection",
        side_effect=OperationalError("could not connect to server: Connection refused"),
    ), mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.connection", None, create=True):
        from django.db import connection

        connection.close()
        response = client.get("/news/withdrawal/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Temporarily unavailable" in html
    assert "Traceback" not in html and "OperationalError" not in html


def test_admin_sign_in_is_throttled_per_account_and_address(client, db):
    user = UserFactory(username="desk", is_staff=True, is_superuser=True)
    user.set_password("the-right-password")
    user.save()
    for _ in range(4):
        response = client.post("/admin/login/", {"username": "desk", "password": "wrong"})
        assert response.status_code == 200
    assert client.post("/admin/login/", {"username": "desk", "password": "wrong"}).status_code == 429
    response = client.post("/admin/login/", {"username": "desk", "password": "the-right-password"})
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()
    # Another account from the same address is not locked out.
    other = UserFactory(username="night-editor", is_staff=True, is_superuser=True)
    other.set_password("another-password")
    other.save()
    response = Client().post("/admin/login/", {"username": "night-editor", "password": "another-password"})
    assert response.status_code == 302


def test_opening_confidential_fields_is_audited_and_visible_to_administrators(client, editor, superuser):
    source = AnonymousSourceFactory(public_label="a security source")
    edit = reverse("wagtailsnippets_conflicts_source:edit", args=[source.pk])

    client.force_login(editor)
    assert client.get(edit).status_code == 200
    assert not ModelLogEntry.objects.filter(action=CONFIDENTIAL_VIEW_ACTION).exists()

    editor.user_permissions.add(Permission.objects.get(codename="view_confidential_source"))
    source_protector = type(editor).objects.get(pk=editor.pk)
    client.force_login(source_protector)
    assert client.get(edit).status_code == 200
    entry = ModelLogEntry.objects.get(action=CONFIDENTIAL_VIEW_ACTION)
    assert (entry.user, entry.object_id, entry.label) == (source_protector, str(source.pk), "a security source")

    client.force_login(superuser)
    history = client.get(reverse("wagtailsnippets_conflicts_source:history", args=[source.pk])).content.decode()
    assert "Opened the confidential identity and notes" in history
    report = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Opened the confidential identity and notes" in report
