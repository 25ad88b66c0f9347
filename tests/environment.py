"""Loaded before Django starts (pytest -p): the test run's environment, unless the caller set it."""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("FIELD_ENCRYPTION_KEY", "dGVzdC1vbmx5LWZpZWxkLWVuY3J5cHRpb24ta2V5ISE=")
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
os.environ.setdefault("CONN_MAX_AGE", "0")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# The page cache is off unless a test turns it on (tests/conflicts/test_page_cache.py): the
# suite's tests edit rows directly, outside the change events that purge it.
os.environ.setdefault("PAGE_CACHE_TIMEOUT", "0")
# Likewise the fragments of reader pages (tests/conflicts/test_fragments.py turns them on).
os.environ.setdefault("FRAGMENT_CACHE_TIMEOUT", "0")
