"""Fields shared by the extension's records: timestamps, event time, and a status kept with its history."""

import calendar
from datetime import timedelta
from functools import lru_cache
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.formats import date_format
from encrypted_model_fields.fields import EncryptedTextField

from ..choices import ClaimStatus, EventPrecision

# Stands for a record's id or slug in a reversed URL: both the int and the slug converters accept it.
URL_PLACEHOLDER = "9876543210123"


@lru_cache(maxsize=128)
def _url_pattern(viewname, kwarg, urlconf, script_prefix):
    return reverse(viewname, kwargs={kwarg: URL_PLACEHOLDER}, urlconf=urlconf)


def record_url(viewname, kwarg, value):
    """reverse(viewname, kwargs={kwarg: value}) for a record page, reversed once per URLconf and
    script prefix rather than once per record: a page listing two hundred records links them all."""
    pattern = _url_pattern(viewname, kwarg, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    return pattern.replace(URL_PLACEHOLDER, quote(str(value), safe=""))


class MergeableQuerySet(models.QuerySet):
    """Records that are still records, and the tombstones of those merged into another."""

    def current(self):
        return self.filter(merged_into__isnull=True)

    def merged(self):
        return self.filter(merged_into__isnull=False)


class MergeableMixin(models.Model):
    """A record that can be merged into its duplicate: it stays as a tombstone naming the record kept,
    so its address, its partners' copies and its history still lead somewhere.
    Written only by conflicts.services.merges.merge_records()."""

    merged_into = models.ForeignKey(
        "self", null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="merged_records",
        help_text="The record this duplicate was merged into; set, this record is a tombstone.",
    )

    class Meta:
        abstract = True

    @property
    def is_merged(self):
        return self.merged_into_id is not None


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True


# Event time


def event_period_start(day, precision):
    """The first day of the period of `precision` that contains `day`."""
    if precision == EventPrecision.WEEK:
        return day - timedelta(days=day.weekday())
    if precision == EventPrecision.MONTH:
        return day.replace(day=1)
    if precision == EventPrecision.YEAR:
        return day.replace(month=1, day=1)
    return day


def event_period_end(day, precision):
    """The last day of the period of `precision` that contains `day`."""
    if precision == EventPrecision.WEEK:
        return day + timedelta(days=6 - day.weekday())
    if precision == EventPrecision.MONTH:
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if precision == EventPrecision.YEAR:
        return day.replace(month=12, day=31)
    return day


PERIOD_WORDS = {
    EventPrecision.WEEK: ("a week", "a Monday", "a Sunday"),
    EventPrecision.MONTH: ("a month", "the first day of a month", "the last day of a month"),
    EventPrecision.YEAR: ("a year", "1 January", "31 December"),
}


def event_time_constraints(prefix):
    """The database's share of the event-time rules, named after the model (`prefix`)."""
    return [
        models.CheckConstraint(
            condition=Q(event_end__isnull=True) | Q(event_start__isnull=False, event_end__gte=F("event_start")),
            name=f"{prefix}_event_end_after_start",
            violation_error_message="The event cannot end before it starts, nor end without a start.",
        ),
        models.CheckConstraint(
            condition=Q(event_precision__in=EventPrecision.values),
            name=f"{prefix}_event_precision_valid",
            violation_error_message="Unknown event-time precision.",
        ),
    ]


class EventTimeMixin(models.Model):
    """When what the record describes happened, as precisely as it is known (not when it was reported).

    The dates cover whole periods of the precision: a month-precision event starts on the first
    day of a month and ends on the last day of one. Without an end, `clean()` ends the event
    with the period it starts in, so "October 2020" is stored as 1-31 October 2020 and a date
    filter is a plain overlap of two ranges. Models add `event_time_constraints()` to their Meta.
    """

    event_start = models.DateField(
        "event start", null=True, blank=True, help_text="When it happened; empty when unknown."
    )
    event_end = models.DateField(
        "event end", null=True, blank=True,
        help_text="For a period; left empty, the event ends with the period it starts in.",
    )
    event_precision = models.CharField(
        "event precision", max_length=8, choices=EventPrecision.choices, default=EventPrecision.DAY,
        help_text='How precisely the time is known: "earlier in October" is month precision.',
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        self.event_time_clean()

    def event_time_clean(self):
        if self.event_start is None:
            if self.event_end is not None:
                raise ValidationError({"event_start": "Give the start of the event as well as its end."})
            return
        precision = self.event_precision
        if precision not in EventPrecision.values:
            return
        if precision in PERIOD_WORDS:
            period, first, last = PERIOD_WORDS[precision]
            if event_period_start(self.event_start, precision) != self.event_start:
                raise ValidationError({"event_start": f"An event known to {period} starts on {first}."})
            if self.event_end is not None and event_period_end(self.event_end, precision) != self.event_end:
                raise ValidationError({"event_end": f"An event known to {period} ends on {last}."})
        if self.event_end is None:
            self.event_end = event_period_end(self.event_start, precision)
        if self.event_end < self.event_start:
            raise ValidationError({"event_end": "The event cannot end before it starts."})

    @property
    def event_label(self):
        """The event time as readers read it: "5 October 2020", "October 2020", "2019–2020"."""
        if self.event_start is None:
            return ""
        start, end, precision = self.event_start, self.event_end or self.event_start, self.event_precision
        formats = {EventPrecision.MONTH: "F Y", EventPrecision.YEAR: "Y"}
        if precision == EventPrecision.WEEK:
            label = f"week of {date_format(start, 'j F Y')}"
            return label if end == event_period_end(start, precision) else f"{label} to {date_format(end, 'j F Y')}"
        shown = formats.get(precision, "j F Y")
        first, last = date_format(start, shown), date_format(end, shown)
        return first if first == last else f"{first}–{last}"


# Status with its history


class StatusChangeOutsideHistory(Exception):
    """A record's status was written without going through its status service."""


def status_outside_history(model):
    return StatusChangeOutsideHistory(
        f"{model._meta.verbose_name.capitalize()} status can only change through {model.status_service}(), "
        f"which records the change in the {model._meta.verbose_name}'s history."
    )


class StatusGuardedQuerySet(models.QuerySet):
    """Refuses bulk status writes: a status changes only through the service that records it."""

    def update(self, **kwargs):
        if "status" in kwargs:
            raise status_outside_history(self.model)
        return super().update(**kwargs)


class StatusHistoryMixin(models.Model):
    """A status (ClaimStatus vocabulary) that changes only through `status_service`.

    That service (see conflicts.services.status_history) writes the history row first and marks
    the record; `save()` refuses any other status change, so none can go unrecorded.
    """

    status_service = None

    status = models.CharField(
        max_length=16,
        choices=ClaimStatus.choices,
        default=ClaimStatus.UNCONFIRMED,
        editable=False,
    )
    status_changed_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        stored = getattr(self, "_stored_status", None)
        if self.pk and stored is not None and stored != self.status and not getattr(
            self, "_status_change_recorded", False
        ):
            raise status_outside_history(type(self))
        super().save(*args, **kwargs)
        self._stored_status = self.status
        self._status_change_recorded = False

    @classmethod
    def from_db(cls, db, field_names, values, *args, **kwargs):
        # Later Django versions pass more arguments (Django 6.1: fetch_mode); pass them on.
        instance = super().from_db(db, field_names, values, *args, **kwargs)
        instance._stored_status = instance.__dict__.get("status")
        return instance

class AbstractStatusChange(models.Model):
    """One step of a record's status history; concrete models add the foreign key `status_changes`."""

    from_status = models.CharField(max_length=16, choices=ClaimStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=ClaimStatus.choices)
    note = models.TextField(help_text="Why the status changed, as readers will see it.")
    internal_note = EncryptedTextField(
        blank=True,
        help_text="For the newsroom only: never shown to readers, partners or webhooks. Encrypted.",
    )
    evidence_url = models.URLField(max_length=500, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.from_status or 'new'} → {self.to_status}"


def status_change_constraints(prefix):
    return [
        models.CheckConstraint(condition=Q(to_status__in=ClaimStatus.values), name=f"{prefix}_to_valid"),
        models.CheckConstraint(
            condition=Q(from_status="") | Q(from_status__in=ClaimStatus.values),
            name=f"{prefix}_from_valid",
        ),
        models.CheckConstraint(
            condition=~Q(from_status=models.F("to_status")),
            name=f"{prefix}_changes_status",
            violation_error_message="A status change must change the status.",
        ),
    ]

