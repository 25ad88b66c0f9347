"""A Redis cache whose outage costs the site its cache, never a request: reads miss, writes are dropped.

Django's RedisCache raises when Redis is unreachable, so every cached read on a request's path
(Wagtail's site root paths, image renditions, the page cache) would turn an outage into 500s.
Counters (`add`, `incr`, `decr`) still raise: their callers decide what an unknown count means
(conflicts.throttling lets requests through and logs it).
"""

import logging

from django.core.cache.backends.redis import RedisCache

try:
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError
except ImportError:  # redis-py is the site's to install, as for Django's RedisCache
    RedisConnectionError = RedisTimeoutError = OSError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _tolerant(name, fallback):
    method = getattr(RedisCache, name)

    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except UNREACHABLE as error:
            logger.warning("Cache %s skipped: the cache is unreachable (%s).", name, error.__class__.__name__)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    call.__name__ = name
    call.__doc__ = method.__doc__
    return call


def _default(key, default=None, *args, **kwargs):
    return default


class OutageTolerantRedisCache(RedisCache):
    get = _tolerant("get", _default)
    get_many = _tolerant("get_many", {})
    has_key = _tolerant("has_key", False)
    set = _tolerant("set", None)
    set_many = _tolerant("set_many", [])
    touch = _tolerant("touch", False)
    delete = _tolerant("delete", False)
    delete_many = _tolerant("delete_many", None)
