"""The admin's password reset is limited per client address and per email address."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from tests.api.conftest import away_from_a_window_edge
from tests.factories import UserFactory

RESET = "/admin/password_reset/"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    away_from_a_window_edge(period=3600)
    yield
    cache.clear()


@pytest.fixture
def desk_user(db):
    return UserFactory(username="desk", email="desk@newsroom.example", is_staff=True, is_superuser=True)


def reset(email, address="198.51.100.7"):
    return Client(REMOTE_ADDR=address).post(RESET, {"email": email})


def test_the_sixth_request_for_one_email_in_an_hour_is_refused_and_sends_nothing(desk_user):
    addresses = [f"203.0.113.{n}" for n in range(6)]
    assert [reset("desk@newsroom.example", address).status_code for address in addresses[:5]] == [302] * 5
    response = reset("Desk@Newsroom.example ", addresses[5])
    assert response.status_code == 429
    # Until the five admitted requests' share of the sliding hour falls to four: at most the rest
    # of this clock hour and a fifth of the next.
    assert 0 < int(response["Retry-After"]) <= 3600 + 3600 // 5
    assert "Too many password reset requests" in response.content.decode()
    assert len(mail.outbox) == 5


def test_the_sixth_request_from_one_address_is_refused_whatever_the_email(desk_user):
    statuses = [reset(f"someone{n}@newsroom.example").status_code for n in range(5)]
    assert statuses == [302] * 5
    assert reset("desk@newsroom.example").status_code == 429
    assert mail.outbox == []
    assert reset("desk@newsroom.example", "192.0.2.44").status_code == 302
    assert len(mail.outbox) == 1


def test_showing_the_form_is_not_counted(desk_user):
    client = Client()
    for _ in range(10):
        assert client.get(RESET).status_code == 200
    assert reset("desk@newsroom.example", "127.0.0.1").status_code == 302
