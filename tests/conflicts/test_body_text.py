"""Annotation offsets are counted on the decoded text of the rendered body, the text partners and readers get."""

import pytest

from conflicts.body_text import body_text, body_text_spans, spans_for_annotations
from conflicts.models import Annotation
from conflicts.selectors import annotated_body
from tests.factories import SourceFactory, make_article, make_claim


def anchor(kind, pk, text):
    return f'<a href="/x/" data-annotation="{kind}" data-id="{pk}">{text}</a>'


def test_text_is_decoded_and_keeps_whitespace_and_offsets_select_the_anchor_text():
    html = f'<div><p>Tom &amp; Jerry\n  {anchor("claim", 7, "fled &lt;north&gt;")}.</p></div>\n<div><p>Then <b>{anchor("place", 3, "Idlib")}</b></p></div>'
    text, spans = body_text_spans(html)
    assert text == "Tom & Jerry\n  fled <north>.\nThen Idlib"
    assert [(s.kind, s.record_id, s.start, s.end, s.exact) for s in spans] == [
        ("claim", 7, 14, 26, "fled <north>"),
        ("place", 3, 33, 38, "Idlib"),
    ]
    assert (spans[1].prefix, spans[1].suffix) == ("om & Jerry\n  fled <north>.\nThen ", "")


def test_anchors_without_a_record_are_text_only():
    text, spans = body_text_spans('<p><a>gone</a> <a data-annotation="claim" data-id="abc">bad</a> kept</p>')
    assert (text, spans) == ("gone bad kept", [])


def test_carriage_returns_are_read_as_the_newlines_every_html_parser_makes_of_them():
    assert body_text("<p>one\r\ntwo\rthree</p>") == "one\ntwo\nthree"


def test_context_grows_until_prefix_quote_and_suffix_occur_once():
    repeated = "x" * 40 + "Idlib" + "y" * 40
    html = f'<p>{"x" * 40}{anchor("place", 1, "Idlib")}{"y" * 40}</p><p>{repeated}</p>'
    text, (span,) = body_text_spans(html)
    assert (span.prefix, span.suffix) == ("x" * 40, "y" * 40 + "x" * 24)
    context = span.prefix + span.exact + span.suffix
    assert text.count(context) == 1


def test_rows_pair_with_spans_of_their_record_in_order_and_a_missing_one_is_left_out():
    _text, spans = body_text_spans(
        f'<p>{anchor("claim", 1, "a")} {anchor("place", 2, "b")} {anchor("claim", 1, "c")}</p>'
    )
    rows = [Annotation(kind="claim", claim_id=1), Annotation(kind="source", source_id=9),
            Annotation(kind="place", location_id=2), Annotation(kind="claim", claim_id=1)]
    pairs = spans_for_annotations(rows, spans)
    assert [(row.kind, span.exact) for row, span in pairs] == [("claim", "a"), ("place", "b"), ("claim", "c")]


@pytest.mark.django_db
def test_the_rendered_body_has_no_carriage_return_and_rows_count_on_its_text(site_tree):
    claim = make_claim(statement="Turkey will withdraw.")
    body = [
        ("quote", {"text": "We hold.\r\nWe stay.", "attribution": "said a commander", "source": None}),
        ("paragraph", f'<p>Then <a linktype="claim" id="{claim.pk}">Turkey &amp; Russia</a> met.</p>'),
    ]
    page = make_article(site_tree["news"], body=body)
    body_html = annotated_body(page)["body_html"]
    assert "\r" not in body_html
    text = body_text(body_html)
    row = Annotation.objects.get(page=page)
    assert row.quote == "Turkey & Russia"
    assert text[row.position:row.position + len(row.quote)] == row.quote
    assert text[:row.position].endswith(row.prefix)
    assert row.prefix == "stay.\n  said a commander\n\n\nThen "
    assert row.suffix == " met."


@pytest.mark.django_db
def test_api_offsets_follow_text_that_changes_without_a_publish(site_tree, conflict, client_for):
    """A quote captioned with its source shows the source's current label; offsets after it move with it."""
    claim = make_claim(statement="Turkey will withdraw.", conflict=conflict)
    source = SourceFactory(public_label="a source")
    body = [
        ("quote", {"text": "We hold.", "attribution": "", "source": source}),
        ("paragraph", f'<p>Then <a linktype="claim" id="{claim.pk}">Turkey withdrew</a>.</p>'),
    ]
    page = make_article(site_tree["news"], conflict=conflict, body=body)
    source.public_label = "a security source speaking to TRT World"
    source.save()

    data = client_for.get(f"/api/v1/articles/{page.pk}/").json()
    text = body_text(data["body_html"])
    assert "a security source speaking to TRT World" in text
    (annotation,) = data["annotations"]
    assert text[annotation["position"]:annotation["position"] + len(annotation["quote"])] == "Turkey withdrew"
    items = client_for.get(f"/api/v1/articles/{page.pk}/annotations/").json()["items"]
    position = items[0]["target"]["selector"][1]["refinedBy"]
    assert (position["start"], position["end"]) == (annotation["position"], annotation["position"] + 15)
