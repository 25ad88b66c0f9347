"""Every opening of a source's confidential fields by a privileged user is in Wagtail's audit log."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from conflicts.services.sources import CONFIDENTIAL_VIEW_ACTION
from tests.factories import AnonymousSourceFactory

MESSAGE = "Opened the confidential identity and notes"


@pytest.fixture
def source(db):
    return AnonymousSourceFactory(public_label="a security source", confidential_identity="Colonel Example")


def url(view, source):
    return reverse(f"wagtailsnippets_conflicts_source:{view}", args=[source.pk])


def audit_entries(source):
    return ModelLogEntry.objects.filter(action=CONFIDENTIAL_VIEW_ACTION, object_id=str(source.pk))


@pytest.mark.parametrize("view", ["edit", "inspect"])
def test_each_opening_by_a_privileged_user_is_recorded_with_who_when_and_which_source(client, source_protector,
                                                                                     source, view):
    client.force_login(source_protector)
    for _ in range(2):
        response = client.get(url(view, source))
        assert response.status_code == 200
        assert "Colonel Example" in response.content.decode()
    entries = list(audit_entries(source).order_by("timestamp"))
    assert len(entries) == 2
    assert {(entry.user_id, entry.label) for entry in entries} == {(source_protector.pk, "a security source")}
    assert all(entry.timestamp for entry in entries)


@pytest.mark.parametrize("view", ["edit", "inspect"])
def test_users_without_the_permission_see_no_confidential_fields_and_leave_no_entry(client, editor, source, view):
    client.force_login(editor)
    response = client.get(url(view, source))
    assert response.status_code == 200
    assert "Colonel Example" not in response.content.decode()
    assert not audit_entries(source).exists()


def test_a_form_shown_again_with_errors_is_an_opening_too(client, source_protector, source):
    client.force_login(source_protector)
    response = client.post(url("edit", source), {"public_label": "", "confidential_identity": "Colonel Example"})
    assert response.status_code == 200
    assert "Colonel Example" in response.content.decode()
    assert audit_entries(source).count() == 1


def test_the_entry_holds_no_confidential_data(client, source_protector, source):
    client.force_login(source_protector)
    client.get(url("inspect", source))
    entry = audit_entries(source).get()
    assert "Colonel Example" not in f"{entry.label} {entry.data} {entry.content_changed}"


def test_administrators_see_who_opened_what_in_the_history_and_the_site_history_report(
    client, source_protector, superuser, source
):
    client.force_login(source_protector)
    client.get(url("inspect", source))

    client.force_login(superuser)
    history = client.get(url("history", source)).content.decode()
    assert MESSAGE in history and source_protector.get_username() in history
    report = client.get(reverse("wagtailadmin_reports:site_history"), {"action": CONFIDENTIAL_VIEW_ACTION})
    assert report.status_code == 200
    html = report.content.decode()
    assert MESSAGE in html and "a security source" in html and source_protector.get_username() in html
    assert "Colonel Example" not in html
