"""Annotation rows always match the spans of the live body, after any edit."""

import pytest
from wagtail.models import ReferenceIndex

from conflicts.body_text import body_text
from conflicts.models import Annotation
from conflicts.selectors import annotated_body
from tests.factories import LocationFactory, SourceFactory, make_article, make_claim

pytestmark = pytest.mark.django_db


def span(kind, record, text):
    return f'<a linktype="{kind}" id="{record.pk}">{text}</a>'


def publish_body(page, paragraphs):
    page.body = [("paragraph", html) for html in paragraphs]
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def rows(page):
    return list(
        Annotation.objects.filter(page=page).order_by("sequence").values_list("kind", "quote", "claim", "source", "location")
    )


def assert_rows_locate_their_quotes(page):
    text = body_text(annotated_body(page)["body_html"])
    for row in Annotation.objects.filter(page=page):
        assert text[row.position:row.position + len(row.quote)] == row.quote
        assert text[:row.position].endswith(row.prefix)
        assert text[row.position + len(row.quote):].startswith(row.suffix)


@pytest.fixture
def records():
    claim = make_claim(statement="Turkey will withdraw from four posts.")
    other_claim = make_claim(statement="Troops massed south of the M4.", conflict=claim.conflict)
    return {"claim": claim, "other": other_claim, "source": SourceFactory(public_label="a security source"),
            "place": LocationFactory(name="Morek")}


def test_rows_follow_add_change_remove_and_move(site_tree, records):
    claim, other, source, place = records["claim"], records["other"], records["source"], records["place"]
    page = make_article(site_tree["news"], body=[("paragraph", "<p>No annotations yet.</p>")])
    assert rows(page) == []

    first = f"<p>{span('source', source, 'A security source')} said {span('claim', claim, 'Turkey will withdraw')}.</p>"
    second = f"<p>The post at {span('place', place, 'Morek')} is surrounded.</p>"
    publish_body(page, [first, second])
    assert rows(page) == [
        ("source", "A security source", None, source.pk, None),
        ("claim", "Turkey will withdraw", claim.pk, None, None),
        ("place", "Morek", None, None, place.pk),
    ]
    assert_rows_locate_their_quotes(page)

    changed = first.replace(f'linktype="claim" id="{claim.pk}"', f'linktype="claim" id="{other.pk}"')
    publish_body(page, [changed, second])
    assert rows(page)[1] == ("claim", "Turkey will withdraw", other.pk, None, None)

    removed = f"<p>A security source said {span('claim', other, 'Turkey will withdraw')}.</p>"
    publish_body(page, [removed, second])
    assert [row[0] for row in rows(page)] == ["claim", "place"]

    publish_body(page, [second, removed])
    assert [row[:2] for row in rows(page)] == [("place", "Morek"), ("claim", "Turkey will withdraw")]
    positions = list(Annotation.objects.filter(page=page).order_by("sequence").values_list("position", flat=True))
    assert positions[0] < positions[1]
    assert_rows_locate_their_quotes(page)


def test_quote_context_and_position_are_those_of_the_text_partners_get(site_tree, records):
    """Counted on the decoded text of the rendered body (blocks joined by its own newline), not an internal text."""
    claim, source, place = records["claim"], records["source"], records["place"]
    page = make_article(site_tree["news"], body=[
        ("paragraph", f"<p>The post at {span('place', place, 'Morek')} is surrounded.</p>"),
        ("paragraph", f"<p>{span('source', source, 'A security source')} said {span('claim', claim, 'Turkey &amp; Russia')} met.</p>"),
    ])
    assert body_text(annotated_body(page)["body_html"]) == (
        "The post at Morek is surrounded.\nA security source said Turkey & Russia met."
    )
    assert list(Annotation.objects.filter(page=page).values_list("quote", "prefix", "suffix", "position")) == [
        ("Morek", "The post at ", " is surrounded.\nA security sourc", 12),
        ("A security source", "he post at Morek is surrounded.\n", " said Turkey & Russia met.", 33),
        ("Turkey & Russia", "rounded.\nA security source said ", " met.", 56),
    ]


def test_drafts_do_not_change_rows_until_published(site_tree, records):
    page = make_article(site_tree["news"], body=[("paragraph", f"<p>{span('claim', records['claim'], 'withdraw')}</p>")])
    page.body = [("paragraph", "<p>Draft without the claim.</p>")]
    page.save_revision()
    assert len(rows(page)) == 1
    page.unpublish()
    assert rows(page) == []


def test_spans_of_deleted_or_malformed_records_are_left_out(site_tree, records):
    body = (f'<p>{span("claim", records["claim"], "kept")} <a linktype="claim" id="999999">gone</a> '
            f'<a linktype="claim" id="abc">bad</a> <a linktype="rumour" id="1">unknown</a></p>')
    page = make_article(site_tree["news"], body=[("paragraph", body)])
    assert [row[1] for row in rows(page)] == ["kept"]


def test_usage_count_of_a_claim_is_the_number_of_live_pages_citing_it(site_tree, records, django_capture_on_commit_callbacks):
    claim = records["claim"]
    with django_capture_on_commit_callbacks(execute=True):
        for title in ["First report", "Second report"]:
            make_article(site_tree["news"], title=title, body=[("paragraph", f"<p>{span('claim', claim, 'withdraw')}</p>")])
        make_article(site_tree["news"], title="Unrelated", body=[("paragraph", "<p>Nothing cited.</p>")])
    usage = ReferenceIndex.get_references_to(claim).group_by_source_object()
    assert len(usage) == 2 == Annotation.objects.filter(claim=claim).values("page").distinct().count()
    assert {obj.title for obj, _refs in usage} == {"First report", "Second report"}
