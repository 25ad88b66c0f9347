"""The OpenAPI schema is a valid document, and says exactly what the API answers: every media type
it advertises is served, and real answers validate against it with and without format checks."""

import copy
import io
import re

import pytest
from django.core.management import call_command
from drf_spectacular.validation import validate_schema
from jsonschema import Draft7Validator

from conflicts.models import Claim, ClaimStatusChange, Partner
from conflicts.services.partners import partner_key_issue
from conflicts.services.withdrawals import page_withdraw
from newsroom.models import ArticlePage
from tests.api.conftest import api_client
from tests.factories import make_article


@pytest.fixture
def demo(db):
    call_command("load_demo", admin_password="correct-horse-battery", stdout=io.StringIO())
    article = ArticlePage.objects.live().first()
    withdrawn = make_article(article.get_parent(), title="Withdrawn story", conflict=article.conflict)
    page_withdraw(page=withdrawn, reason="So that the tombstone resources have an answer.", by=None)
    partner = Partner.objects.get(name="Demo Partner")
    partner.rate_limit = "100000/minute"
    partner.save()
    client = api_client(partner_key_issue(partner=partner)[1])
    return client, client.get("/api/v1/schema/", {"format": "json"}).json()


def operations(schema):
    """(path, media type, response schema) for every GET's 200 answer the schema documents."""
    for path, methods in schema["paths"].items():
        for media_type, content in methods["get"]["responses"]["200"]["content"].items():
            yield path, media_type, content["schema"]


def concrete(client, path):
    """The path with its {id} (or {page_id}) filled from the first item of the list it belongs to."""
    for parameter in ("id", "page_id"):
        if f"{{{parameter}}}" in path:
            listing = client.get(path.split(f"{{{parameter}}}")[0]).json()
            return path.replace(f"{{{parameter}}}", str(listing["results"][0][parameter]))
    return path


def as_json_schema(node):
    """OpenAPI 3.0 schema objects as JSON Schema: `nullable: true` becomes a null alternative."""
    if isinstance(node, list):
        return [as_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: as_json_schema(value) for key, value in node.items()}
    if node.pop("nullable", False):
        if "type" in node:
            node["type"] = [node["type"], "null"]
            if "enum" in node:
                node["enum"] = [*node["enum"], None]
        else:
            node = {"anyOf": [node, {"type": "null"}]}
    return node


def validator(schema, response_schema, *, check_formats):
    document = {"components": as_json_schema(copy.deepcopy(schema["components"])), **as_json_schema(response_schema)}
    return Draft7Validator(document, format_checker=Draft7Validator.FORMAT_CHECKER if check_formats else None)


def test_the_schema_is_a_valid_openapi_3_document(demo):
    _, schema = demo
    validate_schema(schema)
    assert schema["openapi"].startswith("3.0")


def test_every_media_type_the_schema_advertises_is_served(demo):
    client, schema = demo
    advertised = sorted((path, media_type) for path, media_type, _ in operations(schema))
    assert ("/api/v1/articles/", "application/ninjs+json") not in advertised
    assert ("/api/v1/articles/{id}/", "application/ninjs+json") in advertised
    for path, media_type in advertised:
        response = client.get(concrete(client, path), HTTP_ACCEPT=media_type)
        assert (path, media_type, response.status_code) == (path, media_type, 200)
        assert response["Content-Type"].split(";")[0] == media_type


def test_a_list_that_does_not_advertise_ninjs_refuses_it_with_a_406(demo):
    client, _ = demo
    assert client.get("/api/v1/articles/", HTTP_ACCEPT="application/ninjs+json").status_code == 406
    response = client.get("/api/v1/articles/", {"format": "ninjs"})
    assert response.status_code == 406
    assert response.json() == {"detail": "ninjs is served one article at a time: /api/v1/articles/<id>/?format=ninjs"}


@pytest.mark.parametrize("check_formats", [True, False], ids=["with format checks", "without format checks"])
def test_json_answers_validate_against_the_schema(demo, check_formats):
    client, schema = demo
    blank_evidence = ClaimStatusChange.objects.filter(evidence_url="").values_list("claim_id", flat=True)
    assert Claim.objects.filter(pk__in=blank_evidence).exists()
    checked = []
    for path, media_type, response_schema in operations(schema):
        if media_type != "application/json":
            continue
        body = client.get(concrete(client, path), HTTP_ACCEPT=media_type).json()
        problems = [
            f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in validator(schema, response_schema, check_formats=check_formats).iter_errors(body)
        ]
        assert problems == [], path
        checked.append(path)
    assert {"/api/v1/claims/", "/api/v1/claims/{id}/", "/api/v1/locations/", "/api/v1/articles/"} <= set(checked)


def test_blank_or_formatted_fields_are_any_of_never_one_of(demo):
    _, schema = demo
    text = str(schema)
    assert "'oneOf': [{'type': 'string', 'format'" not in text
    evidence = schema["components"]["schemas"]["StatusChange"]["properties"]["evidence_url"]
    assert evidence == {"anyOf": [{"type": "string", "format": "uri", "maxLength": 500}, {"type": "string", "maxLength": 0}]}
    assert not re.search(r"'oneOf': \[[^\]]*'maxLength': 0", text)
