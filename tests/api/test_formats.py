"""ninjs 2.2, GeoJSON and W3C Web Annotation outputs, checked against their published schemas."""

import io
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from conflicts.models import Annotation, Location, Partner, Source
from conflicts.services.partners import partner_key_issue
from newsroom.models import ArticlePage, ExplainerPage
from tests.api.conftest import api_client
from tests.api.schemas import (
    geojson_rfc7946_problems,
    geojson_validator,
    ninjs_validator,
    web_annotation_validator,
)
from tests.factories import make_article


@pytest.fixture
def demo_client(db):
    call_command("load_demo", admin_password="correct-horse-battery", stdout=io.StringIO())
    return api_client(partner_key_issue(partner=Partner.objects.get(name="Demo Partner"))[1])


def errors(validator, instance):
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]


def test_every_demo_article_as_ninjs_validates_against_the_iptc_schema(demo_client):
    validator = ninjs_validator()
    articles = ArticlePage.objects.live()
    assert articles.exists()
    for article in articles:
        response = demo_client.get(f"/api/v1/articles/{article.pk}/", {"format": "ninjs"})
        assert response.status_code == 200
        assert response["Content-Type"] == "application/ninjs+json"
        item = response.json()
        assert errors(validator, item) == []

        assert item["headlines"][0]["value"] == article.title
        assert item["by"] == article.byline
        assert item["located"] == article.dateline_place.name
        assert item["pubstatus"] == "usable"
        body = item["bodies"][0]
        assert body["contenttype"] == "text/html"
        assert body["value"].count('data-annotation="claim"') == article.annotations.filter(kind="claim").count()
        places = {place["literal"]: place for place in item["places"]}
        shir_maghar = places["shir-maghar"]
        assert shir_maghar["geojson"]["type"] == "Point"
        assert shir_maghar["uri"].endswith("/places/shir-maghar/")
        cited_sources = Source.objects.filter(annotations__page=article).values_list("public_label", flat=True)
        assert set(cited_sources) <= {source["name"] for source in item["infosources"]}
        hrefs = [indicator["href"] for indicator in item["trustindicators"]]
        assert any(href.endswith("/unnamed-sources/") for href in hrefs)
        claim_ids = set(article.annotations.filter(kind="claim").values_list("claim_id", flat=True))
        assert {f"/claims/{pk}/" for pk in claim_ids} <= {href[href.index("/claims/"):] for href in hrefs if "/claims/" in href}


def test_locations_as_geojson_validate_against_the_geojson_schema(demo_client):
    response = demo_client.get("/api/v1/locations/", {"format": "geojson", "limit": 200})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    collection = response.json()
    assert errors(geojson_validator("FeatureCollection"), collection) == []
    features = {feature["properties"]["slug"]: feature for feature in collection["features"]}
    assert features["m4-highway"]["geometry"]["type"] in {"LineString", "MultiLineString"}
    # RFC 7946: longitude first.
    morek = features["morek"]["geometry"]["coordinates"]
    assert 36 < morek[0] < 37.5 and 35 < morek[1] < 35.5

    one = demo_client.get(f"/api/v1/locations/{features['morek']['id']}/", {"format": "geojson"}).json()
    assert errors(geojson_validator("Feature"), one) == []


def map_geometries(html):
    features = json.loads(re.search(r'<script id="map-features" type="application/json">(.*?)</script>', html, re.S)[1])
    return [feature["geometry"] for feature in features["features"]]


def test_every_location_geojson_output_is_rfc_7946(demo_client, client):
    """Rows stored before geometries were normalised on save are published rewound and split too."""
    Location.objects.filter(slug="idlib-province").update(geometry={"type": "Polygon", "coordinates": [
        [[36.0, 35.5], [36.0, 36.2], [37.0, 36.2], [37.0, 35.5], [36.0, 35.5]],
        [[36.4, 35.7], [36.8, 35.7], [36.8, 36.0], [36.4, 36.0], [36.4, 35.7]],
    ]})
    Location.objects.filter(slug="russia").update(geometry={"type": "Polygon", "coordinates": [
        [[178.0, 64.0], [-178.0, 64.0], [-178.0, 66.0], [178.0, 66.0], [178.0, 64.0]],
    ]})
    article = ArticlePage.objects.live().get()
    ids = dict(Location.objects.values_list("slug", "pk"))
    published = {}
    collection = demo_client.get("/api/v1/locations/", {"format": "geojson", "limit": 200}).json()
    assert errors(geojson_validator("FeatureCollection"), collection) == []
    published["FeatureCollection"] = [feature["geometry"] for feature in collection["features"]]
    for slug in ("idlib-province", "russia", "m4-highway"):
        feature = demo_client.get(f"/api/v1/locations/{ids[slug]}/", {"format": "geojson"}).json()
        assert errors(geojson_validator("Feature"), feature) == []
        published[f"Feature {slug}"] = [feature["geometry"]]
        published[f"location {slug}"] = [demo_client.get(f"/api/v1/locations/{ids[slug]}/").json()["geometry"]]
    listing = demo_client.get("/api/v1/locations/", {"limit": 200}).json()["results"]
    published["location list"] = [location["geometry"] for location in listing if location["geometry"]]
    ninjs = demo_client.get(f"/api/v1/articles/{article.pk}/", {"format": "ninjs"}).json()
    published["ninjs places"] = [place["geojson"] for place in ninjs["places"]]
    published["article map"] = map_geometries(client.get(article.url).content.decode())
    published["place map"] = map_geometries(client.get("/places/idlib-province/").content.decode())

    for output, geometries in published.items():
        assert geometries, output
        for geometry in geometries:
            assert errors(geojson_validator("Geometry"), geometry) == [], output
            assert geojson_rfc7946_problems(geometry) == [], output
    assert published["location idlib-province"][0]["coordinates"][0][:2] == [[36.0, 35.5], [37.0, 35.5]]
    assert published["location idlib-province"][0]["coordinates"][1][:2] == [[36.4, 35.7], [36.4, 36.0]]
    assert published["Feature russia"][0]["type"] == "MultiPolygon"
    assert published["location russia"] == published["Feature russia"]
def body_text(html):
    """The text a partner gets from body_html: tags removed, references decoded, whitespace as is."""
    return BeautifulSoup(html, "html.parser").get_text()


def demo_pages():
    pages = [("articles", page) for page in ArticlePage.objects.live()]
    pages += [("explainers", page) for page in ExplainerPage.objects.live()]
    assert len(pages) >= 4
    return pages


def text_selectors(item):
    """The quote and position selectors of an item, each refining the selector for the body element."""
    css_quote, css_position = item["target"]["selector"]
    assert css_quote["type"] == css_position["type"] == "CssSelector"
    assert css_quote["value"] == css_position["value"] == ".article-body"
    return css_quote["refinedBy"], css_position["refinedBy"]


def test_annotations_as_a_web_annotation_page(demo_client):
    article = ArticlePage.objects.live().first()
    response = demo_client.get(f"/api/v1/articles/{article.pk}/annotations/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    page = response.json()
    assert errors(web_annotation_validator(), page) == []
    rows = list(Annotation.objects.filter(page=article).order_by("sequence").select_related("claim", "source", "location"))
    assert len(page["items"]) == len(rows) == 32
    for item, row in zip(page["items"], rows, strict=True):
        assert item["target"]["type"] == "SpecificResource"
        assert item["target"]["source"] == article.get_full_url()
        quote, position = text_selectors(item)
        assert quote == {"type": "TextQuoteSelector", "exact": row.quote, "prefix": row.prefix, "suffix": row.suffix}
        assert position == {"type": "TextPositionSelector", "start": row.position, "end": row.position + len(row.quote)}
        identifying, describing = item["body"]
        address = row.record.get_absolute_url() or f"/api/v1/figures/{row.record_id}/"
        assert identifying == {
            "type": "SpecificResource",
            "source": article.get_site().root_url + address,
            "purpose": "identifying",
        }
        assert describing["type"] == "TextualBody"
        assert describing["format"] == "text/plain"
        assert describing["purpose"] == "describing"
    claim = rows[0].claim
    assert page["items"][0]["body"][1]["value"] == f"{claim.statement} (unconfirmed)"


def test_every_demo_annotation_resolves_by_position_and_by_quote_in_the_body_html(demo_client):
    """Standard anchoring on the text of body_html finds every span, also where the quote alone is ambiguous."""
    ambiguous = set()
    for resource, demo_page in demo_pages():
        data = demo_client.get(f"/api/v1/{resource}/{demo_page.pk}/").json()
        text = body_text(data["body_html"])
        items = demo_client.get(f"/api/v1/{resource}/{demo_page.pk}/annotations/").json()["items"]
        assert len(items) == len(data["annotations"]) == demo_page.annotations.count()
        for item, annotation in zip(items, data["annotations"], strict=True):
            quote, position = text_selectors(item)
            assert text[position["start"]:position["end"]] == quote["exact"] == annotation["quote"]
            context = quote["prefix"] + quote["exact"] + quote["suffix"]
            matches = [at for at in range(len(text)) if text.startswith(context, at)]
            assert matches == [position["start"] - len(quote["prefix"])]
            assert (annotation["position"], annotation["prefix"], annotation["suffix"]) == (
                position["start"], quote["prefix"], quote["suffix"]
            )
            if text.count(quote["exact"]) > 1:
                ambiguous.add(quote["exact"])
    assert {"Russia", "Turkey"} <= ambiguous


def test_the_public_page_article_body_has_the_text_of_the_api_body_html(demo_client, client):
    for resource, demo_page in demo_pages():
        html = client.get(demo_page.url).content.decode()
        bodies = BeautifulSoup(html, "html.parser").select(".article-body")
        assert len(bodies) == 1
        data = demo_client.get(f"/api/v1/{resource}/{demo_page.pk}/").json()
        assert bodies[0].get_text() == body_text(data["body_html"])


def test_ninjs_counts_decoded_characters_and_words(site_tree, conflict, client_for):
    body = [("paragraph", "<p>Tom &amp; Jerry &lt;3 &#8220;posts&#8221;</p>")]
    article = make_article(site_tree["news"], conflict=conflict, body=body)
    item = client_for.get(f"/api/v1/articles/{article.pk}/", {"format": "ninjs"}).json()
    assert item["bodies"][0]["charcount"] == len("Tom & Jerry <3 \u201cposts\u201d") == 22
    assert item["bodies"][0]["wordcount"] == 5


def test_the_openapi_schema_documents_auth_filters_and_formats(demo_client, client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    assert schema["components"]["securitySchemes"]["ApiKey"] == {
        "type": "apiKey", "in": "header", "name": "Authorization",
        "description": schema["components"]["securitySchemes"]["ApiKey"]["description"],
    }
    articles = {p["name"]: p for p in schema["paths"]["/api/v1/articles/"]["get"]["parameters"]}
    assert {"conflict", "place", "updated_since", "q", "cursor", "limit"} <= set(articles)
    claims = {p["name"] for p in schema["paths"]["/api/v1/claims/"]["get"]["parameters"]}
    assert {"status", "conflict", "place", "updated_since", "q"} <= claims
    article_formats = {p["name"]: p for p in schema["paths"]["/api/v1/articles/{id}/"]["get"]["parameters"]}
    assert "ninjs" in article_formats["format"]["schema"]["enum"]
    location_formats = {p["name"]: p for p in schema["paths"]["/api/v1/locations/"]["get"]["parameters"]}
    assert "geojson" in location_formats["format"]["schema"]["enum"]
    assert client.get("/api/v1/docs/").status_code == 200
