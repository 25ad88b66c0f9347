"""Sliding-window request limits in the shared cache: the count, the slide and Retry-After."""

from unittest import mock

import pytest
from django.core.cache import cache

from conflicts.throttling import ThrottleResult, rate_parse, throttle_hit

START = 6_001_200.0  # the start of a window of 60 s and of one of 3600 s


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def hits(times, *, at, key="partner:1", limit=3, period=60):
    with mock.patch("conflicts.throttling.time.time", return_value=at):
        return [throttle_hit(key=key, limit=limit, period=period) for _ in range(times)]


def allowed(results):
    return [result.allowed for result in results]


def test_the_limit_holds_within_a_window_and_retry_after_counts_to_when_one_more_fits():
    # Three admitted 45.2 s in: one more fits once their share of the sliding minute falls to
    # two, a third of the way into the next window (14.8 s + 20 s).
    assert hits(4, at=START + 45.2) == [ThrottleResult(True, 0)] * 3 + [ThrottleResult(False, 35)]


def test_a_burst_across_a_window_edge_gets_the_limit_once_not_twice():
    assert allowed(hits(3, at=START + 59.5)) == [True] * 3
    assert allowed(hits(3, at=START + 60.0)) == [False] * 3
    assert allowed(hits(1, at=START + 60 + 19.0)) == [False]
    assert allowed(hits(2, at=START + 60 + 20.5)) == [True, False]
    assert allowed(hits(3, at=START + 120.0)) == [True, True, False]


def test_the_previous_window_counts_in_proportion_to_what_is_left_of_it():
    hits(3, at=START + 10.0)
    # 30 s into the next window half of the previous one is within the last minute: 1.5 of 3.
    assert allowed(hits(3, at=START + 90.0)) == [True, False, False]
    # A full window later it no longer counts.
    assert allowed(hits(3, at=START + 180.0)) == [True] * 3


def test_refused_requests_do_not_count():
    hits(3, at=START + 1.0)
    hits(50, at=START + 30.0)  # a client knocking while refused
    assert allowed(hits(2, at=START + 60 + 20.5)) == [True, False]


def test_counts_are_per_key_and_per_period():
    hits(3, at=START)
    assert hits(1, at=START, key="partner:2") == [ThrottleResult(True, 0)]
    assert hits(1, at=START, period=3600, limit=1) == [ThrottleResult(True, 0)]
    # One an hour: the next fits once the first has slid out of the hour entirely.
    assert hits(1, at=START + 1200, period=3600, limit=1) == [ThrottleResult(False, 2400 + 3600)]


def test_an_unreachable_cache_lets_the_request_through():
    with mock.patch("conflicts.throttling.cache.add", side_effect=ConnectionError):
        assert hits(1, at=START) == [ThrottleResult(True, 1)]


@pytest.mark.parametrize(("rate", "parsed"), [("600/minute", (600, 60)), ("5/second", (5, 1)), ("5000/day", (5000, 86400))])
def test_rates_read_as_requests_per_seconds(rate, parsed):
    assert rate_parse(rate) == parsed


def test_retry_after_counts_no_more_than_the_limit_while_refusals_are_being_taken_back():
    """Concurrent refusals each add one before taking it back: another refusal computed in between
    must not take them for admitted requests."""
    hits(3, at=START + 30.0)
    with mock.patch("conflicts.throttling.cache.decr"):  # none taken back yet
        refused = hits(5, at=START + 30.0)
    assert refused == [ThrottleResult(False, 50)] * 5
