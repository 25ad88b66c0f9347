"""Hostile input to the partner API and the admin: a 4xx or a validation error, never a 500,
nothing half-saved, nothing that executes on a public page."""

import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from conflicts.models import Claim, Conflict, Location, Source
from tests.conflicts.test_admin_claims import claim_form
from tests.factories import LocationFactory, make_article, make_claim

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"

API_CASES = [
    ("/api/v1/articles/", {"updated_since": "yesterday"}, 400),
    ("/api/v1/articles/", {"updated_since": "2026-13-45"}, 400),
    ("/api/v1/articles/", {"updated_since": "2026-02-30T25:00:00Z"}, 400),
    ("/api/v1/claims/", {"updated_since": "'; DROP TABLE conflicts_claim; --"}, 400),
    ("/api/v1/claims/", {"updated_since": SCRIPT}, 400),
    ("/api/v1/locations/", {"updated_since": "9" * 5000}, 400),
    ("/api/v1/tombstones/", {"since": "last week"}, 400),
    ("/api/v1/claims/", {"status": SCRIPT}, 400),
    ("/api/v1/claims/", {"status": "probably"}, 400),
    ("/api/v1/locations/", {"kind": "castle"}, 400),
    ("/api/v1/sources/", {"kind": "<img src=x onerror=alert(1)>"}, 400),
    ("/api/v1/articles/", {"conflict": SCRIPT}, 400),
    ("/api/v1/articles/", {"place": "../../etc/passwd"}, 400),
    ("/api/v1/claims/", {"place": "morek\x00"}, 400),
    ("/api/v1/locations/", {"parent": "two words"}, 400),
    ("/api/v1/articles/", {"limit": "0"}, 400),
    ("/api/v1/articles/", {"limit": "-5"}, 400),
    ("/api/v1/articles/", {"limit": "abc"}, 400),
    ("/api/v1/articles/", {"limit": "100000"}, 400),
    ("/api/v1/articles/", {"cursor": "not-a-cursor"}, 400),
    ("/api/v1/articles/", {"q": "x" * 500}, 400),
    ("/api/v1/articles/", {"format": "xml"}, 404),
    ("/api/v1/articles/abc/", {}, 404),
    ("/api/v1/articles/99999999999999999999999/", {}, 404),
    ("/api/v1/articles/-1/", {}, 404),
    ("/api/v1/claims/1.5/", {}, 404),
    ("/api/v1/sources/0/", {}, 404),
    ("/api/v1/locations/1e3/", {}, 404),
]


@pytest.mark.parametrize("path, params, status", API_CASES)
def test_hostile_api_queries_get_a_clear_4xx(client_for, path, params, status):
    response = client_for.get(path, params)
    assert response.status_code == status
    assert response.json()["detail"] if status != 400 else response.json()


@pytest.mark.parametrize("header", [
    "Api-Key " + "A" * 10_000,
    "Api-Key cdk__",
    "Api-Key cdk_aaaaaaaaaaaa_" + "\u00e9" * 10,
    "Api-Key cdk_' OR '1'='1_x",
])
def test_hostile_keys_are_401(client, partner, header):
    response = client.get("/api/v1/articles/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client_for, conflict, method):
    response = getattr(client_for, method)(f"/api/v1/conflicts/{conflict.pk}/", {}, content_type="application/json")
    assert response.status_code == 405
    assert Conflict.objects.filter(pk=conflict.pk).exists()


# Admin forms

def location_form(**overrides):
    data = {
        "name": "Saraqib", "slug": "saraqib", "kind": "town", "parent": "", "alternative_names": "",
        "conflicts": [], "latitude": "35.8624", "longitude": "36.8021", "geo_precision": "settlement",
        "geometry": "", "geonames_id": "", "wikidata_id": "", "osm_id": "",
    }
    data.update(overrides)
    return data


def nested(depth):
    geometry = {"type": "Point", "coordinates": [36.8, 35.8]}
    for _ in range(depth):
        geometry = {"type": "GeometryCollection", "geometries": [geometry]}
    return json.dumps(geometry)


LOCATION_CASES = [
    ({"geometry": "{not json"}, "geometry"),
    ({"geometry": json.dumps({"type": "Circle", "coordinates": [1, 2]})}, "geometry"),
    ({"geometry": json.dumps({"type": "Point", "coordinates": [36.8, 135.8]})}, "geometry"),
    ({"geometry": json.dumps({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 2]]]})}, "geometry"),
    ({"geometry": json.dumps({"type": "LineString", "coordinates": [[0, 0]]})}, "geometry"),
    ({"geometry": json.dumps({"type": "Point", "coordinates": ["36.8", SCRIPT]})}, "geometry"),
    ({"geometry": nested(200)}, "geometry"),
    ({"geometry": json.dumps({"type": "MultiPoint", "coordinates": [[36.8, 35.8]] * 60_000})}, "geometry"),
    ({"latitude": "200"}, "latitude"),
    ({"latitude": "35.8", "longitude": ""}, None),
    ({"latitude": "north"}, "latitude"),
    ({"osm_id": "javascript:alert(1)"}, "osm_id"),
    ({"wikidata_id": SCRIPT}, "wikidata_id"),
    ({"slug": "two words"}, "slug"),
    ({"name": "x" * 5000}, "name"),
    ({"kind": "castle"}, "kind"),
]


@pytest.mark.parametrize("overrides, field", LOCATION_CASES)
def test_hostile_place_forms_are_refused_and_nothing_is_saved(client, superuser, overrides, field):
    client.force_login(superuser)
    response = client.post(reverse("wagtailsnippets_conflicts_location:add"), location_form(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors
    if field:
        assert field in form.errors
    assert not Location.objects.exists()


def test_an_oversized_request_is_refused_with_400(client, superuser):
    client.force_login(superuser)
    huge = json.dumps({"type": "MultiPoint", "coordinates": [[36.8, 35.8]] * 300_000})
    response = client.post(reverse("wagtailsnippets_conflicts_location:add"), location_form(geometry=huge))
    assert response.status_code == 400
    assert not Location.objects.exists()


def test_a_hostile_source_label_is_refused(client, superuser):
    client.force_login(superuser)
    response = client.post(reverse("wagtailsnippets_conflicts_source:add"), {
        "public_label": "x" * 1000, "kind": "anonymous", "is_anonymous": "on", "anonymity_reason": "",
        "reliability": "Z",
    })
    assert response.status_code == 200
    assert {"public_label", "reliability"} <= set(response.context["form"].errors)
    assert not Source.objects.exists()


def test_a_claim_without_a_statement_or_with_an_unknown_status_is_refused(client, superuser, conflict):
    client.force_login(superuser)
    for data in [
        claim_form(conflict=conflict, status="unconfirmed", statement=" "),
        claim_form(conflict=conflict, status="very likely", note="x"),
    ]:
        response = client.post(reverse("wagtailsnippets_conflicts_claim:add"), data)
        assert response.status_code == 200
        assert response.context["form"].errors
    assert not Claim.objects.exists()


def test_script_in_a_claim_is_stored_as_text_and_escaped_on_public_pages(client, superuser, conflict, site_tree):
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailsnippets_conflicts_claim:add"),
        claim_form(conflict=conflict, status="unconfirmed", statement=f"Shelling {SCRIPT}", note="x"),
    )
    assert response.status_code == 302
    claim = Claim.objects.get()
    make_article(site_tree["news"], title="Shelling", conflict=conflict,
                 body=[("paragraph", f'<p><a linktype="claim" id="{claim.pk}">shelling</a></p>')])
    client.logout()
    for path in [claim.get_absolute_url(), "/news/shelling/"]:
        html = client.get(path).content.decode()
        assert SCRIPT not in html
        assert "&lt;script&gt;" in html


# Annotation references in the page editor

def contentstate(entity_type, entity_id, text="Turkish troops withdrew"):
    return json.dumps({
        "blocks": [{
            "key": "a1b2c", "text": text, "type": "unstyled", "depth": 0, "inlineStyleRanges": [],
            "entityRanges": [{"offset": 0, "length": len(text), "key": 0}], "data": {},
        }],
        "entityMap": {"0": {"type": entity_type, "mutability": "MUTABLE", "data": {"id": entity_id}}},
    })


def article_form(article, body_value):
    return nested_form_data({
        "title": article.title, "slug": article.slug, "standfirst": article.standfirst,
        "byline": article.byline, "dateline_place": "", "conflict": article.conflict_id, "places": [],
        "body": streamfield([("paragraph", body_value)]),
        "related_explainers": inline_formset([]),
        "update_log": inline_formset([]),
        "comments": inline_formset([]),
        "updated_at": "", "go_live_at": "", "expire_at": "",
    })


def deleted_claim_id(conflict):
    claim = make_claim(conflict=conflict)
    pk = claim.pk
    claim.delete()
    return str(pk)


@pytest.mark.parametrize("entity_type, entity_id, message", [
    ("CLAIM", "abc", "not a record id"),
    ("SOURCE", "-3", "not a record id"),
    ("PLACE", "9" * 30, "not a record id"),
    ("CLAIM", "deleted", "no longer exists"),
    ("PLACE", "404404", "no longer exists"),
    ("CLAIM", "1 OR 1=1", "not a record id"),
])
def test_malformed_annotation_references_are_refused_with_a_message(
    client, superuser, conflict, site_tree, entity_type, entity_id, message
):
    article = make_article(site_tree["news"], title="Withdrawal", conflict=conflict)
    revisions = article.revisions.count()
    if entity_id == "deleted":
        entity_id = deleted_claim_id(conflict)
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]), article_form(article, contentstate(entity_type, entity_id))
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert article.revisions.count() == revisions


@pytest.mark.parametrize("body", [contentstate("BOGUS", "1"), contentstate("<script>", "1"), "{not json", "[1, 2]"])
def test_an_annotation_of_an_unknown_kind_or_unreadable_text_is_refused(client, superuser, conflict, site_tree, body):
    article = make_article(site_tree["news"], title="Withdrawal", conflict=conflict)
    revisions = article.revisions.count()
    client.force_login(superuser)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), article_form(article, body))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Unknown annotation kind" in content or "could not be read" in content
    assert article.revisions.count() == revisions


def test_a_valid_annotation_reference_is_saved(client, superuser, conflict, site_tree):
    article = make_article(site_tree["news"], title="Withdrawal", conflict=conflict)
    place = LocationFactory()
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]), article_form(article, contentstate("PLACE", str(place.pk)))
    )
    assert response.status_code == 302
    article.refresh_from_db()
    stored = article.get_latest_revision_as_object().body.raw_data[0]["value"]
    assert f'linktype="place" id="{place.pk}"' in stored


@pytest.mark.parametrize("query", ['"', 'Morek" OR "', "NEAR(a b", "*", "a AND", "'; DROP TABLE x; --", "\u202e\u0000"])
def test_search_syntax_in_queries_is_only_text(client, client_for, site_tree, query):
    make_article(site_tree["news"], title="Morek post")
    assert client.get("/search/", {"q": query}).status_code == 200
    response = client_for.get("/api/v1/articles/", {"q": query})
    assert response.status_code in (200, 400)
