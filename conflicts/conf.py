"""Defaults for the extension's knobs, overridden by the CONFLICTS dict in settings."""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist

DEFAULTS = {
    # The site's page models ("app_label.Model") that carry annotated bodies: article-like types
    # (ArticlePageMixin) and explainer-like types (ExplainerPageMixin); several of each may be named.
    "ARTICLE_PAGE_MODELS": (),
    "EXPLAINER_PAGE_MODELS": (),
    # Map tiles for Leaflet maps; pages stay useful when the tile server is unreachable.
    "MAP_TILE_URL": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "MAP_TILE_ATTRIBUTION": "© OpenStreetMap contributors",
    # The newsroom's public sourcing policy, linked from pages and syndicated content.
    "SOURCING_POLICY_URL": "/sourcing-policy/",
    # Static path of the image search engines show for a page whose body has none.
    "DEFAULT_IMAGE": "img/conflict-desk.png",
    "USAGE_TERMS": "Syndication permitted to contracted partners only. Credit: Conflict Desk.",
    # Webhook deliveries: seconds before the first retry (doubling each time), attempts in all.
    "WEBHOOK_RETRY_BASE_SECONDS": 30,
    "WEBHOOK_MAX_ATTEMPTS": 8,
    "WEBHOOK_TIMEOUT": 10,
    # Deliver to loopback, private and link-local addresses (development only: in production a
    # partner URL must not reach into the newsroom's own network).
    "WEBHOOK_ALLOW_PRIVATE_ADDRESSES": False,
    # The full-page cache for anonymous readers (conflicts.middleware.PageCacheMiddleware):
    # seconds an entry is kept (0 turns the cache off; change events purge entries sooner).
    "PAGE_CACHE_TIMEOUT": 3600,
    # Cache-Control of public pages: browsers keep them `max-age` seconds, shared caches (a CDN)
    # `s-maxage`, and may serve them stale for `stale-while-revalidate` more while refetching.
    "PAGE_CACHE_MAX_AGE": 60,
    "PAGE_CACHE_S_MAXAGE": 600,
    "PAGE_CACHE_STALE_WHILE_REVALIDATE": 60,
    # Query parameters a cached page may vary by (pagination, keyset pagination's `before`, the
    # explainer index's filters, the sitemap's sections); a request with any other parameter is
    # rendered and not kept, so made-up query strings cannot fill the cache.
    "PAGE_CACHE_QUERY_PARAMETERS": ("page", "p", "before", "section", "conflict", "place"),
    # Seconds a reader page's annotated body, sourcing notes and summary are kept in the shared cache
    # once rendered (conflicts.fragments), under a key every change to what they show replaces; 0
    # renders them on every request. Independent of the page cache: pages it does not keep (an
    # editor's, a miss) still reuse them.
    "FRAGMENT_CACHE_TIMEOUT": 86400,
    # Paths of the sitemap the CDN is asked to drop when a sitemap section changes.
    "PAGE_CACHE_SITEMAP_PATHS": ("/sitemap.xml",),
}


def conflicts_setting(name):
    """Reads one knob: the project's CONFLICTS dict first, then the default."""
    if name not in DEFAULTS:
        raise KeyError(f"Unknown CONFLICTS setting {name!r}; known: {', '.join(sorted(DEFAULTS))}")
    return getattr(settings, "CONFLICTS", {}).get(name, DEFAULTS[name])


def article_models():
    """The site's article page models (CONFLICTS["ARTICLE_PAGE_MODELS"]), as a tuple of classes."""
    return tuple(apps.get_model(label) for label in conflicts_setting("ARTICLE_PAGE_MODELS"))


def explainer_models():
    """The site's explainer page models (CONFLICTS["EXPLAINER_PAGE_MODELS"]), as a tuple of classes."""
    return tuple(apps.get_model(label) for label in conflicts_setting("EXPLAINER_PAGE_MODELS"))


def reporting_models():
    """Every page model that carries annotations: articles, then explainers."""
    return article_models() + explainer_models()


def key_claim_models():
    """The models listing explainers' key claims (each explainer model's `key_claims` relation)."""
    models = []
    for model in explainer_models():
        try:
            models.append(model._meta.get_field("key_claims").related_model)
        except FieldDoesNotExist:
            continue
    return tuple(models)


def page_kind(page):
    """"article" or "explainer": what the extension calls a page of a configured model."""
    return "article" if isinstance(page, article_models()) else "explainer"
