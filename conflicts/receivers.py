"""Keeps annotation rows, tombstones and partner webhooks in step with the live version of every page.

Wagtail's publish signals are the one point every publish passes through (admin, scheduled
publishing, commands, the API of revisions), so the work is done there.
"""

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from .choices import TombstoneReason
from .models import PageWithdrawal
from .services import syndication
from .services.annotations import annotations_clear, annotations_sync
from .signals import claim_status_changed, figure_status_changed


def sync_on_publish(sender, instance, revision=None, **kwargs):
    annotations_sync(page=instance)
    syndication.page_published(page=instance, revision=revision)


def clear_on_unpublish(sender, instance, **kwargs):
    annotations_clear(page=instance)
    # Wagtail unpublishes a live page without saving it just before deleting it (a pre_delete
    # handler): a row still live in the database is a page being deleted.
    if Page.objects.filter(pk=instance.pk, live=True).exists():
        reason = TombstoneReason.DELETED
    elif PageWithdrawal.objects.in_force().filter(page_id=instance.pk).exists():
        reason = TombstoneReason.WITHDRAWN
    else:
        reason = TombstoneReason.UNPUBLISHED
    syndication.page_removed(page=instance, reason=reason)


def notify_claim_status(sender, change, **kwargs):
    syndication.claim_status_event(change)


def notify_figure_status(sender, change, **kwargs):
    syndication.figure_status_event(change)


def connect():
    page_published.connect(sync_on_publish, dispatch_uid="conflicts_annotations_sync")
    page_unpublished.connect(clear_on_unpublish, dispatch_uid="conflicts_annotations_clear")
    claim_status_changed.connect(notify_claim_status, dispatch_uid="conflicts_claim_status_webhooks")
    figure_status_changed.connect(notify_figure_status, dispatch_uid="conflicts_figure_status_webhooks")
