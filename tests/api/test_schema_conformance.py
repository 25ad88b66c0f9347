"""Schemathesis drives every partner endpoint from the published OpenAPI schema: no 5xx, and
every answer (status, content type, body) is one the schema documents."""

import io
from urllib.parse import parse_qs, urlparse

import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings

from conflicts.models import Partner
from conflicts.services.partners import partner_key_issue

EXAMPLES_PER_OPERATION = 25


def test_every_endpoint_conforms_to_its_schema(db):
    from newsroom.wsgi import application

    call_command("load_demo", admin_password="correct-horse-battery", stdout=io.StringIO())
    partner = Partner.objects.get(name="Demo Partner")
    partner.rate_limit = "100000/minute"
    partner.save()
    headers = {"Authorization": f"Api-Key {partner_key_issue(partner=partner)[1]}"}
    issued_cursor = cursor_issued_by_the_api(headers)

    # Like Django's test client: the test's transaction must survive each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 15
        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
            def conforms(case):
                # A cursor is opaque: any value the API did not issue is a 400 (tests/api/test_cursors.py).
                if case.query and "cursor" in case.query:
                    case.query["cursor"] = issued_cursor
                case.call_and_validate(headers=headers)

            conforms()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def cursor_issued_by_the_api(headers):
    listing = Client(HTTP_AUTHORIZATION=headers["Authorization"]).get("/api/v1/locations/", {"limit": 1}).json()
    return parse_qs(urlparse(listing["next"]).query)["cursor"][0]
