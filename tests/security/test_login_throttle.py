"""Admin sign-in is throttled per account and client address (django-axes with newsroom.sign_in)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone

from newsroom.sign_in import client_address
from tests.factories import UserFactory

LOGIN = "/admin/login/"
PASSWORD = "correct-horse-battery"


@pytest.fixture
def desk_user(db):
    return UserFactory(username="desk", is_staff=True, is_superuser=True)


def sign_in(client, password, username="desk", **headers):
    return client.post(LOGIN, {"username": username, "password": password}, **headers)


def fail(client, times, **headers):
    for _ in range(times):
        assert sign_in(client, "wrong", **headers).status_code == 200


def test_the_fifth_wrong_password_locks_the_account_for_that_address_with_a_clear_answer(client, desk_user):
    fail(client, 4)
    response = sign_in(client, "wrong")
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()
    assert sign_in(client, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_ends_after_the_cool_off(client, desk_user):
    fail(client, 4)
    assert sign_in(client, "wrong").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(desk_user.pk)


def test_a_successful_sign_in_resets_the_count(client, desk_user):
    fail(client, 4)
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    fail(client, 4)
    assert sign_in(client, PASSWORD).status_code == 302


def test_other_addresses_can_still_sign_in_to_the_locked_account(desk_user):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    fail(attacker, 4)
    assert sign_in(attacker, "wrong").status_code == 429
    assert sign_in(Client(REMOTE_ADDR="198.51.100.7"), PASSWORD).status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_lockout_is_per_client_and_forged_addresses_do_not_escape_it(desk_user):
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    attacker = Client(**proxy)
    for forged in range(4):
        response = sign_in(attacker, "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{forged}, 203.0.113.9")
        assert response.status_code == 200
    assert sign_in(attacker, "wrong", HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.9").status_code == 429
    colleague = Client(**proxy)
    assert sign_in(colleague, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "192.0.2.1", "10.0.0.2"),
        (1, "", "10.0.0.2"),
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "6.6.6.6, 192.0.2.1", "192.0.2.1"),
        (2, "6.6.6.6, 192.0.2.1, 10.0.0.1", "192.0.2.1"),
        (2, "192.0.2.1", "10.0.0.2"),
    ],
)
def test_client_address_reads_only_what_the_trusted_proxies_added(settings, proxies, forwarded_for, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded_for)
    assert client_address(request) == expected
