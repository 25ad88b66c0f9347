"""Partner outlets that syndicate our coverage: their API keys, webhooks and deliveries."""

import hashlib
import secrets
import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from encrypted_model_fields.fields import EncryptedCharField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from ..choices import DeliveryStatus, TombstoneReason, WebhookEvent
from ..widgets import conflicts_chooser
from .mixins import TimestampedModel

RATE_LIMIT = RegexValidator(
    r"^\d+/(second|minute|hour|day)$",
    'Write the limit as a number of requests per period, e.g. "120/minute" or "5000/day".',
)


class Partner(index.Indexed, TimestampedModel, ClusterableModel):
    """An outlet allowed to syndicate the coverage of some conflicts through the API."""

    name = models.CharField(max_length=200, unique=True)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    is_active = models.BooleanField(
        default=True, help_text="Inactive partners are refused by the API and receive no webhooks."
    )
    conflicts = ParentalManyToManyField(
        "conflicts.Conflict", blank=True, related_name="partners",
        help_text="The only conflicts whose coverage this partner receives.",
    )
    rate_limit = models.CharField(
        max_length=32, default="600/minute", validators=[RATE_LIMIT],
        help_text='Requests allowed per period, e.g. "600/minute".',
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_email")]),
        FieldRowPanel([FieldPanel("is_active"), FieldPanel("rate_limit")]),
        FieldPanel("conflicts", widget=conflicts_chooser()),
        MultiFieldPanel(
            [InlinePanel("webhooks", label="Webhook")],
            heading="Webhooks",
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class PartnerKeyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class PartnerKey(models.Model):
    """An API key: only its prefix and a SHA-256 digest are kept; the key is shown once."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="keys")
    name = models.CharField(max_length=100, blank=True, help_text="What the key is for, e.g. a server name.")
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = PartnerKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "partner API key"

    def __str__(self):
        return f"{self.partner} · {self.prefix}…" + (" (revoked)" if self.revoked_at else "")

    @staticmethod
    def digest_for(key):
        return hashlib.sha256(key.encode()).hexdigest()


class Webhook(Orderable):
    """A partner's URL that receives a signed POST for each event it subscribed to."""

    partner = ParentalKey(Partner, on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(max_length=500, help_text="HTTPS endpoint of the partner that receives the events.")
    events = models.JSONField(default=list, help_text="Event types this URL receives.")
    secret = EncryptedCharField(
        max_length=128, editable=False,
        help_text="Shared secret for the HMAC-SHA256 signature; generated, shown in the admin.",
    )
    is_active = models.BooleanField(default=True)

    panels = [
        FieldPanel("url"),
        FieldPanel("events", widget=forms.CheckboxSelectMultiple(choices=WebhookEvent.choices)),
        FieldPanel("is_active"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "webhook"

    def __str__(self):
        return self.url

    def clean(self):
        events = self.events
        if not isinstance(events, list) or not events:
            raise ValidationError({"events": "Choose at least one event."})
        unknown = sorted(set(map(str, events)) - set(WebhookEvent.values))
        if unknown:
            raise ValidationError({"events": f"Unknown event types: {', '.join(unknown)}."})

    def save(self, *args, **kwargs):
        if not self.secret:
            self.secret = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)

    def wants(self, event):
        return self.is_active and event in self.events


class WebhookDelivery(models.Model):
    """One event for one webhook, and what happened when it was sent."""

    event_id = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=32, choices=WebhookEvent.choices)
    payload = models.JSONField()
    status = models.CharField(max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "webhook deliveries"
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=DeliveryStatus.DELIVERED) | Q(delivered_at__isnull=False),
                name="delivery_delivered_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.event} → {self.webhook} ({self.get_status_display()})"


class PageTombstone(models.Model):
    """A page partners must take down: unpublished or deleted, with when it happened."""

    page_id = models.PositiveBigIntegerField(unique=True)
    page_type = models.CharField(max_length=32)
    conflict = models.ForeignKey("conflicts.Conflict", null=True, on_delete=models.SET_NULL, related_name="+")
    url = models.CharField(max_length=500, blank=True)
    reason = models.CharField(max_length=16, choices=TombstoneReason.choices)
    removed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["removed_at", "page_id"]

    def __str__(self):
        return f"{self.page_type} {self.page_id} {self.reason}"
