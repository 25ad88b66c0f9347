"""/healthz and the 503 page: a lost database is reported, and answered fast without internals."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client, RequestFactory, override_settings

from newsroom.views import server_error
from tests.factories import make_article

LOST = [
    OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused'),
    OperationalError("server closed the connection unexpectedly"),
    InterfaceError("connection already closed"),
]


def database_down(error):
    return mock.patch.object(connection, "cursor", side_effect=error)


def test_healthz_answers_ok_with_the_database_up(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == "ok"


@pytest.mark.parametrize("error", LOST, ids=str)
def test_healthz_answers_503_when_the_database_is_unreachable(client, db, error):
    with database_down(error):
        response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}
    assert "connection" not in response.content.decode().lower()


@pytest.mark.parametrize("error", LOST, ids=str)
@override_settings(DEBUG=False)
def test_pages_answer_the_503_page_when_the_database_is_unreachable(db, site_tree, error):
    make_article(site_tree["news"], title="Withdrawal")
    with database_down(error):
        response = Client(raise_request_exception=False).get("/news/withdrawal/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "<h1>Temporarily unavailable</h1>" in html
    for internal in ("Traceback", "Error", "5432", "127.0.0.1", "connection already closed"):
        assert internal not in html


@override_settings(DEBUG=False)
def test_other_database_errors_stay_500s(db, site_tree):
    make_article(site_tree["news"], title="Withdrawal")
    with database_down(OperationalError("no such table: wagtailcore_site")):
        response = Client(raise_request_exception=False).get("/news/withdrawal/")
    assert response.status_code == 500
    assert "no such table" not in response.content.decode()


@pytest.mark.parametrize(("error", "status"), [(LOST[2], 503), (ValueError("bug"), 500)])
def test_the_error_handler_gives_503_for_a_lost_database_outside_views_too(error, status):
    try:
        raise error
    except (InterfaceError, ValueError):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == status


@override_settings(SECURE_SSL_REDIRECT=True)
def test_healthz_answers_plain_http_probes_while_pages_redirect_to_https(db):
    client = Client()
    assert client.get("/healthz").status_code == 200
    response = client.get("/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
