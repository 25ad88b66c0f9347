"""Settings of the benchmark servers: the site's production settings over plain HTTP, plus a bare
view and Wagtail's own API v2 to compare with, mounted here only.

BENCH_CACHE=off sets the page cache's timeout to 0 (CONFLICTS["PAGE_CACHE_TIMEOUT"]; a key the
site ignores while it has no page cache), so no page is served from a cache: every request renders
its page; Wagtail's and the site's small caches (site root paths, rate limits) and the fragments of
reader pages (FRAGMENT_CACHE_TIMEOUT) stay in Redis, under their own key prefix, as in production.
"""

import os

from newsroom import settings as site
from newsroom.settings import *  # noqa: F403

CACHES = getattr(site, "CACHES", {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})

ROOT_URLCONF = "benchmarks.urls"
INSTALLED_APPS = [*site.INSTALLED_APPS, "wagtail.api.v2"]
WAGTAILAPI_LIMIT_MAX = 50  # the partner API's page size, to compare like with like
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
STATIC_ROOT = os.environ.get("STATIC_ROOT", site.STATIC_ROOT)

if os.environ.get("BENCH_CACHE") == "off":
    CONFLICTS = {**site.CONFLICTS, "PAGE_CACHE_TIMEOUT": 0}
    CACHES = {
        alias: {**config, "KEY_PREFIX": f"{config.get('KEY_PREFIX', '')}bench-uncached"}
        for alias, config in CACHES.items()
    }
