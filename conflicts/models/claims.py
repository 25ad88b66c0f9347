"""Claims, their status history and the sources that make them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from encrypted_model_fields.fields import EncryptedTextField
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index

from ..choices import ClaimStatus, Credibility
from ..conf import key_claim_models
from .mixins import TimestampedModel


class StatusChangeOutsideHistory(Exception):
    """A claim's status was written without going through claim_change_status()."""


class ClaimQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if "status" in kwargs:
            raise StatusChangeOutsideHistory(
                "Claim status can only change through conflicts.services.claims.claim_change_status(), "
                "which records the change in the claim's history."
            )
        return super().update(**kwargs)

    def open(self):
        return self.filter(status__in=[ClaimStatus.UNCONFIRMED, ClaimStatus.DISPUTED])

    def carried_by(self, pages):
        """Claims the given pages carry: annotated in their text, or listed as an explainer's key claims."""
        page_ids = pages.values("pk")
        annotations = self.model._meta.get_field("annotations").related_model
        carried = Q(pk__in=annotations.objects.filter(page__in=page_ids).values("claim_id"))
        for key_claims in key_claim_models():
            carried |= Q(pk__in=key_claims.objects.filter(page__in=page_ids).values("claim_id"))
        return self.filter(carried)


class Claim(index.Indexed, TimestampedModel, ClusterableModel):
    statement = models.TextField(help_text="The claim in one or two sentences, as reported.")
    conflict = models.ForeignKey(
        "conflicts.Conflict", on_delete=models.PROTECT, related_name="claims"
    )
    places = models.ManyToManyField("conflicts.Location", blank=True, related_name="claims")
    status = models.CharField(
        max_length=16,
        choices=ClaimStatus.choices,
        default=ClaimStatus.UNCONFIRMED,
        editable=False,
    )
    status_changed_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ClaimQuerySet.as_manager()

    panels = [
        FieldPanel("statement"),
        FieldPanel("conflict"),
        FieldPanel("places"),
        InlinePanel("attributions", heading="Sources", label="Source"),
    ]
    search_fields = [
        index.SearchField("statement"),
        index.AutocompleteField("statement"),
        index.FilterField("status"),
        index.FilterField("conflict"),
    ]

    class Meta:
        ordering = ["-status_changed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ClaimStatus.values),
                name="claim_status_valid",
                violation_error_message="Unknown claim status.",
            ),
        ]
        indexes = [models.Index(fields=["conflict", "status"])]

    def __str__(self):
        return self.statement if len(self.statement) <= 80 else self.statement[:79] + "…"

    @classmethod
    def from_db(cls, db, field_names, values, *args, **kwargs):
        # Later Django versions pass more arguments (Django 6.1: fetch_mode); pass them on.
        instance = super().from_db(db, field_names, values, *args, **kwargs)
        instance._stored_status = instance.__dict__.get("status")
        return instance

    def save(self, *args, **kwargs):
        stored = getattr(self, "_stored_status", None)
        if self.pk and stored is not None and stored != self.status and not getattr(
            self, "_status_change_recorded", False
        ):
            raise StatusChangeOutsideHistory(
                "Claim status can only change through conflicts.services.claims.claim_change_status(), "
                "which records the change in the claim's history."
            )
        super().save(*args, **kwargs)
        self._stored_status = self.status
        self._status_change_recorded = False

    def get_absolute_url(self):
        return reverse("conflicts:claim", kwargs={"pk": self.pk})


class ClaimStatusChange(models.Model):
    """One step of a claim's status history; written only by claim_change_status()."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="status_changes")
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
        ordering = ["changed_at", "pk"]
        get_latest_by = ["changed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_status__in=ClaimStatus.values), name="claim_change_to_valid"
            ),
            models.CheckConstraint(
                condition=Q(from_status="") | Q(from_status__in=ClaimStatus.values),
                name="claim_change_from_valid",
            ),
            models.CheckConstraint(
                condition=~Q(from_status=models.F("to_status")),
                name="claim_change_changes_status",
                violation_error_message="A status change must change the status.",
            ),
        ]
        indexes = [models.Index(fields=["claim", "changed_at"])]

    def __str__(self):
        return f"{self.from_status or 'new'} → {self.to_status}"


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
