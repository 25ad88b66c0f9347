"""What an editor does with the assistant's suggestions: dismiss one for a page, or accept one as records.

Accepting makes or finds the records only; the editor ties them to the text and saves the page
as usual, so nothing is annotated or published without the editor.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from ..choices import ClaimStatus, SuggestionKind
from ..models import DismissedSuggestion, Location, Source, suggestion_key, suggestion_text_normalise
from .claims import claim_create
from .figures import figure_create
from .locations import location_find_or_create
from .sources import source_find_or_create


def suggestion_dismiss(*, page, kind, text, by):
    """Records that `text` is not to be suggested as `kind` on `page` again; dismissing twice
    keeps the first dismissal."""
    if kind not in SuggestionKind.values:
        raise ValidationError({"kind": f"Unknown suggestion kind {kind!r}: use attribution, place or figure."})
    normalised = suggestion_text_normalise(text)
    if not normalised:
        raise ValidationError({"text": "Nothing to dismiss: the suggestion has no text."})
    dismissal, _created = DismissedSuggestion.objects.get_or_create(
        page=page, kind=kind, key=suggestion_key(text), defaults={"text": normalised, "dismissed_by": by},
    )
    return dismissal


@transaction.atomic
def suggestion_accept_attribution(*, conflict, statement, status, by, source=None, how_obtained=""):
    """The claim of an accepted attribution, with its source (an existing Source, or a dict for
    source_find_or_create) attributed; returns (claim, source). Both are written or neither."""
    _require_conflict(conflict, "claims")
    if isinstance(source, dict):
        source = source_find_or_create(**source)
    attributions = [{"source": source, "how_obtained": how_obtained, "credibility": 6}] if source else []
    claim = claim_create(statement=statement.strip(), conflict=conflict, status=status or ClaimStatus.UNCONFIRMED,
                         by=by, note="Recorded from the annotation assistant's suggestion.",
                         attributions=attributions)
    return claim, source


def suggestion_accept_source(*, source):
    """An accepted source on its own: the existing record, or one found or made from the dict."""
    return source if isinstance(source, Source) else source_find_or_create(**source)


def suggestion_accept_place(*, place):
    """An accepted place: the existing Location, or one found or made from the gazetteer's proposal."""
    return place if isinstance(place, Location) else location_find_or_create(**place)



def suggestion_accept_figure(*, conflict, fields, by):
    """The figure of an accepted suggestion (`fields` as assistant.figure_fields gives them), recorded
    unconfirmed with its history; the editor adds its source and tally in the figure's form."""
    _require_conflict(conflict, "figures")
    return figure_create(**fields, conflict=conflict, status=ClaimStatus.UNCONFIRMED, by=by,
                         note="Recorded from the annotation assistant's suggestion.")


def _require_conflict(conflict, records):
    if conflict is None:
        raise ValidationError({"conflict": "Choose the page's conflict (What the article is about) and save "
                                           f"the draft before accepting {records}."})
