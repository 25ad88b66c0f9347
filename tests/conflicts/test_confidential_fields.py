"""Confidential source fields: encrypted at rest, shown only to holders of the permission."""

import pytest
from django.db import connection
from django.urls import reverse

from conflicts.models import Source
from tests.factories import AnonymousSourceFactory

pytestmark = pytest.mark.django_db

IDENTITY = "Colonel Canary Identity"
NOTES = "Canary notes: phone +90 555 0101"


@pytest.fixture
def secret_source():
    return AnonymousSourceFactory(
        public_label="a security source", confidential_identity=IDENTITY, confidential_notes=NOTES
    )


def raw_columns(source):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT confidential_identity, confidential_notes FROM {Source._meta.db_table} WHERE id = %s",
            [source.pk],
        )
        return cursor.fetchone()


def test_confidential_fields_are_encrypted_in_the_database(secret_source):
    identity, notes = raw_columns(secret_source)
    assert IDENTITY not in identity and "Canary" not in identity
    assert NOTES not in notes and "+90" not in notes
    reloaded = Source.objects.get(pk=secret_source.pk)
    assert (reloaded.confidential_identity, reloaded.confidential_notes) == (IDENTITY, NOTES)


def admin_pages(source):
    return {
        "list": reverse("wagtailsnippets_conflicts_source:list"),
        "edit": reverse("wagtailsnippets_conflicts_source:edit", args=[source.pk]),
        "inspect": reverse("wagtailsnippets_conflicts_source:inspect", args=[source.pk]),
        "history": reverse("wagtailsnippets_conflicts_source:history", args=[source.pk]),
        "usage": reverse("wagtailsnippets_conflicts_source:usage", args=[source.pk]),
        "chooser": reverse("wagtailsnippetchoosers_conflicts_source:choose") + "?q=security",
    }


def test_editor_without_permission_never_sees_confidential_fields(client, editor, secret_source):
    client.force_login(editor)
    edit_url = admin_pages(secret_source)["edit"]
    client.post(edit_url, {"public_label": "a security source", "kind": "anonymous", "is_anonymous": "on",
                           "anonymity_reason": "Reprisals.", "reliability": "B"})
    for name, url in admin_pages(secret_source).items():
        response = client.get(url)
        assert response.status_code == 200, name
        body = response.content.decode()
        assert "a security source" in body, name
        for secret in (IDENTITY, NOTES, "confidential_identity", "confidential_notes"):
            assert secret not in body, (name, secret)


def test_editor_saving_a_source_keeps_its_confidential_fields(client, editor, secret_source):
    client.force_login(editor)
    response = client.post(
        admin_pages(secret_source)["edit"],
        {"public_label": "a senior security source", "kind": "anonymous", "is_anonymous": "on",
         "anonymity_reason": "Reprisals.", "reliability": "B",
         "confidential_identity": "overwritten", "confidential_notes": "overwritten"},
    )
    assert response.status_code == 302
    source = Source.objects.get(pk=secret_source.pk)
    assert source.public_label == "a senior security source"
    assert (source.confidential_identity, source.confidential_notes) == (IDENTITY, NOTES)


def test_permission_holder_sees_and_edits_confidential_fields(client, source_protector, secret_source):
    client.force_login(source_protector)
    pages = admin_pages(secret_source)
    assert IDENTITY in client.get(pages["edit"]).content.decode()
    assert IDENTITY in client.get(pages["inspect"]).content.decode()
    client.post(pages["edit"], {"public_label": "a security source", "kind": "anonymous",
                                "is_anonymous": "on", "anonymity_reason": "Reprisals.", "reliability": "B",
                                "confidential_identity": "New identity", "confidential_notes": NOTES})
    assert Source.objects.get(pk=secret_source.pk).confidential_identity == "New identity"
