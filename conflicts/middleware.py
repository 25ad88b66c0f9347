"""Serves public pages to anonymous readers from the page cache, and marks what shared caches may keep."""

from django.conf import settings
from django.utils.cache import set_response_etag

from . import page_cache
from .conf import conflicts_setting

SAFE_VARY = {"accept-encoding", "cookie"}


class PageCacheMiddleware:
    """One cache for Wagtail's pages, the extension's record pages, feeds and sitemaps.

    Only views marked public are looked up (`page_cache.is_public_view`), once Django has
    resolved the URL, so other requests cost it nothing. Only GET and HEAD requests without a
    session cookie or credentials use it, so an editor (whose session is a cookie) is never
    served from it, nor is a visitor who unlocked a password-protected page; and only with the
    query parameters pages are known to read. A response is kept only when it is a 200 that set
    no cookie, used no CSRF token and did not ask to stay private. Place it after Django's
    authentication and CSRF middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._page_cache = None
        response = self.get_response(request)
        state = request._page_cache
        if state is None or state.get("hit"):
            return response
        if state.get("private"):
            page_cache.cache_control_private(response)
        elif state.get("generations") is not None:
            self._keep(request, response, state)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not page_cache.is_public_view(view_func):
            return None
        if not self._anonymous(request):
            request._page_cache = {"private": True}
            return None
        if not (page_cache.is_enabled() and self._known_read(request)):
            request._page_cache = {}
            return None
        key = page_cache.entry_key(request)
        entry = page_cache.entry_get(key)
        if entry is not None:
            request._page_cache = {"hit": True}
            response = page_cache.entry_response(entry)
            response["X-Cache"] = "hit"
            return response
        tags = [page_cache.path_tag(request.path), page_cache.SITE_TAG]
        if page_cache.is_sitemap_view(view_func):
            tags.append(page_cache.SITEMAP_TAG)
        request._page_cache = {"key": key, "generations": page_cache.generations_read(tags)}
        return None

    @staticmethod
    def _anonymous(request):
        return settings.SESSION_COOKIE_NAME not in request.COOKIES and "HTTP_AUTHORIZATION" not in request.META

    @staticmethod
    def _known_read(request):
        return request.method in ("GET", "HEAD") and set(request.GET) <= set(
            conflicts_setting("PAGE_CACHE_QUERY_PARAMETERS")
        )

    def _keep(self, request, response, state):
        if not self._storable(request, response):
            page_cache.cache_control_private(response)
            return
        page_cache.cache_control_public(response)
        set_response_etag(response)  # once here, so no hit hashes the body again
        if request.method == "GET":
            page_cache.entry_store(state["key"], response, state["generations"])
        response["X-Cache"] = "miss"

    @staticmethod
    def _storable(request, response):
        cache_control = response.get("Cache-Control", "").lower()
        vary = {header.strip().lower() for header in response.get("Vary", "").split(",") if header.strip()}
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
            and vary <= SAFE_VARY
        )
