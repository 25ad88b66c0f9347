"""Bad input gets an empty result or a clear message, never another error."""

import pytest

from conflicts.assistant import MAX_TEXT_LENGTH, AssistantInputError, annotations_suggest

EMPTY = {"attributions": [], "places": [], "figures": []}


@pytest.mark.parametrize("text", ["", "   \n\n  ", "\u200b\u200e\ufeff"])
def test_an_empty_body_gets_empty_lists(text):
    assert annotations_suggest(text) == EMPTY


def test_a_body_over_the_limit_gets_a_message_that_says_what_to_do():
    with pytest.raises(AssistantInputError, match="at most 100,000 characters. Ask for them per block"):
        annotations_suggest("a" * 200_000)


def test_a_body_that_is_not_text_gets_a_message():
    with pytest.raises(AssistantInputError, match="must be text"):
        annotations_suggest(b"bytes")


def test_html_in_the_text_is_not_read_as_words_and_offsets_stay_those_of_the_text():
    text = '<p>Five people were killed in <a href="/places/aleppo">Aleppo</a>, activists said.</p>'
    result = annotations_suggest(text)
    assert [(p["text"], text[p["start"]:p["end"]]) for p in result["places"]] == [("Aleppo", "Aleppo")]
    assert [f["text"] for f in result["figures"]] == ["Five"]
    assert result["attributions"][0]["source"]["text"] == "activists"


@pytest.mark.parametrize("text", [
    "\ud800 lone surrogate, \x00 nul, \u202e right-to-left override said the source.",
    "👩🏽‍⚕️ Ärzte in Kyjiw sagten: 12 Tote. قال مصدر أمني إن 12 شخصا قتلوا",
    "A" * MAX_TEXT_LENGTH,
    ("said, " * 5000),
    "((((" * 10_000,
])
def test_odd_text_gets_suggestions_or_none_without_an_error(text):
    result = annotations_suggest(text)
    for span in result["places"] + result["figures"]:
        assert text[span["start"]:span["end"]] == span["text"]
