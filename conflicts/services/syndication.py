"""What partners are told when coverage changes: webhook events and tombstones."""

from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from ..choices import ArticleUpdateKind
from ..links import public_url
from ..models import PageTombstone, WebhookEvent
from ..selectors import article_model, explainer_model
from .webhooks import webhook_event_emit


def _article_data(page):
    """The article as partners are told of it: URLs on the site's one origin (the default Site)."""
    api_path = reverse("api:article-detail", args=[page.pk])
    return {
        "article": {
            "id": page.pk,
            "headline": page.title,
            "url": public_url(None, page.url),
            "api_path": api_path,
            "api_url": public_url(None, api_path),
        }
    }


def _corrections_in(content):
    return sum(1 for row in (content or {}).get("update_log", []) if row.get("kind") == ArticleUpdateKind.CORRECTION)


def article_publish_event(page, revision=None):
    """published on the first publish; corrected when a correction was added since the last one; else updated."""
    if page.first_published_at == page.last_published_at:
        return WebhookEvent.ARTICLE_PUBLISHED
    previous = (
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish", revision__isnull=False)
        .exclude(revision_id=getattr(revision, "pk", None))
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    before = _corrections_in(previous.revision.content) if previous else 0
    now = page.update_log.filter(kind=ArticleUpdateKind.CORRECTION).count()
    return WebhookEvent.ARTICLE_CORRECTED if now > before else WebhookEvent.ARTICLE_UPDATED


def page_published(*, page, revision=None):
    PageTombstone.objects.filter(page_id=page.pk).delete()
    if isinstance(page, article_model()) and page.conflict_id:
        webhook_event_emit(
            event=article_publish_event(page, revision), conflict_id=page.conflict_id, data=_article_data(page)
        )


def page_removed(*, page, reason):
    """Leaves a tombstone for partners, and tells subscribed partners to take an article down."""
    if not isinstance(page, (article_model(), explainer_model())):
        return
    PageTombstone.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "page_type": page._meta.model_name.removesuffix("page"),
            "conflict_id": page.conflict_id,
            "url": page.url or "",
            "reason": reason,
            "removed_at": timezone.now(),
        },
    )
    if isinstance(page, article_model()) and page.conflict_id:
        data = _article_data(page) if reason != "deleted" else {"article": {"id": page.pk, "headline": page.title}}
        data["reason"] = reason
        webhook_event_emit(event=WebhookEvent.ARTICLE_UNPUBLISHED, conflict_id=page.conflict_id, data=data)


def claim_status_event(change):
    claim = change.claim
    webhook_event_emit(
        event=WebhookEvent.CLAIM_STATUS_CHANGED,
        conflict_id=claim.conflict_id,
        data={
            "claim": {
                "id": claim.pk,
                "statement": claim.statement,
                "url": public_url(None, claim.get_absolute_url()),
                "api_path": reverse("api:claim-detail", args=[claim.pk]),
                "api_url": public_url(None, reverse("api:claim-detail", args=[claim.pk])),
            },
            "from": change.from_status,
            "to": change.to_status,
            "note": change.note,
            "evidence_url": change.evidence_url,
            "changed_at": change.changed_at.isoformat(),
        },
    )
