"""The evaluation set stays usable: every gold span's text is the report's text at its offsets."""

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "attribution"
ENTRIES = json.loads((FIXTURES / "index.json").read_text())["articles"]
ARTICLES = [entry["name"] for entry in ENTRIES]


def gold_spans(gold):
    for attribution in gold["attributions"]:
        yield from (attribution["cue"], attribution["source"], attribution["claim"])
    yield from gold["places"]
    yield from gold["figures"]


def test_the_set_has_fifteen_reports_and_keeps_a_third_aside():
    held_out = [e for e in ENTRIES if e["held_out"]]
    assert len(ARTICLES) >= 15
    assert len(held_out) * 3 >= len(ARTICLES)


def test_every_report_with_gold_is_in_the_index_once():
    assert sorted(ARTICLES) == sorted(path.name.removesuffix(".gold.json") for path in FIXTURES.glob("*.gold.json"))


def test_the_second_held_out_part_is_kept_aside_like_the_first():
    second = [e for e in ENTRIES if "part" in e]
    assert second and all(e["part"] == "held-out-2" and e["held_out"] for e in second)


@pytest.mark.parametrize("name", ARTICLES)
def test_every_gold_span_matches_the_text_at_its_offsets(name):
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    gold = json.loads((FIXTURES / f"{name}.gold.json").read_text(encoding="utf-8"))
    for span in gold_spans(gold):
        assert text[span["start"]:span["end"]] == span["text"], (name, span)


@pytest.mark.parametrize("name", ARTICLES)
def test_every_report_says_where_it_was_published(name):
    published = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    assert published["url"].startswith("http")
    assert published["outlet"]
