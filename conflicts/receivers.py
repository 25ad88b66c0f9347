"""Keeps annotation rows, tombstones and partner webhooks in step with the live version of every page.

Wagtail's publish signals are the one point every publish passes through (admin, scheduled
publishing, commands, the API of revisions), so the work is done there.
"""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished

from .selectors import article_model, explainer_model
from .services import syndication
from .services.annotations import annotations_clear, annotations_sync
from .signals import claim_status_changed


def sync_on_publish(sender, instance, revision=None, **kwargs):
    annotations_sync(page=instance)
    syndication.page_published(page=instance, revision=revision)


def clear_on_unpublish(sender, instance, **kwargs):
    annotations_clear(page=instance)
    syndication.page_removed(page=instance, reason="unpublished")


def tombstone_on_delete(sender, instance, **kwargs):
    if instance.live:
        syndication.page_removed(page=instance, reason="deleted")


def notify_claim_status(sender, change, **kwargs):
    syndication.claim_status_event(change)


def connect():
    page_published.connect(sync_on_publish, dispatch_uid="conflicts_annotations_sync")
    page_unpublished.connect(clear_on_unpublish, dispatch_uid="conflicts_annotations_clear")
    for model in (article_model(), explainer_model()):
        post_delete.connect(tombstone_on_delete, sender=model, dispatch_uid=f"conflicts_tombstone_{model.__name__}")
    claim_status_changed.connect(notify_claim_status, dispatch_uid="conflicts_claim_status_webhooks")
