"""Status changes of attributed records (claims, figures): the one path, always with a history row.

A record with a status history has `status_changes` (its AbstractStatusChange rows) and the
StatusHistoryMixin guard, which refuses any status write not marked by this module.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..choices import ClaimStatus


def _history(record):
    relation = type(record)._meta.get_field("status_changes")
    return relation.related_model, relation.field.name


def _noun(record):
    return type(record)._meta.verbose_name


def status_check(model, status):
    if status not in ClaimStatus.values:
        raise ValidationError({"status": f"Unknown {model._meta.verbose_name} status {status!r}."})


def status_history_start(*, record, by, note="", evidence_url="", internal_note=""):
    """Writes the first history row of a newly saved record: its status when it was recorded."""
    if record.status_changes.exists():
        raise ValidationError(f"This {_noun(record)}'s history has already started.")
    change_model, record_field = _history(record)
    return change_model.objects.create(
        **{record_field: record},
        from_status="",
        to_status=record.status,
        note=(note or "").strip() or f"{_noun(record).capitalize()} recorded.",
        evidence_url=evidence_url,
        internal_note=(internal_note or "").strip(),
        changed_by=by,
        changed_at=record.status_changed_at,
    )


@transaction.atomic
def status_change_record(*, record, to, by, note, evidence_url="", internal_note="", at=None, signal=None):
    """Moves a record to a new status.

    Locks the record's row and writes the history row first, so no status change can go
    unrecorded and two editors cannot interleave changes. `signal` is sent with `change=` once
    the transaction commits.
    """
    status_check(type(record), to)
    change_model, record_field = _history(record)
    locked = type(record).objects.select_for_update().get(pk=record.pk)
    if locked.status == to:
        raise ValidationError({"status": f"The {_noun(record)} is already {ClaimStatus(to).label.lower()}."})
    if not note or not note.strip():
        raise ValidationError({"note": "Say why the status changed; readers see this note."})
    change = change_model(
        **{record_field: locked},
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
    record.status = locked.status
    record.status_changed_at = locked.status_changed_at
    record._stored_status = locked.status
    if signal is not None:
        transaction.on_commit(lambda: signal.send(sender=change_model, change=change))
    return change
