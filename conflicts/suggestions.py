"""The assistant's suggestions for one page in the editor: dismissed ones left out, records named,
offsets counted as the editor counts them.

Draftail counts text in UTF-16 code units (JavaScript string indices) while the assistant counts
Python characters; the two differ after any character outside the Basic Multilingual Plane (an
emoji, some CJK), so every offset is converted before it leaves, and the editor selects exactly
the words suggested. Only public fields of sources are read or returned.
"""

from itertools import accumulate

from .assistant import annotations_suggest, vocabulary_load
from .choices import ClaimStatus, SuggestionKind
from .models import DismissedSuggestion, Location, Source, suggestion_key

HEDGE_STATUSES = {"denied": ClaimStatus.DENIED, "disputed": ClaimStatus.DISPUTED}


def suggestion_list_for_page(*, page, text, vocabulary=None):
    """Suggestions for `text` (one rich-text field or block of `page`) without those dismissed on
    the page. Raises AssistantInputError, with a message for the editor, for text it cannot read."""
    suggestions = annotations_suggest(text, vocabulary=vocabulary if vocabulary is not None else vocabulary_load())
    dismissed = set(DismissedSuggestion.objects.filter(page_id=page.pk).values_list("kind", "key"))
    attributions = [a for a in suggestions["attributions"]
                    if (SuggestionKind.ATTRIBUTION, suggestion_key(attribution_text(a))) not in dismissed]
    places = [p for p in suggestions["places"] if (SuggestionKind.PLACE, suggestion_key(p["text"])) not in dismissed]
    figures = [f for f in suggestions["figures"] if (SuggestionKind.FIGURE, suggestion_key(f["text"])) not in dismissed]
    _name_records(attributions, places)
    for attribution in attributions:
        attribution["text"] = attribution_text(attribution)
        attribution["status"] = HEDGE_STATUSES.get(attribution["hedge"], ClaimStatus.UNCONFIRMED)
    _count_utf16(text, [span for a in attributions for span in (a["cue"], a["source"], a["claim"]) if span])
    _count_utf16(text, places + figures)
    return {"attributions": attributions, "places": places, "figures": figures}


def attribution_text(attribution):
    """What an attribution is known by when dismissed: its claim, or its cue and source without one."""
    claim = attribution.get("claim") or {}
    if claim.get("text", "").strip():
        return claim["text"]
    parts = [(attribution.get(part) or {}).get("text", "") for part in ("source", "cue")]
    return " ".join(part for part in parts if part)


def _name_records(attributions, places):
    """The existing record of each suggestion named by its public label, in one query per kind."""
    source_ids = {a["source"]["record_id"] for a in attributions if a["source"] and a["source"]["record_id"]}
    location_ids = {p["location_id"] for p in places if p["location_id"]}
    labels = dict(Source.objects.filter(pk__in=source_ids).values_list("pk", "public_label")) if source_ids else {}
    names = dict(Location.objects.filter(pk__in=location_ids).values_list("pk", "name")) if location_ids else {}
    for attribution in attributions:
        if attribution["source"]:
            attribution["source"]["record_label"] = labels.get(attribution["source"]["record_id"])
    for place in places:
        place["location_label"] = names.get(place["location_id"])


def _count_utf16(text, spans):
    """Rewrites start and end of each span from Python indices to UTF-16 code units of `text`."""
    if all(ord(char) <= 0xFFFF for char in text):
        return
    units = [0, *accumulate(2 if ord(char) > 0xFFFF else 1 for char in text)]
    for span in spans:
        span["start"], span["end"] = units[span["start"]], units[span["end"]]
