"""Operational endpoints of the site."""

import sys

from django.db import DatabaseError, InterfaceError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.defaults import server_error as default_server_error

from .middleware import database_unavailable_response, database_unreachable


@never_cache
def healthz(request):
    """200 when the site can query its database, 503 when it cannot (for load balancers and monitors)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except (DatabaseError, InterfaceError):
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request):
    """The 500 page, or the 503 page when the failure was losing the database (also in middleware)."""
    if database_unreachable(sys.exc_info()[1]):
        return database_unavailable_response()
    return default_server_error(request)
