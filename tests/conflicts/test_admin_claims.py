"""Editors change a claim's status in the admin; every change lands in the claim's history."""

import pytest
from django.urls import reverse

from conflicts.models import Claim
from tests.factories import ConflictFactory, SourceFactory, UserFactory, make_claim

pytestmark = pytest.mark.django_db


def claim_form(claim=None, *, conflict, status, note="", evidence_url="", statement=None, sources=(),
               internal_note=""):
    data = {
        "internal_note": internal_note,
        "statement": statement or (claim.statement if claim else "Shelling reported near Morek."),
        "conflict": conflict.pk,
        "new_status": status,
        "event_precision": "day",
        "status_note": note,
        "evidence_url": evidence_url,
        "attributions-TOTAL_FORMS": str(len(sources)),
        "attributions-INITIAL_FORMS": "0",
        "attributions-MIN_NUM_FORMS": "0",
        "attributions-MAX_NUM_FORMS": "1000",
    }
    for i, source in enumerate(sources):
        data.update({
            f"attributions-{i}-source": source.pk,
            f"attributions-{i}-how_obtained": "speaking to TRT World",
            f"attributions-{i}-credibility": "3",
            f"attributions-{i}-ORDER": str(i + 1),
        })
    return data


def test_changing_status_in_the_admin_records_the_editor_and_note(client, editor):
    claim = make_claim()
    client.force_login(editor)
    response = client.post(
        reverse("wagtailsnippets_conflicts_claim:edit", args=[claim.pk]),
        claim_form(claim, conflict=claim.conflict, status="confirmed", note="Geolocated footage.",
                   evidence_url="https://example.org/video"),
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == "confirmed"
    change = claim.status_changes.last()
    assert (change.from_status, change.to_status, change.changed_by, change.note) == (
        "unconfirmed", "confirmed", editor, "Geolocated footage.")
    assert change.evidence_url == "https://example.org/video"


def test_status_change_without_a_note_is_refused_and_nothing_changes(client, editor):
    claim = make_claim()
    client.force_login(editor)
    response = client.post(
        reverse("wagtailsnippets_conflicts_claim:edit", args=[claim.pk]),
        claim_form(claim, conflict=claim.conflict, status="false", statement="Edited statement"),
    )
    assert response.status_code == 200
    assert "Say why the status changed" in response.content.decode()
    claim.refresh_from_db()
    assert (claim.status, claim.statement) == ("unconfirmed", "Troops moved overnight.")
    assert claim.status_changes.count() == 1


def test_creating_a_claim_in_the_admin_starts_its_history(client, editor):
    conflict = ConflictFactory()
    source = SourceFactory()
    client.force_login(editor)
    response = client.post(
        reverse("wagtailsnippets_conflicts_claim:add"),
        claim_form(conflict=conflict, status="disputed", note="Two accounts differ.", sources=[source]),
    )
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert claim.status == "disputed"
    assert [(c.from_status, c.to_status, c.changed_by) for c in claim.status_changes.all()] == [
        ("", "disputed", editor)]
    assert claim.attributions.get().source == source


def test_claim_listing_filters_by_status_and_conflict(client, editor):
    conflict = ConflictFactory()
    make_claim(statement="Unsettled claim", conflict=conflict)
    confirmed = make_claim(statement="Settled claim", conflict=conflict)
    from conflicts.services.claims import claim_change_status

    claim_change_status(claim=confirmed, to="confirmed", by=None, note="Verified.")
    client.force_login(editor)
    url = reverse("wagtailsnippets_conflicts_claim:list")
    html = client.get(url, {"status": "confirmed", "conflict": conflict.pk}).content.decode()
    assert "Settled claim" in html and "Unsettled claim" not in html


def test_claim_inspect_view_shows_the_status_history_and_sources(client, editor):
    from conflicts.services.claims import claim_change_status

    source = SourceFactory(public_label="footage online")
    claim = make_claim(sources=[source])
    claim_change_status(claim=claim, to="confirmed", by=editor, note="Geolocated to the Morek post.")
    client.force_login(editor)
    html = client.get(reverse("wagtailsnippets_conflicts_claim:inspect", args=[claim.pk])).content.decode()
    assert "Status history" in html
    assert "Geolocated to the Morek post." in html
    assert "Unconfirmed → Confirmed" in html
    assert "footage online" in html


def test_an_internal_note_stays_in_the_admin(client, editor, site_tree, partner_key):
    from tests.factories import make_article

    claim = make_claim(conflict=ConflictFactory(name="Syrian war: Idlib", slug="idlib"))
    make_article(site_tree["news"], title="Posts", conflict=claim.conflict,
                 body=[("paragraph", f'<p><a linktype="claim" id="{claim.pk}">Troops moved.</a></p>')])
    client.force_login(editor)
    response = client.post(
        reverse("wagtailsnippets_conflicts_claim:edit", args=[claim.pk]),
        claim_form(claim, conflict=claim.conflict, status="confirmed", note="Geolocated footage.",
                   internal_note="Called the Reyhanli fixer twice."),
    )
    assert response.status_code == 302
    assert claim.status_changes.last().internal_note == "Called the Reyhanli fixer twice."
    inspect = client.get(reverse("wagtailsnippets_conflicts_claim:inspect", args=[claim.pk]))
    assert "Called the Reyhanli fixer twice." in inspect.content.decode()

    client.logout()
    public = client.get(claim.get_absolute_url())
    api = client.get(f"/api/v1/claims/{claim.pk}/", HTTP_AUTHORIZATION=f"Api-Key {partner_key}")
    assert (public.status_code, api.status_code) == (200, 200)
    assert "Geolocated footage." in public.content.decode()
    assert api.json()["status_history"][-1]["note"] == "Geolocated footage."
    for response in (public, api):
        assert "Reyhanli" not in response.content.decode()


def test_the_assignee_is_chosen_with_a_chooser_and_saved(client, editor):
    claim = make_claim()
    for n in range(5):
        UserFactory(username=f"reporter{n}")
    client.force_login(editor)
    edit_url = reverse("wagtailsnippets_conflicts_claim:edit", args=[claim.pk])
    html = client.get(edit_url).content.decode()
    assert 'name="assignee"' in html and "reporter3" not in html
    assert reverse("assignee_chooser:choose") in html
    response = client.post(edit_url, {**claim_form(claim, conflict=claim.conflict, status="unconfirmed"),
                                      "assignee": editor.pk})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.assignee == editor and claim.status_changes.count() == 1


def test_the_assignee_chooser_offers_only_active_users_who_can_change_claims(client, editor):
    UserFactory(username="outsider", first_name="Out", last_name="Sider")
    colleague = UserFactory(username="ayla", first_name="Ayla", last_name="Demir")
    colleague.groups.set(editor.groups.all())
    client.force_login(editor)
    results = client.get(reverse("assignee_chooser:choose_results"), {"q": "ayla"}).content.decode()
    assert "ayla" in results
    everyone = client.get(reverse("assignee_chooser:choose")).content.decode()
    assert "outsider" not in everyone and "ayla" in everyone


def test_the_assignee_chooser_is_refused_to_users_who_cannot_change_claims(client, editor):
    from django.contrib.auth.models import Permission

    outsider = UserFactory()
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    for url in (reverse("assignee_chooser:choose"), reverse("assignee_chooser:choose_results"),
                reverse("assignee_chooser:chosen", args=[editor.pk])):
        response = client.get(url)
        assert response.status_code == 302 and editor.get_username() not in response.content.decode()
