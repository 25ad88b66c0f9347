"""Settings of the benchmark servers: the site's production settings over plain HTTP, plus a bare
view and Wagtail's own API v2 to compare with, mounted here only.

BENCH_CACHE=off replaces every cache with Django's dummy cache and sets the page cache's timeout to
0, so nothing is served from a cache whether or not the site has a page cache.
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
    CACHES = {alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"} for alias in CACHES}
    CONFLICTS = {**site.CONFLICTS, "PAGE_CACHE_TIMEOUT": 0}
