"""Creating claims and changing their status, always with a history row."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..choices import ClaimStatus
from ..models import Claim, ClaimAttribution, ClaimStatusChange
from ..signals import claim_status_changed


@transaction.atomic
def claim_create(*, statement, conflict, status=ClaimStatus.UNCONFIRMED, by=None, note="",
                 places=(), attributions=()):
    """Creates a claim and the first row of its history, so its timeline starts at creation.

    `attributions` is an iterable of dicts with source, how_obtained and credibility.
    """
    if status not in ClaimStatus.values:
        raise ValidationError({"status": f"Unknown claim status {status!r}."})
    claim = Claim(statement=statement, conflict=conflict, status=status, status_changed_at=timezone.now())
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
    if claim.status_changes.exists():
        raise ValidationError("This claim's history has already started.")
    return ClaimStatusChange.objects.create(
        claim=claim,
        from_status="",
        to_status=claim.status,
        note=(note or "").strip() or "Claim recorded.",
        evidence_url=evidence_url,
        internal_note=(internal_note or "").strip(),
        changed_by=by,
        changed_at=claim.status_changed_at,
    )


@transaction.atomic
def claim_change_status(*, claim, to, by, note, evidence_url="", internal_note="", at=None):
    """Moves a claim to a new status.

    Writes the history row first and locks the claim row, so no status change can go
    unrecorded and two editors cannot interleave changes. `note` is written for readers and
    partners; `internal_note` stays in the newsroom's admin.
    """
    if to not in ClaimStatus.values:
        raise ValidationError({"status": f"Unknown claim status {to!r}."})
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    if locked.status == to:
        raise ValidationError({"status": f"The claim is already {ClaimStatus(to).label.lower()}."})
    if not note or not note.strip():
        raise ValidationError({"note": "Say why the status changed; readers see this note."})
    change = ClaimStatusChange(
        claim=locked,
        from_status=locked.status,
        to_status=to,
        note=note.strip(),
        evidence_url=evidence_url,
        internal_note=(internal_note or "").strip(),
        changed_by=by,
        changed_at=at or timezone.now(),
    )
    change.full_clean()
    change.save()
    locked.status = to
    locked.status_changed_at = change.changed_at
    locked._status_change_recorded = True
    locked.save(update_fields=["status", "status_changed_at", "updated_at"])
    claim.status = locked.status
    claim.status_changed_at = locked.status_changed_at
    claim._stored_status = locked.status
    transaction.on_commit(lambda: _after_status_change(change))
    return change


def _after_status_change(change):
    """Hook point for side effects of a committed status change (cache purge, webhooks)."""
    claim_status_changed.send(sender=ClaimStatusChange, change=change)
