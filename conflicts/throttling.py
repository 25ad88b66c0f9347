"""Request limits counted in the shared cache, atomically, so every worker process sees one count."""

import logging
import math
import time
from dataclasses import dataclass

from django.core.cache import cache

logger = logging.getLogger(__name__)


PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def rate_parse(rate):
    """"600/minute" as (600, 60): requests allowed and the window in seconds."""
    count, _, unit = rate.partition("/")
    return int(count), PERIODS[unit]


@dataclass(frozen=True)
class ThrottleResult:
    allowed: bool
    retry_after: int  # whole seconds until the window ends


def throttle_hit(*, key, limit, period):
    """Counts one request against `limit` per fixed window of `period` seconds.

    The count is one `cache.add` and one `cache.incr`, both atomic in Redis, so concurrent
    workers can never let more than `limit` requests through in a window (a read, append and
    write back, as DRF's SimpleRateThrottle does, lets each worker through on the same count).
    When the cache cannot be reached the request is allowed and a warning logged: a rate limit
    must not take the site down with its cache.
    """
    now = time.time()
    window = int(now // period)
    window_key = f"throttle:{key}:{period}:{window}"
    retry_after = max(1, math.ceil((window + 1) * period - now))
    try:
        count = window_count(window_key, timeout=period + 60)
    except Exception as error:
        logger.warning("Rate limit not applied: the cache is unreachable (%s).", error.__class__.__name__)
        return ThrottleResult(allowed=True, retry_after=retry_after)
    return ThrottleResult(allowed=count <= limit, retry_after=retry_after)


def window_count(window_key, *, timeout):
    if cache.add(window_key, 1, timeout=timeout):
        return 1
    try:
        return cache.incr(window_key)
    except ValueError:  # evicted between the two calls: this request starts the window again
        cache.add(window_key, 1, timeout=timeout)
        return 1
