"""System checks for deployments: what the extension's guarantees need from the site's settings."""

from django.conf import settings
from django.core.checks import Error, Tags, register

PROCESS_LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, deploy=True)
def shared_cache_check(app_configs, **kwargs):
    """Rate limits count in the default cache; one each worker keeps to itself multiplies them."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in PROCESS_LOCAL_CACHES:
        return []
    return [Error(
        f"The default cache ({backend.rsplit('.', 1)[-1]}) is not shared between worker processes, "
        "so partner rate limits and password-reset limits multiply by the number of workers.",
        hint="Set REDIS_URL, e.g. redis://127.0.0.1:6379/0, to a Redis server every worker reaches.",
        id="conflicts.E001",
    )]
