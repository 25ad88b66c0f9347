"""Stories the standards desk withdrew for legal or safety reasons: why, who and when, kept for good."""

from django.conf import settings
from django.db import models
from django.utils import timezone

WITHDRAW_PERMISSION = "conflicts.withdraw_page"


class PageWithdrawalQuerySet(models.QuerySet):
    def in_force(self):
        """Withdrawals not lifted by a later publish of the page."""
        return self.filter(lifted_at__isnull=True)


class PageWithdrawal(models.Model):
    """One withdrawal of a page. The page is referred to by id, so the record outlives the page."""

    page_id = models.PositiveBigIntegerField(db_index=True)
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=500, blank=True)
    reason = models.TextField(help_text="Why the story is withdrawn. Kept in the newsroom: partners and readers never see it.")
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(
        null=True, blank=True, help_text="When the page was published again, ending the withdrawal."
    )

    objects = PageWithdrawalQuerySet.as_manager()

    class Meta:
        ordering = ["-withdrawn_at", "-pk"]
        default_permissions = ()
        permissions = [("withdraw_page", "Can withdraw a story (legal or safety)")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="withdrawal_has_reason"),
        ]

    def __str__(self):
        return f"{self.title} withdrawn {self.withdrawn_at:%Y-%m-%d}"
