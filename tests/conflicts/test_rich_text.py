"""Annotated spans on the public page: markup, live status, escaping, deleted records, query cost."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conflicts.services.claims import claim_change_status
from tests.factories import LocationFactory, SourceFactory, make_article, make_claim

pytestmark = pytest.mark.django_db


def span(kind, record, text):
    return f'<a linktype="{kind}" id="{record.pk}">{text}</a>'


def html_of(page):
    response = Client().get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_demo_article_is_fully_annotated(client):
    call_command("load_demo", admin_password="demo-password-for-tests", stdout=io.StringIO())
    html = client.get("/news/turkey-withdraw-idlib-observation-posts/").content.decode()
    counts = {kind: html.count(f'data-annotation="{kind}"') for kind in ("claim", "source", "place")}
    assert counts["claim"] >= 6 and counts["source"] >= 5 and counts["place"] >= 10, counts
    assert 'data-status="disputed"' in html and 'data-status="confirmed"' in html
    assert "a security source" in html and "speaking to TRT World" in html


def test_claim_span_shows_status_and_who_says_it(site_tree):
    source = SourceFactory(public_label="a security source")
    claim = make_claim(statement="Turkey will withdraw.", sources=[source])
    place = LocationFactory(name="Morek", slug="morek")
    page = make_article(site_tree["news"], body=[("paragraph", f"<p>{span('claim', claim, 'Turkey will withdraw')} from {span('place', place, 'Morek')}.</p>")])
    html = html_of(page)
    tag = re.search(r'<a [^>]*data-annotation="claim"[^>]*>', html).group(0)
    assert f'data-id="{claim.pk}"' in tag and 'data-status="unconfirmed"' in tag
    assert f'href="/claims/{claim.pk}/"' in tag
    note_id = re.search(r'aria-describedby="([^"]+)"', tag).group(1)
    note = re.search(rf'<li id="{note_id}"[^>]*>(.*?)</li>', html, re.S).group(1)
    assert "Unconfirmed" in note and "a security source" in note
    assert 'href="/places/morek/"' in html and 'data-annotation="place"' in html


def test_status_change_shows_on_the_next_view_without_republishing(site_tree):
    claim = make_claim(statement="Dismantling has begun at four outposts.")
    page = make_article(site_tree["news"], body=[("paragraph", f"<p>{span('claim', claim, 'Dismantling has begun')}</p>")])
    assert 'data-status="unconfirmed"' in html_of(page)
    claim_change_status(claim=claim, to="confirmed", by=None, note="Footage geolocated.")
    html = html_of(page)
    assert 'data-status="confirmed"' in html and 'data-status="unconfirmed"' not in html
    log = re.search(r'<section class="update-log".*?</section>', html, re.S).group(0)
    assert "Claim “Dismantling has begun at four outposts.” now confirmed" in log


def test_span_of_a_deleted_record_renders_as_plain_text(site_tree):
    claim = make_claim(statement="Claim to be deleted")
    source = SourceFactory()
    page = make_article(site_tree["news"], body=[("paragraph", f"<p>{span('claim', claim, 'Vanishing claim')} said {span('source', source, 'someone')}.</p>")])
    claim.delete()
    source.delete()
    html = html_of(page)
    assert "Vanishing claim" in html and "someone" in html
    assert 'data-annotation="claim"' not in html and 'data-annotation="source"' not in html
    assert '<a>Vanishing claim</a>' in html


def test_html_in_statement_and_label_is_escaped(site_tree):
    source = SourceFactory(public_label='<img src=x onerror="alert(1)">')
    claim = make_claim(statement="<script>alert('claim')</script>", sources=[source])
    page = make_article(site_tree["news"], body=[("paragraph", f"<p>{span('claim', claim, 'the claim')} by {span('source', source, 'them')}</p>")])
    html = html_of(page)
    assert "<script>alert('claim')</script>" not in html and "&lt;script&gt;" in html
    assert '<img src=x onerror="alert(1)">' not in html and "&lt;img src=x" in html


def render_queries(page):
    client = Client()
    client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    return len(queries)


def annotated_article(site_tree, title, count, kinds):
    makers = {
        "claim": lambda i: make_claim(statement=f"{title} claim {i}", sources=[SourceFactory()]),
        "source": lambda i: SourceFactory(),
        "place": lambda i: LocationFactory(),
    }
    records = [(kind, makers[kind](i)) for i in range(max(1, count // 10)) for kind in kinds]
    spans = [span(kind, record, f"span {i}") for i, (kind, record) in enumerate((records * count)[:count])]
    paragraphs = [("paragraph", f"<p>{' and '.join(spans[i:i + 10])}</p>") for i in range(0, count, 10)]
    return make_article(site_tree["news"], title=title, body=paragraphs)


@pytest.mark.parametrize("kinds", [("claim", "source"), ("claim", "place"), ("source", "place")])
def test_rendering_200_annotations_costs_the_same_queries_as_2(site_tree, kinds):
    small = annotated_article(site_tree, "Small", 2, kinds)
    large = annotated_article(site_tree, "Large", 200, kinds)
    assert large.annotations.count() == 200 and small.annotations.count() == 2
    assert render_queries(small) == render_queries(large)


def editor_queries(client, page):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_opening_the_editor_costs_the_same_queries_for_200_annotations_as_for_3(site_tree, superuser):
    client = Client()
    client.force_login(superuser)
    kinds = ("claim", "source", "place")
    small = annotated_article(site_tree, "Small", 3, kinds)
    large = annotated_article(site_tree, "Large", 200, kinds)
    for page in (small, large):  # first visits subscribe the editor to comments and warm caches
        editor_queries(client, page)

    small_count, _ = editor_queries(client, small)
    large_count, html = editor_queries(client, large)

    assert small_count == large_count
    # The editor still knows each span's record: its label and, for claims, its status.
    # (contentstate is JSON inside the block's JSON inside an HTML attribute)
    contentstate = html.replace("\\&quot;", '"').replace("&quot;", '"')
    claim = large.annotations.filter(kind="claim").first().claim
    assert f'"label": "{claim.statement}"' in contentstate
    assert '"status": "unconfirmed"' in contentstate
