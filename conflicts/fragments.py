"""Parts of reader pages rendered once per version of what they show and kept in the shared cache.

A fragment's key names the page, its live revision and the generation of the page's page-cache tag,
which the purge of every change to a record the page shows rewrites in the change's transaction
(purges.py decides which pages show a record, for the page cache, the CDN and these fragments
alike). A change therefore gives the fragment a new key: no fragment outlives what it shows, even
when the cache could not be reached to delete it. Only live public pages are kept, never a preview,
a draft or a page in a private section.
"""

import hashlib

from django.core.cache import cache
from django.db.models import Exists, Subquery
from wagtail.models import Page

from .audience import section_restrictions
from .conf import conflicts_setting
from .models import PageCacheGeneration
from .page_cache import path_tag

PREFIX = "fragment:"


def is_enabled():
    return conflicts_setting("FRAGMENT_CACHE_TIMEOUT") > 0


def page_fragment_key(page, request, name):
    """The cache key of the page's `name` fragment as the page and its records are now, or None when
    the fragment is not to be shared: the cache is off, the request is a preview, the page is not
    live or is in a private section. One query (the page's visibility and its tag's generation)."""
    if not is_enabled() or request is None or getattr(request, "is_preview", False):
        return None
    if not page.live or page.live_revision_id is None:
        return None
    url_parts = page.get_url_parts(request)
    if url_parts is None:
        return None
    tag = path_tag(url_parts[2])
    row = Page.objects.filter(pk=page.pk, live=True).values_list(
        Subquery(PageCacheGeneration.objects.filter(tag=tag).values("generation")[:1]),
        Exists(section_restrictions(page)),
    ).first()
    if row is None or row[1]:
        return None
    address = hashlib.sha256(f"{url_parts[0]}|{tag}".encode()).hexdigest()[:24]
    return f"{PREFIX}{name}:{page.pk}:{page.live_revision_id}:{address}:{row[0] or 0}"


def fragment_cached(key, render):
    """What `render()` returns, rendered once per key and kept in the shared cache; without a key,
    rendered every time. The cache being unreachable costs a render, never an error
    (cache_backend)."""
    if key is None:
        return render()
    fragment = cache.get(key)
    if fragment is None:
        fragment = render()
        cache.set(key, fragment, conflicts_setting("FRAGMENT_CACHE_TIMEOUT"))
    return fragment
