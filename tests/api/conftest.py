"""Partners, keys and API clients for the partner API tests."""

import pytest
from django.test import Client

from conflicts.models import Partner
from conflicts.services.partners import partner_key_issue
from tests.factories import ConflictFactory


def api_client(key):
    return Client(HTTP_AUTHORIZATION=f"Api-Key {key}")


@pytest.fixture
def conflict(db):
    return ConflictFactory(name="Syrian war: Idlib", slug="idlib")


@pytest.fixture
def partner(conflict):
    partner = Partner.objects.create(name="Partner Outlet", rate_limit="1000/minute")
    partner.conflicts.set([conflict])
    partner.save()
    return partner


@pytest.fixture
def partner_key(partner):
    return partner_key_issue(partner=partner)[1]


@pytest.fixture
def client_for(partner_key):
    return api_client(partner_key)
