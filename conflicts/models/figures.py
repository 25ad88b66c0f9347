"""Figures (numbers in the text, as attributed information) and the tallies that group them by event."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from ..choices import ClaimStatus, FigureCounted, FigureCounts
from ..widgets import places_chooser
from .mixins import (
    AbstractStatusChange,
    EventTimeMixin,
    StatusGuardedQuerySet,
    StatusHistoryMixin,
    TimestampedModel,
    event_time_constraints,
    status_change_constraints,
)

EVENT_PANEL = FieldRowPanel(
    [FieldPanel("event_start"), FieldPanel("event_end"), FieldPanel("event_precision")], heading="When it happened"
)


def _ordered(lower, upper):
    return Q(**{f"{lower}__isnull": True}) | Q(**{f"{upper}__isnull": True}) | Q(**{f"{lower}__lte": models.F(upper)})


class Tally(index.Indexed, EventTimeMixin, TimestampedModel):
    """The figures several sources give for one event, and which one the newsroom uses in its own text."""

    name = models.CharField(max_length=255, help_text='The event counted, e.g. "Turkish troops in north-west Idlib".')
    conflict = models.ForeignKey("conflicts.Conflict", on_delete=models.PROTECT, related_name="tallies")
    used_figure = models.ForeignKey(
        "conflicts.Figure", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The figure the newsroom uses in its own text; one of this tally's figures.",
    )
    is_published = models.BooleanField(
        default=False,
        help_text="Readers and partners see the tally and its figures once it is published and its conflict "
                  "has public coverage.",
    )

    panels = [
        FieldPanel("name"), FieldPanel("conflict"), EVENT_PANEL, FieldPanel("used_figure"), FieldPanel("is_published"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("conflict")]

    class Meta:
        ordering = ["-event_start", "name", "pk"]
        verbose_name_plural = "tallies"
        constraints = event_time_constraints("tally")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("conflicts:tally", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        if self.used_figure_id and self.used_figure.tally_id != self.pk:
            raise ValidationError({"used_figure": "Choose one of this tally's figures."})


class FigureQuerySet(StatusGuardedQuerySet):
    pass


class Figure(index.Indexed, StatusHistoryMixin, EventTimeMixin, TimestampedModel):
    """A number as a source gives it: what and who it counts, low / best / high, and the words used."""

    status_service = "conflicts.services.figures.figure_change_status"

    counts = models.CharField(max_length=16, choices=FigureCounts.choices, help_text="What the figure counts.")
    counts_label = models.CharField(
        max_length=100, blank=True, help_text='What is counted, in a few words: required for "other".'
    )
    counted = models.CharField(
        max_length=16, choices=FigureCounted.choices, default=FigureCounted.UNSPECIFIED, help_text="Who is counted."
    )
    counted_party = models.CharField(
        max_length=200, blank=True, help_text='The party counted, e.g. "Turkish soldiers": required for a named party.'
    )
    low = models.PositiveBigIntegerField(null=True, blank=True, help_text='"At least seven" is a low of 7.')
    best = models.PositiveBigIntegerField(null=True, blank=True, help_text="The source's central figure, if it gives one.")
    high = models.PositiveBigIntegerField(null=True, blank=True, help_text='"Up to 20" is a high of 20.')
    words = models.CharField(
        max_length=255, blank=True,
        help_text='The figure as written, e.g. "dozens", "at least seven", "between 10,000 and 15,000".',
    )
    conflict = models.ForeignKey("conflicts.Conflict", on_delete=models.PROTECT, related_name="figures")
    places = models.ManyToManyField("conflicts.Location", blank=True, related_name="figures")
    source = models.ForeignKey(
        "conflicts.Source", null=True, blank=True, on_delete=models.PROTECT, related_name="figures",
        help_text="The source that gives the figure; empty when the text gives none.",
    )
    tally = models.ForeignKey(
        Tally, null=True, blank=True, on_delete=models.SET_NULL, related_name="figures",
        help_text="The event this figure counts, with the other sources' figures for it.",
    )

    objects = FigureQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("counts"), FieldPanel("counts_label")], heading="What it counts"),
        FieldRowPanel([FieldPanel("counted"), FieldPanel("counted_party")], heading="Who is counted"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("low"), FieldPanel("best"), FieldPanel("high")]), FieldPanel("words")],
            heading="The figure",
        ),
        FieldPanel("conflict"), FieldPanel("places", widget=places_chooser()), FieldPanel("source"), FieldPanel("tally"), EVENT_PANEL,
    ]
    search_fields = [
        index.SearchField("words"),
        index.AutocompleteField("words"),
        index.SearchField("counts_label"),
        index.SearchField("counted_party"),
        index.FilterField("status"),
        index.FilterField("conflict"),
        index.FilterField("counts"),
    ]

    class Meta:
        ordering = ["-status_changed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ClaimStatus.values), name="figure_status_valid",
                violation_error_message="Unknown figure status.",
            ),
            models.CheckConstraint(
                condition=Q(counts__in=FigureCounts.values), name="figure_counts_valid",
                violation_error_message="Unknown kind of figure.",
            ),
            models.CheckConstraint(
                condition=~Q(counts=FigureCounts.OTHER) | ~Q(counts_label=""), name="figure_other_has_label",
                violation_error_message='Say what an "other" figure counts.',
            ),
            models.CheckConstraint(
                condition=Q(counted__in=FigureCounted.values), name="figure_counted_valid",
                violation_error_message="Unknown group counted.",
            ),
            models.CheckConstraint(
                condition=~Q(counted=FigureCounted.NAMED_PARTY) | ~Q(counted_party=""),
                name="figure_named_party_has_name", violation_error_message="Name the party counted.",
            ),
            models.CheckConstraint(
                condition=_ordered("low", "best") & _ordered("best", "high") & _ordered("low", "high"),
                name="figure_low_best_high_ordered",
                violation_error_message="Low, best and high must be in that order (low ≤ best ≤ high).",
            ),
            *event_time_constraints("figure"),
        ]
        indexes = [models.Index(fields=["conflict", "counts"])]

    def __str__(self):
        what = self.counts_label if self.counts == FigureCounts.OTHER else self.get_counts_display().lower()
        return f"{self.figure_text} {what}"

    def get_absolute_url(self):
        """Its row on its tally's page; a figure outside a published tally has no page of its own."""
        if self.tally_id and self.tally.is_published:
            return f"{self.tally.get_absolute_url()}#figure-{self.pk}"
        return None

    @property
    def figure_text(self):
        """The figure in numbers when the source gives them ("10,000–15,000", "at least 7"), else its words."""
        low, best, high = self.low, self.best, self.high
        if best is not None and low is None and high is None:
            return f"{best:,}"
        if low is not None and high is not None:
            return f"{low:,}–{high:,}"
        if low is not None:
            return f"at least {low:,}"
        if high is not None:
            return f"up to {high:,}"
        return self.words or "?"

    def clean(self):
        super().clean()
        if self.tally_id and self.conflict_id and self.tally.conflict_id != self.conflict_id:
            raise ValidationError({"tally": "The tally counts an event of another conflict."})


class FigureStatusChange(AbstractStatusChange):
    """One step of a figure's status history; written only by figure_change_status()."""

    figure = models.ForeignKey(Figure, on_delete=models.CASCADE, related_name="status_changes")

    class Meta:
        ordering = ["changed_at", "pk"]
        get_latest_by = ["changed_at", "pk"]
        constraints = status_change_constraints("figure_change")
        indexes = [models.Index(fields=["figure", "changed_at"])]
