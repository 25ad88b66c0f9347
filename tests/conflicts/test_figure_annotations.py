"""Figures annotated in the text: what readers see, the rows and references kept, the editor's chooser."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import GroupPagePermission, ReferenceIndex

from conflicts import audience
from conflicts.models import Annotation, Figure
from conflicts.services.figures import figure_change_status
from tests.factories import ConflictFactory, SourceFactory, make_article, make_figure, make_tally

pytestmark = pytest.mark.django_db

SENTENCE = "Turkey has between 10,000 and 15,000 troops in the province, according to new reports."


def figure_span(figure, text="between 10,000 and 15,000 troops"):
    return f'<a linktype="figure" id="{figure.pk}">{text}</a>'


@pytest.fixture
def troops(conflict):
    source = SourceFactory(public_label="new reports", kind="unspecified_reports")
    return make_figure(conflict=conflict, counts="troops", low=10_000, high=15_000,
                       words="between 10,000 and 15,000", source=source)


@pytest.fixture
def article(site_tree, conflict, troops):
    body = SENTENCE.replace("between 10,000 and 15,000 troops", figure_span(troops))
    return make_article(site_tree["news"], title="Troops", conflict=conflict, body=[("paragraph", f"<p>{body}</p>")])


def html_of(page):
    response = Client().get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_figure_span_shows_its_range_source_and_status_in_its_note(article, troops):
    html = html_of(article)
    tag = re.search(r'<a [^>]*data-annotation="figure"[^>]*>', html).group(0)
    assert f'data-id="{troops.pk}"' in tag and 'data-status="unconfirmed"' in tag
    note_id = re.search(r'aria-describedby="([^"]+)"', tag).group(1)
    assert f'href="#{note_id}"' in tag
    note = re.search(rf'<li id="{note_id}"[^>]*>(.*?)</li>', html, re.S).group(1)
    assert "Unconfirmed" in note and "10,000–15,000 troops" in note and "new reports" in note
    assert "“between 10,000 and 15,000”" in note


def test_a_figure_in_a_published_tally_links_to_its_row_on_the_tally_page(article, troops, conflict):
    tally = make_tally(conflict=conflict, name="Turkish troops in Idlib", figures=[troops], used_figure=troops)
    tag = re.search(r'<a [^>]*data-annotation="figure"[^>]*>', html_of(article)).group(0)
    assert f'href="/tallies/{tally.pk}/#figure-{troops.pk}"' in tag
    assert f'id="figure-{troops.pk}"' in Client().get(f"/tallies/{tally.pk}/").content.decode()


def test_a_status_change_of_the_figure_shows_on_the_next_view(article, troops):
    figure_change_status(figure=troops, to="disputed", by=None, note="Other counts differ.")
    tag = re.search(r'<a [^>]*data-annotation="figure"[^>]*>', html_of(article)).group(0)
    assert 'data-status="disputed"' in tag


def test_publishing_keeps_a_row_and_a_reference_for_the_figure(article, troops):
    row = Annotation.objects.get(page=article, kind="figure")
    assert (row.figure, row.quote, row.record_id) == (troops, "between 10,000 and 15,000 troops", troops.pk)
    assert ReferenceIndex.get_references_to(troops).filter(object_id=str(article.pk)).exists()


def test_a_figure_in_public_text_is_public_and_reaches_the_pages_partners(article, troops, partner):
    hidden = make_figure(conflict=troops.conflict, counts="killed", best=3)
    assert set(audience.public_figures()) == {troops}
    assert set(audience.partner_figures(partner)) == {troops}
    assert hidden not in audience.public_figures()


def test_a_span_naming_a_missing_figure_is_refused_with_a_message(site_tree, conflict):
    from conflicts.spans import annotation_reference_errors

    assert annotation_reference_errors('<a linktype="figure" id="999999">12</a>') == [
        "The figure with id 999999 no longer exists. Remove that annotation or choose another figure."
    ]


@pytest.mark.parametrize("count", [2, 20])
def test_rendering_costs_the_same_queries_whatever_the_number_of_figures(site_tree, conflict, count):
    sources = [SourceFactory() for _ in range(2)]
    figures = [make_figure(conflict=conflict, best=n + 1, source=sources[n % 2]) for n in range(count)]
    body = " ".join(figure_span(figure, str(figure.best)) for figure in figures)
    page = make_article(site_tree["news"], conflict=conflict, body=[("paragraph", f"<p>{body}</p>")])
    client = Client()
    client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(page.url).content.decode()
    assert html.count('data-annotation="figure"') == count
    assert len(queries) == RENDER_QUERIES


# The article page with figure spans, measured: the count is the same for 2 and 20 figures (one of
# them reads when what the page shows last changed, for its ETag and Last-Modified).
RENDER_QUERIES = 17


@pytest.fixture
def page_editor(editor, site_tree):
    group = editor.groups.get()
    for permission in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group, page=site_tree["home"], permission=Permission.objects.get(codename=permission))
    return editor


def test_the_figure_chooser_starts_with_the_range_read_from_the_selection(client, article, page_editor, conflict):
    client.force_login(page_editor)
    response = client.get(reverse("annotation_figure_chooser:choose"),
                          {"page": article.pk, "q": "between 10,000 and 15,000 troops", "context": SENTENCE})
    initial = response.context["creation_form"].initial
    assert {key: initial.get(key) for key in ("counts", "low", "high", "words", "conflict")} == {
        "counts": "troops", "low": 10_000, "high": 15_000, "words": "between 10,000 and 15,000 troops",
        "conflict": conflict.pk,
    }


def test_recording_a_figure_from_the_editor_writes_its_history_and_answers_what_the_span_keeps(
        client, page_editor, conflict):
    source = SourceFactory(public_label="a security source")
    client.force_login(page_editor)
    response = client.post(reverse("annotation_figure_chooser:create"), {
        "counts": "posts", "counts_label": "", "counted": "unspecified", "counted_party": "", "low": "", "best": "12",
        "high": "", "words": "12 observation posts", "conflict": conflict.pk, "source": source.pk, "tally": "",
        "status": "confirmed", "status_note": "Seen on satellite images.",
    })
    figure = Figure.objects.get()
    chosen = response.json()
    assert chosen["step"] == "chosen"
    assert (chosen["result"]["id"], chosen["result"]["label"], chosen["result"]["status"]) == (
        str(figure.pk), "12 military posts", "confirmed")
    change = figure.status_changes.get()
    assert (change.to_status, change.note, change.changed_by) == ("confirmed", "Seen on satellite images.", page_editor)


def test_a_figure_with_its_numbers_out_of_order_is_refused_and_nothing_saved(client, page_editor, conflict):
    client.force_login(page_editor)
    response = client.post(reverse("annotation_figure_chooser:create"), {
        "counts": "killed", "counted": "unspecified", "low": "20", "high": "7", "words": "7 to 20",
        "conflict": conflict.pk, "status": "unconfirmed",
    })
    assert response.status_code == 200
    assert "low ≤ best ≤ high" in response.json()["htmlFragment"]
    assert not Figure.objects.exists()


def test_a_figure_of_another_conflict_cannot_join_a_tally(client, page_editor, conflict):
    tally = make_tally(conflict=ConflictFactory(), name="Elsewhere")
    client.force_login(page_editor)
    response = client.post(reverse("annotation_figure_chooser:create"), {
        "counts": "killed", "counted": "unspecified", "best": "3", "words": "three", "conflict": conflict.pk,
        "tally": tally.pk, "status": "unconfirmed",
    })
    assert "another conflict" in response.json()["htmlFragment"]
    assert not Figure.objects.exists()
