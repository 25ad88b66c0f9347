"""Fixed-window request limits in the shared cache: the count, the window and Retry-After."""

from unittest import mock

import pytest
from django.core.cache import cache

from conflicts.throttling import ThrottleResult, rate_parse, throttle_hit


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def hits(times, *, at, key="partner:1", limit=3, period=60):
    with mock.patch("conflicts.throttling.time.time", return_value=at):
        return [throttle_hit(key=key, limit=limit, period=period) for _ in range(times)]


def test_the_limit_holds_within_a_window_and_retry_after_counts_to_its_end():
    assert hits(4, at=6_000_045.2) == [ThrottleResult(True, 15)] * 3 + [ThrottleResult(False, 15)]


def test_a_new_window_starts_a_new_count():
    hits(4, at=6_000_059.5)
    assert hits(1, at=6_000_060.0) == [ThrottleResult(True, 60)]


def test_counts_are_per_key_and_per_period():
    hits(3, at=6_000_000.0)
    assert hits(1, at=6_000_000.0, key="partner:2") == [ThrottleResult(True, 60)]
    assert hits(1, at=6_000_000.0, period=3600, limit=1) == [ThrottleResult(True, 1200)]


@pytest.mark.parametrize(("rate", "parsed"), [("600/minute", (600, 60)), ("5/second", (5, 1)), ("5000/day", (5000, 86400))])
def test_rates_read_as_requests_per_seconds(rate, parsed):
    assert rate_parse(rate) == parsed
