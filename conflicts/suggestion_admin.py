"""The page editor's annotation assistant: suggestions for one rich-text field, dismissing, accepting.

Every view answers JSON and only to users who can edit the page (403 otherwise). Unreadable input
gets a 400 with a message the editor can act on, never a 500. Accepting makes or finds records;
the editor ties them to the text and saves the page as usual, so the assistant changes no text
and publishes nothing.
"""

import json
import math

from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.http import require_POST
from wagtail.models import Page

from .assistant import AssistantInputError, figure_fields
from .choices import AnnotationKind, GeoPrecision, SuggestionKind
from .models import Location, ReportingPageMixin, Source
from .rich_text import entity_data
from .services.suggestions import (
    suggestion_accept_attribution,
    suggestion_accept_figure,
    suggestion_accept_place,
    suggestion_accept_source,
    suggestion_dismiss,
)
from .suggestions import suggestion_list_for_page


class BadSuggestionRequest(Exception):
    """The request cannot be answered as sent; the message says what to change, and the status why."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.status = status


def answers_json(view):
    """Loads the page the user may edit and the JSON body, and turns refusals into JSON answers."""

    @require_POST
    def wrapped(request, page_id):
        page = get_object_or_404(Page, pk=page_id).specific
        if not page.permissions_for_user(request.user).can_edit():
            return JsonResponse({"error": "You cannot edit this page, so you cannot annotate it."}, status=403)
        try:
            return view(request, page, _json_body(request))
        except BadSuggestionRequest as refusal:
            return JsonResponse({"error": str(refusal)}, status=refusal.status)
        except AssistantInputError as error:
            return JsonResponse({"error": str(error)}, status=400)
        except ValidationError as error:
            return JsonResponse({"error": " ".join(error.messages)}, status=400)

    return wrapped


def _json_body(request):
    try:
        payload = json.loads(request.body or b"{}")
    except RequestDataTooBig:
        raise BadSuggestionRequest("The text is too long to send; ask for suggestions per block.") from None
    except (ValueError, UnicodeDecodeError):
        raise BadSuggestionRequest("The request is not JSON; reload the page and try again.") from None
    if not isinstance(payload, dict):
        raise BadSuggestionRequest("The request must be a JSON object.")
    return payload


def _text(payload, name):
    value = payload.get(name, "")
    if not isinstance(value, str):
        raise BadSuggestionRequest(f"'{name}' must be text.")
    return value


@answers_json
def suggestions_list(request, page, payload):
    """Suggestions for the text of one rich-text field or block ({"text": ...}), offsets in UTF-16 units."""
    return JsonResponse(suggestion_list_for_page(page=page, text=_text(payload, "text")))


@answers_json
def suggestions_dismiss(request, page, payload):
    """Dismisses a suggestion ({"kind", "text"}) for this page."""
    dismissal = suggestion_dismiss(page=page, kind=_text(payload, "kind"), text=_text(payload, "text"),
                                   by=request.user)
    return JsonResponse({"kind": dismissal.kind, "text": dismissal.text}, status=201)


@answers_json
def suggestions_accept(request, page, payload):
    """Makes or finds the records of an accepted suggestion; answers what the editor keeps on each span."""
    kind = _text(payload, "kind")
    if kind == SuggestionKind.FIGURE:
        _require(request.user, "add_figure", "figures")
        figure = suggestion_accept_figure(conflict=_page_conflict(page), fields=_figure_fields(payload), by=request.user)
        return JsonResponse({"figure": entity_data(AnnotationKind.FIGURE, figure)})
    if kind == SuggestionKind.PLACE:
        location = suggestion_accept_place(place=_place(request.user, payload))
        return JsonResponse({"place": entity_data(AnnotationKind.PLACE, location)})
    if kind != SuggestionKind.ATTRIBUTION:
        raise BadSuggestionRequest(f"Unknown suggestion kind {kind!r}: use attribution, place or figure.")
    source = _source(request.user, payload.get("source"))
    statement = _text(payload, "statement")
    if not statement.strip():
        if source is None:
            raise BadSuggestionRequest("Give the claim's statement or its source.")
        source = suggestion_accept_source(source=source)
        return JsonResponse({"source": entity_data(AnnotationKind.SOURCE, source)})
    _require(request.user, "add_claim", "claims")
    claim, source = suggestion_accept_attribution(
        conflict=_page_conflict(page), statement=statement, status=_text(payload, "status"), by=request.user,
        source=source, how_obtained=_text(payload, "how_obtained")[:255],
    )
    answer = {"claim": entity_data(AnnotationKind.CLAIM, claim)}
    if source is not None:
        answer["source"] = entity_data(AnnotationKind.SOURCE, source)
    return JsonResponse(answer)


def _require(user, codename, records):
    if not user.has_perm(f"conflicts.{codename}"):
        raise BadSuggestionRequest(f"You cannot add {records}; ask an editor who can.", status=403)


def _page_conflict(page):
    """The conflict of the page's latest draft, the one the editor has open."""
    if not isinstance(page, ReportingPageMixin):
        raise BadSuggestionRequest("This page type carries no annotations.")
    return page.get_latest_revision_as_object().conflict


def _source(user, proposal):
    """The suggested source: an existing Source by record_id, or the fields of a new one."""
    if proposal is None:
        return None
    if not isinstance(proposal, dict):
        raise BadSuggestionRequest("'source' must be an object.")
    if proposal.get("record_id"):
        source = Source.objects.only("pk", "public_label").filter(pk=_id(proposal["record_id"])).first()
        if source is None:
            raise BadSuggestionRequest("That source no longer exists; suggest again.")
        return source
    _require(user, "add_source", "sources")
    return {
        "public_label": _text(proposal, "public_label"),
        "kind": _text(proposal, "kind"),
        "is_anonymous": bool(proposal.get("anonymous")),
        "anonymity_reason": _text(proposal, "anonymity_reason"),
    }


def _place(user, payload):
    """The suggested place: an existing Location by location_id, or the gazetteer's proposal."""
    if payload.get("location_id"):
        location = Location.objects.filter(pk=_id(payload["location_id"])).first()
        if location is None:
            raise BadSuggestionRequest("That place no longer exists; suggest again.")
        return location
    _require(user, "add_location", "places")
    precision = payload.get("precision") or GeoPrecision.SETTLEMENT
    return {
        "name": _text(payload, "name"),
        "kind": _text(payload, "place_kind"),
        "latitude": _number(payload.get("latitude")),
        "longitude": _number(payload.get("longitude")),
        "geonames_id": _id(payload["geonames_id"]) if payload.get("geonames_id") else None,
        "geo_precision": precision if precision in GeoPrecision.values else GeoPrecision.SETTLEMENT,
    }


def _figure_fields(payload):
    """The suggested figure's fields; numbers that are not whole and non-negative are refused."""
    for name in ("low", "high"):
        value = payload.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise BadSuggestionRequest(f"'{name}' must be a whole number of at least 0, or null.")
    if not _text(payload, "text").strip():
        raise BadSuggestionRequest("Give the figure's words ('text').")
    return figure_fields({**payload, "counts": _text(payload, "counts")})


def _id(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise BadSuggestionRequest(f"{value!r} is not a record id.") from None


def _number(value):
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise BadSuggestionRequest("Coordinates must be numbers.")
    return value


urlpatterns = [
    path("conflicts/pages/<int:page_id>/suggestions/", suggestions_list, name="conflicts_suggestions"),
    path("conflicts/pages/<int:page_id>/suggestions/dismiss/", suggestions_dismiss,
         name="conflicts_suggestions_dismiss"),
    path("conflicts/pages/<int:page_id>/suggestions/accept/", suggestions_accept,
         name="conflicts_suggestions_accept"),
]
