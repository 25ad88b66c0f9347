"""Creating figures and tallies, and changing a figure's status, always with a history row."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..choices import ClaimStatus, EventPrecision, FigureCounted
from ..models import Figure, Tally
from ..signals import figure_status_changed
from .status_history import status_change_record, status_check, status_history_start


@transaction.atomic
def figure_create(*, counts, conflict, source=None, counts_label="", counted=FigureCounted.UNSPECIFIED,
                  counted_party="", low=None, best=None, high=None, words="", places=(), tally=None,
                  event_start=None, event_end=None, event_precision=EventPrecision.DAY,
                  status=ClaimStatus.UNCONFIRMED, by=None, note=""):
    """Creates a figure and the first row of its history, so its timeline starts at creation."""
    status_check(Figure, status)
    figure = Figure(
        counts=counts, counts_label=counts_label, counted=counted, counted_party=counted_party,
        low=low, best=best, high=high, words=words, conflict=conflict, source=source, tally=tally,
        event_start=event_start, event_end=event_end, event_precision=event_precision,
        status=status, status_changed_at=timezone.now(),
    )
    figure.full_clean()
    figure.save()
    figure.places.set(places)
    figure_history_start(figure=figure, by=by, note=note)
    return figure


def figure_history_start(*, figure, by, note="", evidence_url="", internal_note=""):
    """Writes the first history row of a newly saved figure: its status when it was recorded."""
    return status_history_start(
        record=figure, by=by, note=note, evidence_url=evidence_url, internal_note=internal_note
    )


def figure_change_status(*, figure, to, by, note, evidence_url="", internal_note="", at=None):
    """Moves a figure to a new status: the claims' path (row lock, history row first, then the
    status), so a figure's status can no more change unrecorded than a claim's."""
    return status_change_record(
        record=figure, to=to, by=by, note=note, evidence_url=evidence_url, internal_note=internal_note, at=at,
        signal=figure_status_changed,
    )


@transaction.atomic
def tally_create(*, name, conflict, figures=(), used_figure=None, is_published=False,
                 event_start=None, event_end=None, event_precision=EventPrecision.DAY):
    """Creates a tally of `figures` (all of its conflict); `used_figure` must be one of them."""
    tally = Tally(
        name=name, conflict=conflict, is_published=is_published,
        event_start=event_start, event_end=event_end, event_precision=event_precision,
    )
    tally.full_clean()
    tally.save()
    for figure in figures:
        figure.tally = tally
        figure.full_clean()
        figure.save(update_fields=["tally", "updated_at"])
    if used_figure is not None:
        if used_figure not in list(figures):
            raise ValidationError({"used_figure": "Choose one of this tally's figures."})
        tally.used_figure = used_figure
        tally.save(update_fields=["used_figure", "updated_at"])
    return tally
