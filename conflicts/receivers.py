"""Keeps annotation rows, tombstones, partner webhooks and the page cache in step with every change.

Wagtail's publish signals are the one point every publish passes through (admin, scheduled
publishing, commands, the API of revisions), so the work is done there. Records are purged
from the page cache on their model's save and delete signals, which every path (services,
admin, imports) passes through, inside the change's transaction.
"""

from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import purges
from .choices import TombstoneReason
from .conf import reporting_models
from .models import Claim, ClaimAttribution, DisclosureSettings, Figure, Location, PageWithdrawal
from .page_cache import SITE_TAG, page_cache_purge, purges_wanted
from .services import syndication
from .services.annotations import annotations_clear, annotations_sync
from .signals import claim_status_changed, figure_status_changed


def sync_on_publish(sender, instance, revision=None, **kwargs):
    shown_before = instance.__dict__.pop("_lists_shown_before", set())
    if purges_wanted():
        shown_before |= purges.page_records_tags(instance)
    annotations_sync(page=instance)
    syndication.page_published(page=instance, revision=revision)
    if purges_wanted():
        page_cache_purge(shown_before | purges.page_tags(instance))


def remember_page_lists(sender, instance, raw=False, update_fields=None, **kwargs):
    """A publish saves the page's new conflict and places before `page_published`: read first which
    lists showed it (a draft's save names its update_fields and changes none of them)."""
    if not raw and instance.pk is not None and update_fields is None and purges_wanted():
        instance._lists_shown_before = purges.page_stored_tags(instance)


def clear_on_unpublish(sender, instance, **kwargs):
    if purges_wanted():
        page_cache_purge(purges.page_tags(instance))
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


def purge_on_move(sender, instance, url_path_before, **kwargs):
    if purges_wanted():
        page_cache_purge(purges.page_moved_tags(instance, url_path_before))


def purge_record(sender, instance, raw=False, **kwargs):
    if not raw and purges_wanted():
        page_cache_purge(purges.record_tags(instance))


def remember_conflict(sender, instance, raw=False, **kwargs):
    """Reads the conflict a claim had before the save, for `purge_conflict_left`."""
    if not raw and instance.pk is not None and purges_wanted():
        instance._conflict_id_saved = Claim.objects.filter(pk=instance.pk).values_list("conflict_id", flat=True).first()


def purge_conflict_left(sender, instance, raw=False, **kwargs):
    """A claim moved to another conflict leaves its former conflict's page and lists too; purged
    after the save, like the new conflict's, so no reader can cache the page in between."""
    before = instance.__dict__.pop("_conflict_id_saved", None)
    if not raw and before is not None and before != instance.conflict_id:
        page_cache_purge(purges.claim_conflict_tags(before))


def purge_attribution(sender, instance, raw=False, **kwargs):
    if not raw and purges_wanted() and instance.claim_id and Claim.objects.filter(pk=instance.claim_id).exists():
        page_cache_purge(purges.claim_tags(instance.claim) | purges.source_tags(instance.source))


def purge_relation(sender, instance, action, reverse=False, model=None, pk_set=None, **kwargs):
    """A claim's places, a place's conflicts: both ends show the relation."""
    if action not in ("post_add", "post_remove", "pre_clear") or not purges_wanted():
        return
    records = [instance, *(model.objects.filter(pk__in=pk_set) if pk_set else [])]
    tags = set()
    for record in records:
        tags |= purges.record_tags(record)
    page_cache_purge(tags)


def purge_site(sender, instance, created=False, raw=False, **kwargs):
    """The disclosures are in every page's JSON-LD: every page is retired when they change (a
    first read creates the row empty, which changes nothing)."""
    if not raw and not created and purges_wanted():
        page_cache_purge({SITE_TAG})


def connect_page_cache():
    post_save.connect(purge_site, sender=DisclosureSettings, dispatch_uid="conflicts_page_cache_disclosures")
    post_page_move.connect(purge_on_move, dispatch_uid="conflicts_page_cache_move")
    for model in reporting_models():
        pre_save.connect(remember_page_lists, sender=model, dispatch_uid=f"conflicts_page_cache_lists_{model.__name__}")
    for model in purges.RECORD_TAGS:
        post_save.connect(purge_record, sender=model, dispatch_uid=f"conflicts_page_cache_save_{model.__name__}")
        pre_delete.connect(purge_record, sender=model, dispatch_uid=f"conflicts_page_cache_delete_{model.__name__}")
    pre_save.connect(remember_conflict, sender=Claim, dispatch_uid="conflicts_page_cache_claim_conflict")
    post_save.connect(purge_conflict_left, sender=Claim, dispatch_uid="conflicts_page_cache_claim_conflict_left")
    post_save.connect(purge_attribution, sender=ClaimAttribution, dispatch_uid="conflicts_page_cache_attribution")
    pre_delete.connect(purge_attribution, sender=ClaimAttribution, dispatch_uid="conflicts_page_cache_attribution_d")
    m2m_changed.connect(purge_relation, sender=Claim.places.through, dispatch_uid="conflicts_page_cache_claim_places")
    m2m_changed.connect(purge_relation, sender=Figure.places.through, dispatch_uid="conflicts_page_cache_figure_places")
    m2m_changed.connect(
        purge_relation, sender=Location.conflicts.through, dispatch_uid="conflicts_page_cache_place_conflicts"
    )


def connect():
    page_published.connect(sync_on_publish, dispatch_uid="conflicts_annotations_sync")
    page_unpublished.connect(clear_on_unpublish, dispatch_uid="conflicts_annotations_clear")
    claim_status_changed.connect(notify_claim_status, dispatch_uid="conflicts_claim_status_webhooks")
    figure_status_changed.connect(notify_figure_status, dispatch_uid="conflicts_figure_status_webhooks")
    connect_page_cache()
