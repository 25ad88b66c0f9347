"""Helpers for the partner API tests; the partner fixtures are in tests/conftest.py."""

from django.test import Client


def api_client(key):
    return Client(HTTP_AUTHORIZATION=f"Api-Key {key}")
