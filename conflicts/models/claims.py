"""Claims, their status history and the sources that make them."""

from functools import reduce

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index

from ..choices import ClaimStatus, Credibility
from ..conf import key_claim_models
from ..widgets import places_chooser
from .mixins import (
    AbstractStatusChange,
    EventTimeMixin,
    MergeableMixin,
    MergeableQuerySet,
    StatusChangeOutsideHistory,  # noqa: F401  (re-exported: where claims' callers have imported it from)
    StatusGuardedQuerySet,
    StatusHistoryMixin,
    TimestampedModel,
    event_time_constraints,
    record_url,
    status_change_constraints,
)


class ClaimQuerySet(MergeableQuerySet, StatusGuardedQuerySet):
    def open(self):
        return self.filter(status__in=[ClaimStatus.UNCONFIRMED, ClaimStatus.DISPUTED])

    def carried_by(self, pages):
        """Claims the given pages carry: annotated in their text, or listed as an explainer's key claims."""
        # Correlated EXISTS: each claim is probed through the index on its rows' claim (stopping at
        # the first one in `pages`), or PostgreSQL hashes the rows of a few pages; `IN (…) OR IN (…)`
        # would hash or rescan every annotation row.
        rows = self._carrying_rows(pages)
        carried = Exists(rows[0])
        for more in rows[1:]:
            carried |= Exists(more)
        return self.filter(carried)

    def carried_by_each(self, pages):
        """The claims carried_by() gives, tested one claim at a time, for a list that stops at its
        page's size whatever the coverage: one EXISTS over the UNION ALL of a claim's rows, which
        PostgreSQL cannot hash. For carried_by()'s EXISTS OR EXISTS it hashed every annotation row
        when it expected many claims (930 ms for a partner's claims page at 10k articles)."""
        rows = self._carrying_rows(pages)
        return self.filter(Exists(reduce(lambda union, more: union.union(more, all=True), rows)))

    def _carrying_rows(self, pages):
        """The annotation and key-claim rows that carry the outer query's claim in one of `pages`."""
        page_ids = pages.values("pk")
        annotations = self.model._meta.get_field("annotations").related_model
        return [
            model.objects.filter(claim=OuterRef("pk"), page__in=page_ids).order_by().values("pk")
            for model in (annotations, *key_claim_models())
        ]

    def carried_by_pages(self, page_ids):
        """Claims a few pages (their ids) carry: one IN over a UNION of those pages' rows, read through
        the claims' primary key, where `carried_by` would probe every claim."""
        annotations = self.model._meta.get_field("annotations").related_model
        carried = annotations.objects.filter(page_id__in=page_ids).order_by().values("claim_id")
        for key_claims in key_claim_models():
            carried = carried.union(key_claims.objects.filter(page_id__in=page_ids).order_by().values("claim_id"))
        return self.filter(pk__in=carried)


class Claim(index.Indexed, MergeableMixin, StatusHistoryMixin, EventTimeMixin, TimestampedModel, ClusterableModel):
    status_service = "conflicts.services.claims.claim_change_status"

    statement = models.TextField(help_text="The claim in one or two sentences, as reported.")
    conflict = models.ForeignKey(
        "conflicts.Conflict", on_delete=models.PROTECT, related_name="claims"
    )
    places = models.ManyToManyField("conflicts.Location", blank=True, related_name="claims")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
        help_text="Who on the desk chases this claim until it is settled.",
    )

    objects = ClaimQuerySet.as_manager()

    panels = [
        FieldPanel("statement"),
        FieldPanel("conflict"),
        FieldPanel("places", widget=places_chooser()),
        FieldRowPanel([FieldPanel("event_start"), FieldPanel("event_end"), FieldPanel("event_precision")]),
        InlinePanel("attributions", heading="Sources", label="Source"),
    ]
    search_fields = [
        index.SearchField("statement"),
        index.AutocompleteField("statement"),
        index.FilterField("status"),
        index.FilterField("conflict"),
        index.FilterField("merged_into"),
    ]

    class Meta:
        ordering = ["-status_changed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ClaimStatus.values),
                name="claim_status_valid",
                violation_error_message="Unknown claim status.",
            ),
            *event_time_constraints("claim"),
        ]
        indexes = [
            models.Index(fields=["conflict", "status"]),
            # A conflict's open claims (latest change first) and its timeline (by event time) are
            # read in index order and stop at the page's size, whatever the number of claims.
            models.Index(fields=["conflict", "-status_changed_at", "id"], name="claim_conflict_changed"),
            models.Index(fields=["conflict", "event_start", "id"], name="claim_conflict_event"),
        ]

    def __str__(self):
        return self.statement if len(self.statement) <= 80 else self.statement[:79] + "…"

    def get_absolute_url(self):
        return record_url("conflicts:claim", "pk", self.pk)


class ClaimStatusChange(AbstractStatusChange):
    """One step of a claim's status history; written only by claim_change_status()."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="status_changes")

    class Meta:
        ordering = ["changed_at", "pk"]
        get_latest_by = ["changed_at", "pk"]
        constraints = status_change_constraints("claim_change")
        indexes = [models.Index(fields=["claim", "changed_at"])]


class ClaimAttribution(Orderable):
    """Which source says a claim, how the newsroom obtained it, and how credible it is."""

    claim = ParentalKey(Claim, on_delete=models.CASCADE, related_name="attributions")
    source = models.ForeignKey(
        "conflicts.Source", on_delete=models.PROTECT, related_name="attributions"
    )
    how_obtained = models.CharField(
        max_length=255, blank=True, help_text='e.g. "speaking to TRT World".'
    )
    credibility = models.PositiveSmallIntegerField(
        choices=Credibility.choices, default=Credibility.CANNOT_BE_JUDGED
    )

    panels = [FieldPanel("source"), FieldPanel("how_obtained"), FieldPanel("credibility")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["claim", "source"], name="attribution_unique_source"),
            models.CheckConstraint(
                condition=Q(credibility__gte=1, credibility__lte=6),
                name="attribution_credibility_1_to_6",
                violation_error_message="Credibility is graded 1 to 6.",
            ),
        ]

    def __str__(self):
        return f"{self.source} – {self.claim}"
