"""Keeps annotation rows in step with the live version of every page, whatever path publishes it.

Wagtail's publish signals are the one point every publish passes through (admin, scheduled
publishing, commands, the API of revisions), so the rows are rebuilt there.
"""

from wagtail.signals import page_published, page_unpublished

from .services.annotations import annotations_clear, annotations_sync


def sync_on_publish(sender, instance, **kwargs):
    annotations_sync(page=instance)


def clear_on_unpublish(sender, instance, **kwargs):
    annotations_clear(page=instance)


def connect():
    page_published.connect(sync_on_publish, dispatch_uid="conflicts_annotations_sync")
    page_unpublished.connect(clear_on_unpublish, dispatch_uid="conflicts_annotations_clear")
