"""Editors record figures and tallies in the admin; a figure's status changes land in its history."""

import pytest
from django.urls import reverse

from conflicts.models import Figure, Tally
from conflicts.services.figures import figure_change_status
from tests.factories import ConflictFactory, SourceFactory, make_figure, make_tally

pytestmark = pytest.mark.django_db


def figure_form(*, conflict, status, note="", **fields):
    return {
        "counts": "killed", "counts_label": "", "counted": "civilians", "counted_party": "",
        "low": "", "best": "", "high": "", "words": "", "conflict": conflict.pk, "source": "", "tally": "",
        "event_start": "", "event_end": "", "event_precision": "day",
        "new_status": status, "status_note": note, "evidence_url": "", "internal_note": "",
        **fields,
    }


def test_creating_a_figure_in_the_admin_starts_its_history(client, editor):
    conflict = ConflictFactory()
    client.force_login(editor)
    response = client.post(
        reverse("wagtailsnippets_conflicts_figure:add"),
        figure_form(conflict=conflict, status="disputed", note="The ministry gives fewer.", low="7",
                    words="at least seven", event_start="2020-10-01", event_precision="month"),
    )
    assert response.status_code == 302
    figure = Figure.objects.get()
    assert (figure.low, figure.words, figure.status, str(figure.event_end)) == (7, "at least seven", "disputed", "2020-10-31")
    assert [(c.from_status, c.to_status, c.changed_by, c.note) for c in figure.status_changes.all()] == [
        ("", "disputed", editor, "The ministry gives fewer.")]


def test_a_figure_out_of_order_is_refused_in_the_admin_with_the_rule(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("wagtailsnippets_conflicts_figure:add"),
        figure_form(conflict=ConflictFactory(), status="unconfirmed", low="10", high="5"),
    )
    assert response.status_code == 200
    assert "Low, best and high must be in that order (low ≤ best ≤ high)." in response.content.decode()
    assert Figure.objects.count() == 0


def test_changing_a_figure_status_needs_a_note_and_records_the_editor(client, editor):
    figure = make_figure(conflict=ConflictFactory(), best=3)
    client.force_login(editor)
    url = reverse("wagtailsnippets_conflicts_figure:edit", args=[figure.pk])
    refused = client.post(url, figure_form(conflict=figure.conflict, status="confirmed", best="3"))
    assert "Say why the status changed" in refused.content.decode()
    assert figure.status_changes.count() == 1
    response = client.post(url, figure_form(conflict=figure.conflict, status="confirmed", best="3",
                                            note="Names of all three published."))
    assert response.status_code == 302
    change = figure.status_changes.last()
    assert (change.from_status, change.to_status, change.changed_by, change.note) == (
        "unconfirmed", "confirmed", editor, "Names of all three published.")


def test_figure_listing_searches_and_filters_and_inspect_shows_the_history(client, editor):
    conflict = ConflictFactory()
    dozens = make_figure(conflict=conflict, counts="killed", words="dozens")
    make_figure(conflict=conflict, counts="displaced", words="3.6 million", best=3_600_000)
    figure_change_status(figure=dozens, to="disputed", by=editor, note="Hospital count is lower.")
    client.force_login(editor)
    listing = reverse("wagtailsnippets_conflicts_figure:list")
    html = client.get(listing, {"counts": "killed"}).content.decode()
    assert "dozens" in html and "3.6 million" not in html
    html = client.get(listing, {"q": "million"}).content.decode()
    assert "3.6 million" in html and "dozens" not in html
    html = client.get(reverse("wagtailsnippets_conflicts_figure:inspect", args=[dozens.pk])).content.decode()
    assert "Status history" in html and "Unconfirmed → Disputed" in html and "Hospital count is lower." in html


def test_tally_inspect_shows_each_source_s_figure_and_the_one_used(client, editor):
    conflict = ConflictFactory()
    ours = make_figure(conflict=conflict, counts="troops", low=10_000, high=15_000)
    theirs = make_figure(conflict=conflict, counts="troops", low=7_000, high=20_000,
                         source=SourceFactory(public_label="new reports"))
    tally = make_tally(conflict=conflict, name="Turkish troops in Idlib", figures=[ours, theirs], used_figure=ours)
    client.force_login(editor)
    html = client.get(reverse("wagtailsnippets_conflicts_tally:inspect", args=[tally.pk])).content.decode()
    assert "no source given: 10,000–15,000 troops" in html and "— used in our text" in html
    assert "new reports: 7,000–20,000 troops" in html
    listing = client.get(reverse("wagtailsnippets_conflicts_tally:list"), {"is_published": "true"}).content.decode()
    assert "Turkish troops in Idlib" in listing
    assert Tally.objects.count() == 1
