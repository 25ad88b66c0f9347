"""Creating claims and changing their status, always with a history row."""

from django.db import transaction
from django.utils import timezone

from ..choices import ClaimStatus, EventPrecision
from ..models import Claim, ClaimAttribution
from ..signals import claim_status_changed
from .status_history import status_change_record, status_check, status_history_start


@transaction.atomic
def claim_create(*, statement, conflict, status=ClaimStatus.UNCONFIRMED, by=None, note="",
                 places=(), attributions=(), event_start=None, event_end=None,
                 event_precision=EventPrecision.DAY):
    """Creates a claim and the first row of its history, so its timeline starts at creation.

    `attributions` is an iterable of dicts with source, how_obtained and credibility.
    """
    status_check(Claim, status)
    claim = Claim(
        statement=statement, conflict=conflict, status=status, status_changed_at=timezone.now(),
        event_start=event_start, event_end=event_end, event_precision=event_precision,
    )
    claim.full_clean()
    claim.save()
    claim.places.set(places)
    for order, attribution in enumerate(attributions):
        row = ClaimAttribution(claim=claim, sort_order=order, **attribution)
        row.full_clean()
        row.save()
    claim_history_start(claim=claim, by=by, note=note)
    return claim


def claim_history_start(*, claim, by, note="", evidence_url="", internal_note=""):
    """Writes the first history row of a newly saved claim: its status when it was recorded."""
    return status_history_start(
        record=claim, by=by, note=note, evidence_url=evidence_url, internal_note=internal_note
    )


def claim_change_status(*, claim, to, by, note, evidence_url="", internal_note="", at=None):
    """Moves a claim to a new status.

    Writes the history row first and locks the claim row, so no status change can go
    unrecorded and two editors cannot interleave changes. `note` is written for readers and
    partners; `internal_note` stays in the newsroom's admin.
    """
    return status_change_record(
        record=claim, to=to, by=by, note=note, evidence_url=evidence_url, internal_note=internal_note, at=at,
        signal=claim_status_changed,
    )
