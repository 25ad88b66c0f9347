"""Reads shared by pages, admin and API; each decides its joins so query counts are fixed here."""

from django.apps import apps
from django.db.models import Prefetch

from .conf import conflicts_setting
from .models import Claim, ClaimAttribution


def article_model():
    return apps.get_model(conflicts_setting("ARTICLE_PAGE_MODEL"))


def explainer_model():
    return apps.get_model(conflicts_setting("EXPLAINER_PAGE_MODEL"))


def claim_queryset_with_sources():
    """Claims with their conflict and attributed sources loaded in two extra queries."""
    return Claim.objects.select_related("conflict").prefetch_related(
        Prefetch(
            "attributions",
            queryset=ClaimAttribution.objects.select_related("source").order_by("sort_order"),
        )
    )


def article_list_latest(*, parent=None, limit=20):
    articles = article_model().objects.live().public()
    if parent is not None:
        articles = articles.child_of(parent)
    return articles.select_related("conflict", "dateline_place").order_by(
        "-first_published_at", "-pk"
    )[:limit]


def explainer_list_latest(*, parent=None, limit=20):
    explainers = explainer_model().objects.live().public()
    if parent is not None:
        explainers = explainers.child_of(parent)
    return explainers.select_related("conflict").order_by("-last_published_at", "-pk")[:limit]


def page_places(page):
    return list(page.places.all().select_related("parent").order_by("name"))


def article_page_context(page):
    related = list(
        page.related_explainers.all().select_related("explainer").order_by("sort_order")
    )
    return {
        "places": page_places(page),
        "related_explainers": [
            row.explainer for row in related if row.explainer.live
        ],
        "update_log": list(page.update_log.all().order_by("date", "pk")),
    }


def explainer_page_context(page):
    key_claims = claim_queryset_with_sources().filter(
        pk__in=page.key_claims.values("claim_id")
    )
    return {
        "places": page_places(page),
        "key_claims": list(key_claims.order_by("pk")),
    }

