"""Sources: who says what, as readers see them, with a confidential identity kept encrypted."""

from django.db import models
from django.db.models import Exists, OuterRef, Q
from encrypted_model_fields.fields import EncryptedCharField, EncryptedTextField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from ..choices import Reliability, SourceKind
from .mixins import MergeableMixin, MergeableQuerySet, TimestampedModel, record_url

# Field names that must never leave the newsroom: no public page, API, feed, log or
# unprivileged admin screen. Everything that serialises a Source checks against this.
CONFIDENTIAL_SOURCE_FIELDS = ("confidential_identity", "confidential_notes")
CONFIDENTIAL_SOURCE_PERMISSION = "conflicts.view_confidential_source"


class SourceQuerySet(MergeableQuerySet):
    def cited_by(self, pages, *, claims=None):
        """Sources annotated in the given pages, or saying one of `claims` (by default, the claims
        those pages carry)."""
        annotations = self.model._meta.get_field("annotations").related_model
        attributions = self.model._meta.get_field("attributions").related_model
        if claims is None:
            claims = attributions._meta.get_field("claim").related_model.objects.carried_by(pages)
        return self.filter(
            Exists(annotations.objects.filter(source=OuterRef("pk"), page__in=pages.values("pk")))
            | Exists(attributions.objects.filter(source=OuterRef("pk"), claim__in=claims.values("pk")))
        )


class Source(index.Indexed, MergeableMixin, TimestampedModel):
    public_label = models.CharField(
        max_length=200,
        help_text='What readers see, e.g. "a security source" or "footage online".',
    )
    kind = models.CharField(max_length=32, choices=SourceKind.choices)
    is_anonymous = models.BooleanField(default=False)
    anonymity_reason = models.TextField(
        blank=True,
        help_text="Why anonymity was granted, in words readers will see.",
    )
    reliability = models.CharField(
        max_length=1,
        choices=Reliability.choices,
        default=Reliability.F,
        help_text="Admiralty code grade.",
    )
    confidential_identity = EncryptedCharField(
        max_length=300,
        blank=True,
        help_text="Who the source is. Encrypted; visible only with the confidential-source permission.",
    )
    confidential_notes = EncryptedTextField(
        blank=True,
        help_text="Contact details and handling notes. Encrypted; never published.",
    )

    public_panels = [
        FieldPanel("public_label"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("reliability")]),
        FieldPanel("is_anonymous"),
        FieldPanel("anonymity_reason"),
    ]
    # The permission sits on each field, which removes it from the form for other users
    # (so it can neither be seen nor overwritten), and on the panel, which hides the heading.
    confidential_panels = [
        MultiFieldPanel(
            [
                FieldPanel("confidential_identity", permission=CONFIDENTIAL_SOURCE_PERMISSION),
                FieldPanel("confidential_notes", permission=CONFIDENTIAL_SOURCE_PERMISSION),
            ],
            heading="Confidential",
            permission=CONFIDENTIAL_SOURCE_PERMISSION,
        )
    ]
    panels = public_panels + confidential_panels

    objects = SourceQuerySet.as_manager()
    search_fields = [
        index.SearchField("public_label", boost=2),
        index.AutocompleteField("public_label"),
        index.FilterField("kind"),
        index.FilterField("is_anonymous"),
        index.FilterField("merged_into"),
    ]

    class Meta:
        ordering = ["public_label"]
        permissions = [
            ("view_confidential_source", "Can view and edit confidential source identity and notes"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SourceKind.values), name="source_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(reliability__in=Reliability.values), name="source_reliability_valid"
            ),
            models.CheckConstraint(
                condition=Q(is_anonymous=False) | ~Q(anonymity_reason=""),
                name="source_anonymity_has_reason",
                violation_error_message="An anonymous source needs the reason anonymity was granted.",
            ),
        ]
        indexes = [models.Index(fields=["kind"])]

    def __str__(self):
        return self.public_label

    def get_absolute_url(self):
        return record_url("conflicts:source", "pk", self.pk)
