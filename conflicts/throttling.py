"""Request limits counted in the shared cache, atomically, so every worker process sees one count."""

import contextlib
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
    retry_after: int  # whole seconds until a request would be allowed again


def throttle_hit(*, key, limit, period):
    """Counts one request against `limit` per sliding `period` of seconds.

    The period slides: the requests admitted in the previous fixed window count in proportion
    to how much of it still lies within the last `period` seconds, so a client cannot take its
    limit at the end of one window and again at the start of the next (a fixed window admits
    twice the limit across its edge). Each window's count is one `cache.add` and one
    `cache.incr`, atomic in Redis, so concurrent workers can never admit more than the limit
    on one count (a read, append and write back, as DRF's SimpleRateThrottle does, lets each
    worker through on the same count); a refused request is taken back out of the count, so
    a client that keeps knocking while refused is not refused for longer.
    When the cache cannot be reached the request is allowed and a warning logged: a rate limit
    must not take the site down with its cache.
    """
    now = time.time()
    window = int(now // period)
    elapsed = now - window * period
    current_key = f"throttle:{key}:{period}:{window}"
    try:
        count = window_count(current_key, timeout=2 * period + 60)
        previous = cache.get(f"throttle:{key}:{period}:{window - 1}") or 0
    except Exception as error:
        logger.warning("Rate limit not applied: the cache is unreachable (%s).", error.__class__.__name__)
        return ThrottleResult(allowed=True, retry_after=1)
    if previous * (1 - elapsed / period) + count <= limit:
        return ThrottleResult(allowed=True, retry_after=0)
    with contextlib.suppress(Exception):  # expired or unreachable since: nothing to take back
        cache.decr(current_key)
    # Refusals running at the same moment may not have been taken back yet: no more than the
    # limit were admitted.
    admitted = min(count - 1, limit)
    return ThrottleResult(allowed=False, retry_after=_retry_after(limit, period, elapsed, previous, admitted))


def _retry_after(limit, period, elapsed, previous, admitted):
    """Seconds until one more request fits: when the previous window's share has shrunk enough,
    or, if this window alone is full, when this window's share in the next one has."""
    if limit <= 0:
        return period
    if admitted + 1 <= limit and previous:
        wait = period * (1 - (limit - admitted - 1) / previous) - elapsed
    else:
        wait = (period - elapsed) + (period * (1 - (limit - 1) / admitted) if admitted else 0)
    return max(1, math.ceil(wait - 1e-9))


def window_count(window_key, *, timeout):
    if cache.add(window_key, 1, timeout=timeout):
        return 1
    try:
        return cache.incr(window_key)
    except ValueError:  # evicted between the two calls: this request starts the window again
        cache.add(window_key, 1, timeout=timeout)
        return 1
