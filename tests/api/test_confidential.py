"""No resource or format gives a partner a confidential source field or unpublished content."""

import io

import pytest
from django.core.management import call_command

from conflicts.models import Partner
from conflicts.services.partners import partner_key_issue
from newsroom.models import ArticleIndexPage
from tests.api.conftest import api_client
from tests.factories import AnonymousSourceFactory, make_article
from tests.security.canary import Canary, concrete_paths


@pytest.fixture
def demo(db):
    call_command("load_demo", admin_password="correct-horse-battery", stdout=io.StringIO())
    partner = Partner.objects.get(name="Demo Partner")
    return partner, api_client(partner_key_issue(partner=partner)[1])


def every_response(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    for path in schema["paths"]:
        for concrete in concrete_paths(path):
            for fmt in ["json", "ninjs", "geojson", "api"]:
                response = client.get(concrete, {"format": fmt, "limit": 200})
                assert response.status_code in (200, 404, 406), (concrete, fmt, response.status_code)
                yield f"{concrete}?format={fmt}", response


def test_no_confidential_source_field_in_any_resource_or_format(demo):
    partner, client = demo
    canary = Canary()
    canary.plant()
    # A source cited only by an unpublished article must not be listed either.
    hidden = AnonymousSourceFactory(public_label="a source only a draft cites")
    make_article(
        ArticleIndexPage.objects.get(), title="Draft with a hidden source", conflict=partner.conflicts.first(),
        body=[("paragraph", f'<p><a linktype="source" id="{hidden.pk}">someone</a></p>')],
        publish=False, live=False,
    )
    seen = 0
    for where, response in every_response(client):
        content = canary.check_response(where, response).decode()
        assert "Draft with a hidden source" not in content, where
        assert "a source only a draft cites" not in content, where
        seen += response.status_code == 200
    assert seen > 40
