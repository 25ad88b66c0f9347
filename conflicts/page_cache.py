"""The full-page cache for anonymous readers: entries, their purge tags and generations, purges.

An entry is stored in the default cache under the request's host and full path, with the
generations its tags had before the page was rendered; it is served only while one small query
finds them unchanged. A purge writes new generations in the transaction of the change, then,
once it commits, deletes the tagged entries and asks the CDN (Wagtail's frontend cache) to drop
the same URLs. The cache being unreachable costs the reader an uncached page, never an error.
"""

import hashlib
import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django_tasks import task

from .conf import conflicts_setting
from .links import public_url
from .models import PageCacheGeneration

logger = logging.getLogger(__name__)

SITEMAP_TAG = "sitemap"
# Every page carries it: what every page shows (the newsroom's disclosures in each page's JSON-LD).
SITE_TAG = "site"
ENTRY_PREFIX = "pagecache:entry:"
INDEX_PREFIX = "pagecache:tag:"

# Views outside the extension that show only public content: Wagtail's page serving and the
# sitemap views (Wagtail's and Django's, index and sections, and the extension's index).
PUBLIC_VIEWS = {
    "wagtail.views.serve",
    "wagtail.contrib.sitemaps.views.sitemap",
    "django.contrib.sitemaps.views.index",
    "django.contrib.sitemaps.views.sitemap",
    "conflicts.sitemaps.sitemap_index",
}
SITEMAP_VIEWS = {name for name in PUBLIC_VIEWS if "sitemap" in name}


def public_page(view):
    """Marks a view (function or callable object) as showing only public content, so the page
    cache may keep its answers for anonymous readers."""
    view.page_cache_public = True
    return view


def _view_name(view):
    return f"{getattr(view, '__module__', '')}.{getattr(view, '__name__', '')}"


def is_public_view(view):
    return getattr(view, "page_cache_public", False) or _view_name(view) in PUBLIC_VIEWS


def is_sitemap_view(view):
    return _view_name(view) in SITEMAP_VIEWS


def path_tag(path):
    """The tag of every cached variant (`?page=N` …) of one path."""
    tag = f"path:{path}"
    if len(tag) > 255:
        tag = "path#" + hashlib.sha256(path.encode()).hexdigest()
    return tag


def path_of(tag):
    return tag[len("path:"):] if tag.startswith("path:") else None


def is_enabled():
    return conflicts_setting("PAGE_CACHE_TIMEOUT") > 0


def purges_wanted():
    """Whether anything keeps pages or parts of them: the page cache, the fragments of reader pages
    (keyed by these tags' generations, conflicts.fragments), or a CDN (WAGTAILFRONTENDCACHE)."""
    return (
        is_enabled()
        or conflicts_setting("FRAGMENT_CACHE_TIMEOUT") > 0
        or bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))
    )


# Generations: the database's word on whether an entry is current


def generations_read(tags):
    """{tag: generation} for `tags`, 0 for a tag never purged: one query, in plain SQL because a
    cache hit runs it and the ORM would cost more than the rest of the hit."""
    tags = list(tags)
    table = connection.ops.quote_name(PageCacheGeneration._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT tag, generation FROM {table} WHERE tag IN ({', '.join(['%s'] * len(tags))})", tags
        )
        found = dict(cursor.fetchall())
    return {tag: found.get(tag, 0) for tag in tags}


def generations_bump(tags):
    """Gives each tag a new generation, in one statement, inside the caller's transaction."""
    rows = [PageCacheGeneration(tag=tag, generation=secrets.randbits(62) + 1) for tag in sorted(set(tags))]
    if rows:
        PageCacheGeneration.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["tag"], update_fields=["generation"]
        )


def is_filling(request):
    """Whether the response to `request` is to be kept in the page cache."""
    state = getattr(request, "_page_cache", None)
    return bool(state) and state.get("generations") is not None


def tags_add(request, tags):
    """Adds `tags` to the entry `request` is filling (a no-op for any other request), reading their
    generations now: called before the view reads what the tags stand for, so that a purge
    committed in between retires the entry instead of leaving it stale."""
    if not is_filling(request):
        return
    state = request._page_cache
    new = set(tags) - set(state["generations"])
    if new:
        state["generations"].update(generations_read(new))


# Entries


def entry_key(request):
    address = f"{request.get_host()}{request.get_full_path()}"
    return ENTRY_PREFIX + hashlib.sha256(address.encode()).hexdigest()


def entry_get(key):
    """The entry stored under `key` and still current, or None (also when the cache is down)."""
    try:
        entry = cache.get(key)
    except Exception as error:
        logger.warning("Page cache not read: the cache is unreachable (%s).", error.__class__.__name__)
        return None
    if not entry or generations_read(entry["generations"]) != entry["generations"]:
        return None
    return entry


def entry_store(key, response, generations):
    """Keeps the response under `key`, with the generations read before it was rendered, and
    lists the key under each of its tags so that a purge finds every variant."""
    entry = {
        "status": response.status_code,
        "content": response.content,
        "headers": [(name, value) for name, value in response.items() if name.lower() != "set-cookie"],
        "generations": generations,
    }
    timeout = conflicts_setting("PAGE_CACHE_TIMEOUT")
    try:
        cache.set(key, entry, timeout)
        for tag in generations:
            index_key = INDEX_PREFIX + tag
            keys = cache.get(index_key) or []
            if key not in keys:
                cache.set(index_key, [*keys, key][-1000:], timeout)
    except Exception as error:
        logger.warning("Page cache not written: the cache is unreachable (%s).", error.__class__.__name__)


def entry_response(entry):
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    return response


def entries_delete(tags):
    """Deletes the entries listed under `tags`; failures are logged, the generations already
    retired the entries."""
    index_keys = [INDEX_PREFIX + tag for tag in tags]
    try:
        listed = cache.get_many(index_keys)
        keys = {key for keys in listed.values() for key in keys}
        cache.delete_many([*keys, *index_keys])
    except Exception as error:
        logger.warning("Page cache entries not deleted: the cache is unreachable (%s).", error.__class__.__name__)


# Response headers


def cache_control_public(response):
    patch_cache_control(
        response,
        public=True,
        max_age=conflicts_setting("PAGE_CACHE_MAX_AGE"),
        s_maxage=conflicts_setting("PAGE_CACHE_S_MAXAGE"),
        stale_while_revalidate=conflicts_setting("PAGE_CACHE_STALE_WHILE_REVALIDATE"),
    )


def cache_control_private(response):
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_cache=True)


# Purges


def purge_urls(tags):
    """The absolute URLs the CDN is asked to drop for `tags`, on the site's one origin."""
    paths = sorted(path for path in map(path_of, tags) if path)
    if SITEMAP_TAG in tags:
        paths += [path for path in conflicts_setting("PAGE_CACHE_SITEMAP_PATHS") if path not in paths]
    return [public_url(None, path) for path in paths]


def page_cache_purge(tags):
    """Retires every cached output carrying one of `tags`.

    The new generations are written now, in the change's transaction, so the change and the
    purge commit together; the cache deletion and the CDN purge run once it commits, and a
    rolled-back change purges nothing.
    """
    tags = set(tags)
    if not tags:
        return
    generations_bump(tags)
    transaction.on_commit(lambda: _purge_committed(tags))


def _purge_committed(tags):
    entries_delete(tags)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        try:
            cdn_purge.enqueue(purge_urls(tags))
        except Exception:
            logger.exception("CDN purge not queued")


@task()
def cdn_purge(urls):
    """The background task asking every configured CDN to drop `urls` (one request per URL, or
    per batch where the CDN's API takes batches), so a slow CDN never delays an editor."""
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    purge_urls_from_cache(urls)
