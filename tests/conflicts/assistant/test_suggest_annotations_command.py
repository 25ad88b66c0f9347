"""`manage.py suggest_annotations FILE` prints the suggestions as one JSON object."""

import io
import json
import sys

import pytest
from django.core.management import CommandError, call_command

from newsroom.demo.content import ARTICLE_TEXT_PATH

ATTRIBUTION_KEYS = {"cue", "source", "claim", "hedge"}
SPAN_KEYS = {"start", "end", "text"}
SOURCE_KEYS = SPAN_KEYS | {"kind", "anonymous", "record_id"}
PLACE_KEYS = SPAN_KEYS | {"location_id", "kind", "geonames_id", "latitude", "longitude"}
FIGURE_KEYS = SPAN_KEYS | {"low", "high", "counts"}


def run(*args):
    out = io.StringIO()
    call_command("suggest_annotations", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_the_demo_article_prints_json_in_the_documented_shape():
    result = run(str(ARTICLE_TEXT_PATH))
    text = ARTICLE_TEXT_PATH.read_text(encoding="utf-8")
    assert set(result) == {"attributions", "places", "figures"}
    assert result["attributions"] and result["places"] and result["figures"]
    for attribution in result["attributions"]:
        assert set(attribution) == ATTRIBUTION_KEYS
        assert set(attribution["cue"]) == SPAN_KEYS == set(attribution["claim"])
        assert set(attribution["source"]) == SOURCE_KEYS
        assert attribution["hedge"] in {"none", "unconfirmed", "unverified", "reportedly", "alleged", "disputed", "denied"}
    assert all(set(place) == PLACE_KEYS for place in result["places"])
    assert all(set(figure) == FIGURE_KEYS for figure in result["figures"])
    spans = [s for a in result["attributions"] for s in (a["cue"], a["source"], a["claim"])]
    assert all(text[s["start"]:s["end"]] == s["text"] for s in spans + result["places"] + result["figures"])
    assert {"text": "between 10,000 and 15,000", "low": 10000, "high": 15000, "counts": "troops"}.items() <= next(
        f for f in result["figures"] if f["low"] == 10000).items()


@pytest.mark.django_db
def test_the_desk_records_are_linked_when_the_demo_is_loaded():
    from newsroom.demo.loader import demo_load

    demo_load(admin_password="irrelevant-for-this-test")
    result = run(str(ARTICLE_TEXT_PATH))
    morek = next(p for p in result["places"] if p["text"] == "Morek")
    assert morek["location_id"] is not None and morek["kind"] == "military_post"


def test_standard_input_is_read_with_a_dash(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Two civilians were killed in Idlib, activists said.")))
    result = run("-", "--no-desk")
    assert [f["text"] for f in result["figures"]] == ["Two"]
    assert result["attributions"][0]["source"]["text"] == "activists"


def test_an_empty_file_prints_empty_lists(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    assert run(str(tmp_path / "empty.txt"), "--no-desk") == {"attributions": [], "places": [], "figures": []}


@pytest.mark.parametrize("content, message", [
    ("a" * 200_000, "at most 100,000 characters"),
    (b"\xff\xfe not utf-8", "is not UTF-8 text"),
])
def test_bad_files_get_a_clear_command_error(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(CommandError, match=message):
        call_command("suggest_annotations", str(path), "--no-desk", stdout=io.StringIO())


def test_a_missing_file_gets_a_clear_command_error():
    with pytest.raises(CommandError, match="No such file: /no/such/article.txt"):
        call_command("suggest_annotations", "/no/such/article.txt", "--no-desk", stdout=io.StringIO())
