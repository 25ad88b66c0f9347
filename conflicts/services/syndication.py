"""What partners are told when coverage changes: webhook events and tombstones.

Who is told is decided by conflicts.audience, the rules the partner API applies: a partner hears
about a page or a claim only when it may receive it through the API (or, for a page just removed,
when it could until then).
"""

import json

from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from ..audience import partner_claims, partner_may_receive, partner_pages
from ..choices import ArticleUpdateKind, TombstoneReason, WebhookEvent
from ..conf import article_models, page_kind, reporting_models
from ..links import public_url
from ..models import Claim, PageTombstone
from ..spans import annotation_refs
from .webhooks import webhook_event_emit
from .withdrawals import page_withdrawals_lift


def _page_data(page):
    """The page as partners are told of it: URLs on the site's one origin (the default Site)."""
    api_path = reverse(f"api:v1:{page_kind(page)}-detail", args=[page.pk])
    return {
        "id": page.pk,
        "headline": page.title,
        "url": public_url(None, page.url),
        "api_path": api_path,
        "api_url": public_url(None, api_path),
    }


def _article_data(page):
    return {"article": _page_data(page)}


def _claim_data(claim):
    api_path = reverse("api:v1:claim-detail", args=[claim.pk])
    return {
        "id": claim.pk,
        "statement": claim.statement,
        "status": claim.status,
        "url": public_url(None, claim.get_absolute_url()),
        "api_path": api_path,
        "api_url": public_url(None, api_path),
    }


def _corrections_in(content):
    return sum(1 for row in (content or {}).get("update_log", []) if row.get("kind") == ArticleUpdateKind.CORRECTION)


def _previous_publish(page, revision=None):
    """The revision published before `revision`, or None on a first publish."""
    entry = (
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish", revision__isnull=False)
        .exclude(revision_id=getattr(revision, "pk", None))
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.revision if entry else None


def _claims_in_content(page, content):
    """Ids of the claims a page revision carries: annotated in its body (its stored rich text,
    whether a RichTextField or a StreamField's blocks) or listed as key claims."""
    content = content or {}
    stored = content.get(page.annotated_body_field) or ""
    try:
        blocks = json.loads(stored)  # a StreamField is stored as JSON, its rich text inside
    except ValueError:
        blocks = None
    texts = _strings(blocks) if isinstance(blocks, list) else [stored]
    ids = {pk for text in texts for kind, pk in annotation_refs(text) if kind == "claim"}
    return ids | {row.get("claim") for row in content.get("key_claims", []) if row.get("claim")}


def _strings(value):
    """Every string inside decoded JSON (a StreamField's stored blocks)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def article_publish_event(page, previous):
    """published on the first publish; corrected when a correction was added since the `previous`
    published revision; else updated."""
    if page.first_published_at == page.last_published_at:
        return WebhookEvent.ARTICLE_PUBLISHED
    before = _corrections_in(previous.content) if previous else 0
    now = sum(1 for row in page.child_rows("update_log") if row.kind == ArticleUpdateKind.CORRECTION)
    return WebhookEvent.ARTICLE_CORRECTED if now > before else WebhookEvent.ARTICLE_UPDATED


def page_published(*, page, revision=None):
    PageTombstone.objects.filter(page_id=page.pk).delete()
    page_withdrawals_lift(page=page)
    previous = _previous_publish(page, revision)
    if isinstance(page, article_models()):
        webhook_event_emit(
            event=article_publish_event(page, previous),
            audience=lambda partner: partner_may_receive(partner, page),
            data=_article_data(page),
        )
    claims_published(page=page, previous=previous)


def claims_published(*, page, previous):
    """Announces each claim this publish makes receivable for a partner for the first time.

    A claim is announced to a partner when the page now carries it, the page's previous published
    version did not, and no other page the partner receives carries it: a claim that was kept
    from partners while no public page carried it is announced when one does. `previous` is the
    revision published before this one, or None.
    """
    before = _claims_in_content(page, previous.content) if previous else set()
    carried = Claim.objects.carried_by_pages([page.pk]).exclude(pk__in=before)
    for claim in carried.order_by("pk"):

        def first_time(partner, claim=claim):
            elsewhere = partner_pages(partner).exclude(pk=page.pk)
            return partner_may_receive(partner, claim) and not (
                partner_claims(partner).filter(pk=claim.pk).carried_by(elsewhere).exists()
            )

        webhook_event_emit(
            event=WebhookEvent.CLAIM_PUBLISHED,
            audience=first_time,
            data={"claim": _claim_data(claim), "carried_by": _page_data(page)},
        )


def tombstone_api_url(page_id):
    return public_url(None, reverse("api:v1:tombstone-detail", args=[page_id]))


def page_removed(*, page, reason):
    """Leaves a tombstone for partners, and tells the partners who received an article to take it down.

    Called once the page is no longer live, or before its row is deleted; only a page outside
    every private section (one partners could receive) leaves a tombstone. A withdrawn article
    is announced as `article.withdrawn`, which tells partners to remove every copy.
    """
    if not isinstance(page, reporting_models()):
        return
    if not Page.objects.public().filter(pk=page.pk).exists():
        return
    PageTombstone.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "page_type": page_kind(page),
            "conflict_id": page.conflict_id,
            "url": page.url or "",
            "reason": reason,
            "removed_at": timezone.now(),
        },
    )
    if isinstance(page, article_models()):
        article_removed_event(page=page, reason=reason)


def article_removed_event(*, page, reason):
    """`article.unpublished`, or `article.withdrawn` for a withdrawal; a partner none of whose webhooks
    takes `article.withdrawn` gets a withdrawal as `article.unpublished` (reason `withdrawn`), so
    no partner that could receive the article misses a takedown."""
    data = _article_data(page) if reason != TombstoneReason.DELETED else {"article": {"id": page.pk, "headline": page.title}}
    data["reason"] = reason
    data["tombstone_api_url"] = tombstone_api_url(page.pk)

    def received(partner):
        return partner_may_receive(partner, page, removed=True)

    if reason != TombstoneReason.WITHDRAWN:
        webhook_event_emit(event=WebhookEvent.ARTICLE_UNPUBLISHED, audience=received, data=data)
        return
    data["must_remove_copy"] = True
    webhook_event_emit(event=WebhookEvent.ARTICLE_WITHDRAWN, audience=received, data=data)

    def hears_no_withdrawals(partner):
        return received(partner) and not any(
            webhook.wants(WebhookEvent.ARTICLE_WITHDRAWN) for webhook in partner.webhooks.all()
        )

    webhook_event_emit(event=WebhookEvent.ARTICLE_UNPUBLISHED, audience=hears_no_withdrawals, data=data)


def claim_status_event(change):
    """Tells the partners who receive the claim; its internal note never leaves the newsroom."""
    claim = change.claim
    webhook_event_emit(
        event=WebhookEvent.CLAIM_STATUS_CHANGED,
        audience=lambda partner: partner_may_receive(partner, claim),
        data={"claim": _claim_data(claim), **_change_data(change)},
    )


def _change_data(change):
    return {
        "from": change.from_status,
        "to": change.to_status,
        "note": change.note,
        "evidence_url": change.evidence_url,
        "changed_at": change.changed_at.isoformat(),
    }


def _figure_data(figure):
    api_path = reverse("api:v1:figure-detail", args=[figure.pk])
    return {
        "id": figure.pk,
        "counts": figure.counts,
        "low": figure.low,
        "best": figure.best,
        "high": figure.high,
        "words": figure.words,
        "status": figure.status,
        "tally": figure.tally_id,
        "api_path": api_path,
        "api_url": public_url(None, api_path),
    }


def figure_status_event(change):
    """Tells the partners who receive the figure (in a tally or the text of coverage they receive);
    its internal note never leaves the newsroom."""
    figure = change.figure
    webhook_event_emit(
        event=WebhookEvent.FIGURE_STATUS_CHANGED,
        audience=lambda partner: partner_may_receive(partner, figure),
        data={"figure": _figure_data(figure), **_change_data(change)},
    )
