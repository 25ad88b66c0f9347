"""Keeping a partner's copy in step: cursor walks, updated_since, conditional requests, tombstones."""

from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.utils import timezone

from conflicts.models import Claim, Conflict, Location
from conflicts.services.claims import claim_change_status
from newsroom.models import ArticlePage
from tests.factories import LocationFactory, make_article, make_claim


def walk(client, path, params):
    """Every item of a list, following the cursor links; returns the ids in order."""
    seen, response = [], client.get(path, params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        seen += [item["id"] for item in body["results"]]
        yield seen
        if not body["next"]:
            return
        next_url = urlparse(body["next"])
        response = client.get(f"{next_url.path}?{next_url.query}")


def test_a_cursor_walk_sees_every_item_exactly_once_while_items_are_edited(client_for, conflict):
    locations = [LocationFactory(name=f"Village {n}") for n in range(23)]
    for location in locations:
        location.conflicts.add(conflict)
    since = (timezone.now() - timedelta(minutes=1)).isoformat()
    pages = walk(client_for, "/api/v1/locations/", {"limit": 5, "updated_since": since})
    next(pages)
    # Edit items already seen and items still ahead while the walk is under way.
    for location in locations[:2] + locations[-3:]:
        location.name += " (renamed)"
        location.save()
    LocationFactory(name="Added during the walk").conflicts.add(conflict)
    seen = list(pages)[-1]
    assert len(seen) == len(set(seen))
    assert {location.pk for location in locations} <= set(seen)


def test_updated_since_returns_what_changed_and_nothing_else(client_for, conflict):
    locations = [LocationFactory() for _ in range(4)]
    for location in locations:
        location.conflicts.add(conflict)
    Location.objects.filter(pk__in=[loc.pk for loc in locations]).update(updated_at=timezone.now() - timedelta(days=2))
    since = timezone.now() - timedelta(days=1)
    locations[1].name = "Renamed"
    locations[1].save()
    response = client_for.get("/api/v1/locations/", {"updated_since": since.isoformat()})
    assert [item["id"] for item in response.json()["results"]] == [locations[1].pk]


def test_claims_filter_by_status_conflict_and_updated_since(client_for, conflict, site_tree):
    confirmed = make_claim(statement="Confirmed claim", conflict=conflict, status="confirmed")
    open_claim = make_claim(statement="Open claim", conflict=conflict)
    body = [("paragraph", f'<p><a linktype="claim" id="{confirmed.pk}">one</a> '
                          f'<a linktype="claim" id="{open_claim.pk}">two</a></p>')]
    make_article(site_tree["news"], title="Carrying claims", conflict=conflict, body=body)
    results = client_for.get("/api/v1/claims/", {"status": "confirmed"}).json()["results"]
    assert [item["id"] for item in results] == [confirmed.pk]
    assert results[0]["status_history"][-1]["to_status"] == "confirmed"
    both = client_for.get("/api/v1/claims/", {"status": ["confirmed", "unconfirmed"], "conflict": "idlib"})
    assert {item["id"] for item in both.json()["results"]} == {confirmed.pk, open_claim.pk}
    assert client_for.get("/api/v1/claims/", {"conflict": "elsewhere"}).json()["results"] == []


def test_conditional_requests_return_304_until_the_article_changes(client_for, conflict, site_tree):
    claim = make_claim(statement="Posts withdrawn", conflict=conflict)
    body = [("paragraph", f'<p><a linktype="claim" id="{claim.pk}">withdrawn</a></p>')]
    article = make_article(site_tree["news"], title="Withdrawal", conflict=conflict, body=body)
    # HTTP dates count whole seconds: let the first version be an hour old.
    an_hour_ago = timezone.now() - timedelta(hours=1)
    Claim.objects.filter(pk=claim.pk).update(updated_at=an_hour_ago)
    Conflict.objects.filter(pk=conflict.pk).update(updated_at=an_hour_ago)
    ArticlePage.objects.filter(pk=article.pk).update(last_published_at=an_hour_ago)
    path = f"/api/v1/articles/{article.pk}/"
    first = client_for.get(path)
    assert first.status_code == 200
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert "Authorization" in first["Vary"]

    assert client_for.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client_for.get(path, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304

    claim_change_status(claim=claim, to="confirmed", by=None, note="Seen on satellite images.")
    changed = client_for.get(path, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert 'data-status="confirmed"' in changed.json()["body_html"]
    assert client_for.get(path, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 200


def test_unpublished_and_deleted_articles_appear_as_tombstones(client_for, conflict, site_tree):
    before = timezone.now()
    unpublished = make_article(site_tree["news"], title="Pulled", conflict=conflict)
    deleted = make_article(site_tree["news"], title="Deleted", conflict=conflict)
    kept = make_article(site_tree["news"], title="Kept", conflict=conflict)
    unpublished.unpublish()
    deleted.delete()
    response = client_for.get("/api/v1/tombstones/", {"since": before.isoformat()})
    tombstones = {item["page_id"]: item for item in response.json()["results"]}
    assert tombstones[unpublished.pk]["reason"] == "unpublished"
    assert tombstones[deleted.pk]["reason"] == "deleted"
    assert tombstones[deleted.pk]["page_type"] == "article"
    assert kept.pk not in tombstones

    revision = unpublished.save_revision()
    revision.publish()
    response = client_for.get("/api/v1/tombstones/", {"since": before.isoformat()})
    assert unpublished.pk not in {item["page_id"] for item in response.json()["results"]}
    future = (timezone.now() + timedelta(minutes=1)).isoformat()
    assert client_for.get("/api/v1/tombstones/", {"since": future}).json()["results"] == []


RESOURCES = ["articles", "explainers", "claims", "sources", "locations", "conflicts", "tombstones"]


def test_list_queries_do_not_depend_on_page_size(client_for, conflict, site_tree):
    """Every list resource costs the same number of queries for a page of 5 items and of 100."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from conflicts.models import Conflict, PageTombstone, Partner, PartnerKey
    from tests.factories import SourceFactory, make_explainer

    def add(start, stop):
        for i in range(start, stop):
            source = SourceFactory(public_label=f"source {i}")
            claim = make_claim(statement=f"Claim {i}", conflict=conflict, sources=[source])
            place = LocationFactory()
            place.conflicts.add(conflict)
            other = Conflict.objects.create(name=f"Conflict {i}", slug=f"conflict-{i}")
            partner = Partner.objects.get()
            partner.conflicts.add(other)
            partner.save()
            body = [("paragraph", f'<p><a linktype="claim" id="{claim.pk}">c</a> <a linktype="source" id="{source.pk}">s</a> '
                                  f'<a linktype="place" id="{place.pk}">p</a></p>')]
            make_article(site_tree["news"], title=f"Article {i}", conflict=conflict, body=body, places=[place])
            make_explainer(site_tree["explainers"], title=f"Explainer {i}", conflict=conflict, places=[place], claims=[claim])
            # How unpublishing writes a tombstone is tested above; here only the list's cost matters.
            PageTombstone.objects.create(page_id=10_000 + i, page_type="article", conflict=conflict, reason="unpublished")

    def counts(size):
        # A key's last use is recorded at most once a minute; keep that write out of the counts.
        PartnerKey.objects.update(last_used_at=timezone.now() + timedelta(hours=1))
        result = {}
        for resource in RESOURCES:
            with CaptureQueriesContext(connection) as queries:
                response = client_for.get(f"/api/v1/{resource}/", {"limit": size})
            assert response.status_code == 200
            assert len(response.json()["results"]) == size, resource
            result[resource] = len(queries)
        return result

    add(0, 5)
    five = counts(5)
    add(5, 100)
    assert counts(100) == five


@pytest.mark.parametrize("since", ["0136-03-12T01:14:46+17:56", "0001-01-01T00:00:00+01:00", "2026-11-03T08:00:00-11:30"])
def test_updated_since_takes_any_iso_8601_offset(client_for, conflict, since):
    """Offsets the database cannot store and dates before year 1 in UTC are read, not refused."""
    location = LocationFactory()
    location.conflicts.add(conflict)
    response = client_for.get("/api/v1/locations/", {"updated_since": since})
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [location.pk]


def test_the_annotation_page_is_modified_when_a_claim_it_describes_changes_status(client_for, conflict, site_tree):
    """Its bodies carry each claim's status, so If-Modified-Since must not answer 304 after a status change."""
    claim = make_claim(statement="Posts withdrawn", conflict=conflict)
    body = [("paragraph", f'<p><a linktype="claim" id="{claim.pk}">withdrawn</a></p>')]
    article = make_article(site_tree["news"], title="Withdrawal", conflict=conflict, body=body)
    an_hour_ago = timezone.now() - timedelta(hours=1)
    Claim.objects.filter(pk=claim.pk).update(updated_at=an_hour_ago)
    ArticlePage.objects.filter(pk=article.pk).update(last_published_at=an_hour_ago)
    Conflict.objects.filter(pk=conflict.pk).update(updated_at=an_hour_ago)
    path = f"/api/v1/articles/{article.pk}/annotations/"
    last_modified = client_for.get(path)["Last-Modified"]
    assert client_for.get(path, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304

    claim_change_status(claim=claim, to="confirmed", by=None, note="Seen on satellite images.")
    changed = client_for.get(path, HTTP_IF_MODIFIED_SINCE=last_modified)
    assert changed.status_code == 200
    assert changed.json()["items"][0]["body"][1]["value"] == "Posts withdrawn (confirmed)"
