"""A page of a partner list answers a conditional request 304 until one of its rows or its membership changes."""

from datetime import timedelta
from unittest import mock
from urllib.parse import urlparse

import pytest
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from conflicts.api.v1.serializers import ClaimSerializer
from conflicts.models import Claim, Conflict, Location, Partner, Source
from conflicts.services.claims import claim_change_status
from tests.factories import ConflictFactory, make_article, make_claim


def carrying(site_tree, conflict, *claims, title="Carrying"):
    body = [("paragraph", "".join(f'<p><a linktype="claim" id="{claim.pk}">claim</a></p>' for claim in claims))]
    return make_article(site_tree["news"], title=title, conflict=conflict, body=body)


@pytest.fixture
def coverage(site_tree, conflict):
    first, second = make_claim(statement="Posts withdrawn", conflict=conflict), make_claim(conflict=conflict)
    return {"claims": [first, second], "article": carrying(site_tree, conflict, first, second)}


def validators(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response["ETag"], response["Last-Modified"]


def backdate():
    """Everything an hour old: HTTP dates count whole seconds, so a change made now is later."""
    an_hour_ago = timezone.now() - timedelta(hours=1)
    for model in (Claim, Source, Location, Conflict, Partner):
        model.objects.update(updated_at=an_hour_ago)
    Page.objects.update(last_published_at=an_hour_ago)
    PageLogEntry.objects.update(timestamp=an_hour_ago)


@pytest.mark.parametrize("path", ["/api/v1/claims/", "/api/v1/articles/", "/api/v1/sources/", "/api/v1/locations/?format=geojson"])
def test_an_unchanged_page_of_a_list_is_304_without_serializing(client_for, coverage, path):
    etag, last_modified = validators(client_for, path)
    with mock.patch("conflicts.api.v1.mixins.representations") as looked_up:
        assert client_for.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304
        assert client_for.get(path, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert not looked_up.called


def test_a_status_change_of_a_listed_claim_is_served_at_once(client_for, coverage):
    backdate()
    etag, last_modified = validators(client_for, "/api/v1/claims/")
    claim_change_status(claim=coverage["claims"][0], to="confirmed", by=None, note="Seen on satellite images.")
    for header in ({"HTTP_IF_NONE_MATCH": etag}, {"HTTP_IF_MODIFIED_SINCE": last_modified}):
        response = client_for.get("/api/v1/claims/", **header)
        assert response.status_code == 200
        assert response["ETag"] != etag
        statuses = {item["id"]: item["status"] for item in response.json()["results"]}
        assert statuses[coverage["claims"][0].pk] == "confirmed"


def test_a_claim_newly_carried_changes_the_page_even_if_the_claim_is_old(client_for, site_tree, conflict, coverage):
    old = make_claim(statement="Shelling reported at dawn", conflict=conflict)
    backdate()
    etag, last_modified = validators(client_for, "/api/v1/claims/")
    carrying(site_tree, conflict, old, title="Now carrying the old claim")
    for header in ({"HTTP_IF_NONE_MATCH": etag}, {"HTTP_IF_MODIFIED_SINCE": last_modified}):
        response = client_for.get("/api/v1/claims/", **header)
        assert response.status_code == 200
        assert old.pk in [item["id"] for item in response.json()["results"]]


@pytest.mark.parametrize("path", ["/api/v1/claims/", "/api/v1/articles/"])
def test_unpublishing_changes_the_pages_it_leaves(client_for, coverage, path):
    backdate()
    etag, last_modified = validators(client_for, path)
    coverage["article"].unpublish()
    for header in ({"HTTP_IF_NONE_MATCH": etag}, {"HTTP_IF_MODIFIED_SINCE": last_modified}):
        response = client_for.get(path, **header)
        assert response.status_code == 200
        assert response.json()["results"] == []


def test_a_change_of_the_partners_conflicts_changes_its_pages(client_for, partner, coverage):
    backdate()
    etag, last_modified = validators(client_for, "/api/v1/claims/")
    partner.conflicts.set([ConflictFactory(name="Nagorno-Karabakh", slug="karabakh")])
    partner.save()
    for header in ({"HTTP_IF_NONE_MATCH": etag}, {"HTTP_IF_MODIFIED_SINCE": last_modified}):
        response = client_for.get("/api/v1/claims/", **header)
        assert response.status_code == 200
        assert response.json()["results"] == []


def test_each_cursor_page_has_its_own_etag_and_only_the_changed_page_changes(client_for, site_tree, conflict):
    claims = [make_claim(statement=f"Claim {n}", conflict=conflict) for n in range(4)]
    carrying(site_tree, conflict, *claims)
    first = client_for.get("/api/v1/claims/", {"limit": 2})
    following = urlparse(first.json()["next"])
    second_path = f"{following.path}?{following.query}"
    second = client_for.get(second_path)
    assert first["ETag"] != second["ETag"]
    changed = sorted(claims, key=lambda claim: claim.pk)[-1]
    with mock.patch.object(ClaimSerializer, "to_representation", autospec=True,
                           side_effect=ClaimSerializer.to_representation) as serialized:
        claim_change_status(claim=changed, to="denied", by=None, note="Denied by the ministry.")
        assert client_for.get("/api/v1/claims/", {"limit": 2}, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
        response = client_for.get(second_path, HTTP_IF_NONE_MATCH=second["ETag"])
    assert response.status_code == 200
    assert serialized.call_count == 1
