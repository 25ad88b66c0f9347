"""Annotations: the spans of page text tied to a claim, a source, a place or a figure, kept as data."""

from django.db import models
from django.db.models import Q

from ..choices import AnnotationKind


class Annotation(models.Model):
    """One annotated span; rebuilt for a page by annotations_sync() whenever the page is saved."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="annotations")
    kind = models.CharField(max_length=8, choices=AnnotationKind.choices)
    claim = models.ForeignKey(
        "conflicts.Claim", null=True, blank=True, on_delete=models.CASCADE, related_name="annotations"
    )
    source = models.ForeignKey(
        "conflicts.Source", null=True, blank=True, on_delete=models.CASCADE, related_name="annotations"
    )
    location = models.ForeignKey(
        "conflicts.Location", null=True, blank=True, on_delete=models.CASCADE, related_name="annotations"
    )
    figure = models.ForeignKey(
        "conflicts.Figure", null=True, blank=True, on_delete=models.CASCADE, related_name="annotations"
    )
    quote = models.TextField(help_text="The exact annotated text.")
    prefix = models.CharField(max_length=64, blank=True)
    suffix = models.CharField(max_length=64, blank=True)
    position = models.PositiveIntegerField(help_text="Offset of the quote in the page's body text.")
    sequence = models.PositiveIntegerField(help_text="Order of the span in the body.")

    class Meta:
        ordering = ["page", "sequence"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=AnnotationKind.CLAIM, claim__isnull=False, source__isnull=True, location__isnull=True,
                      figure__isnull=True)
                    | Q(kind=AnnotationKind.SOURCE, claim__isnull=True, source__isnull=False, location__isnull=True,
                        figure__isnull=True)
                    | Q(kind=AnnotationKind.PLACE, claim__isnull=True, source__isnull=True, location__isnull=False,
                        figure__isnull=True)
                    | Q(kind=AnnotationKind.FIGURE, claim__isnull=True, source__isnull=True, location__isnull=True,
                        figure__isnull=False)
                ),
                name="annotation_record_matches_kind",
                violation_error_message="An annotation refers to exactly one record, of its kind.",
            ),
            models.UniqueConstraint(fields=["page", "sequence"], name="annotation_unique_sequence"),
        ]
        indexes = [models.Index(fields=["page", "kind"])]

    def __str__(self):
        return f"{self.kind}: {self.quote[:60]}"

    @property
    def record(self):
        return self.claim or self.source or self.location or self.figure

    @property
    def record_id(self):
        return self.claim_id or self.source_id or self.location_id or self.figure_id
