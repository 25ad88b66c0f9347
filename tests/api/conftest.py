"""Helpers for the partner API tests; the partner fixtures are in tests/conftest.py."""

import time

from django.test import Client


def api_client(key):
    return Client(HTTP_AUTHORIZATION=f"Api-Key {key}")


def away_from_a_window_edge(period=60, margin=5):
    """Waits out the last seconds of a fixed rate-limit window, so a burst is counted in one window."""
    left = period - time.time() % period
    if left < margin:
        time.sleep(left)
