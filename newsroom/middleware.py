"""Site-wide middleware: the Content Security Policy per area, and a 503 when the database is down."""

import logging
from functools import cache

from csp.middleware import CSPMiddleware, PolicyParts
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse

logger = logging.getLogger(__name__)

# What Wagtail's admin needs beyond the public policy: inline styles (React and Draftail set
# style attributes), inline scripts of some admin templates, and blob:/data: images for upload
# previews.
ADMIN_POLICY = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
}
# The API docs (Swagger UI split into a script file, Redoc) run no inline script; they set
# inline styles, show data: images, and Redoc searches in a worker started from a blob: URL.
API_DOCS_POLICY = {
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "worker-src": ["'self'", "blob:"],
}

@cache
def area_policies():
    """Path prefixes and the policy they add; the API docs' paths come from the URLconf."""
    return (
        (("/admin/",), ADMIN_POLICY),
        ((reverse("api:v1:docs"), reverse("api:v1:redoc")), API_DOCS_POLICY),
    )


def area_policy(path):
    """The extra sources the area of `path` needs, or None for the public policy alone."""
    for prefixes, policy in area_policies():
        if path.startswith(prefixes):
            return policy
    return None


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        policy = area_policy(request.path_info)
        if not report_only and policy:
            parts.update = {**policy, **(parts.update or {})}
        return parts


class DatabaseUnavailableMiddleware:
    """Answers 503 (no stack trace, Retry-After) when a request fails because the database is unreachable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if database_unreachable(exception):
            logger.error("Database unavailable: %s %s: %s", request.method, request.path, exception.__class__.__name__)
            return database_unavailable_response()
        return None


UNREACHABLE_HINTS = ("connect", "connection", "server closed", "terminat", "timeout", "timed out", "shutting down")


def database_unreachable(exception):
    """Whether the error is losing the database (not, say, a bad query, which stays a 500)."""
    if isinstance(exception, InterfaceError):
        return True
    return isinstance(exception, DatabaseError) and isinstance(exception, OperationalError) and any(
        hint in str(exception).lower() for hint in UNREACHABLE_HINTS
    )


def database_unavailable_response():
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response
