"""Places drawn as precisely as they are known: maps, the place page, the API, GeoJSON and JSON-LD."""

import json
import re

import pytest
from django.test import Client

from conflicts.selectors import map_features
from conflicts.structured_data import place
from tests.factories import LocationFactory, make_article

pytestmark = pytest.mark.django_db

ROAD = {"type": "LineString", "coordinates": [[35.79, 35.52], [36.61, 35.81]]}
PROVINCE = {"type": "Polygon", "coordinates": [[[36.0, 35.5], [37.0, 35.5], [37.0, 36.3], [36.0, 36.3], [36.0, 35.5]]]}


@pytest.fixture
def places(db):
    return {
        "morek": LocationFactory(name="Morek", slug="morek", latitude="35.3825", longitude="36.687",
                                 geo_precision="approximate"),
        "russia": LocationFactory(name="Russia", slug="russia", kind="country", latitude="61.52",
                                  longitude="105.31", geo_precision="country"),
        "idlib": LocationFactory(name="Idlib province", slug="idlib-province", kind="province", latitude="35.83",
                                 longitude="36.63", geo_precision="region", geometry=PROVINCE),
        "m4": LocationFactory(name="M4 highway", slug="m4-highway", kind="road", latitude="35.81",
                              longitude="36.61", geo_precision="approximate", geometry=ROAD),
    }


def test_maps_draw_no_country_or_region_centre_as_a_pin_and_open_on_the_precise_places(places):
    features = map_features(list(places.values()))["features"]
    drawn = {feature["properties"]["name"]: feature for feature in features}
    assert set(drawn) == {"Morek", "Idlib province", "M4 highway"}
    assert drawn["Idlib province"]["geometry"]["type"] == "Polygon"
    assert {name: feature["properties"]["fit"] for name, feature in drawn.items()} == {
        "Morek": True, "Idlib province": False, "M4 highway": True,
    }
    assert drawn["Morek"]["properties"]["precision"] == "approximate"


def test_the_article_lists_the_country_it_does_not_pin(site_tree, conflict, places):
    article = make_article(site_tree["news"], conflict=conflict, places=[places["morek"], places["russia"]])
    html = Client().get(article.url).content.decode()
    collection = json.loads(re.search(r'<script id="map-features" type="application/json">(.*?)</script>', html, re.S).group(1))
    assert [feature["properties"]["name"] for feature in collection["features"]] == ["Morek"]
    listed = re.search(r'<ul class="place-list">(.*?)</ul>', html, re.S).group(1)
    assert "Russia" in listed and "not on the map: country centre only" in listed


def test_the_place_page_says_how_precisely_the_place_is_known(places):
    html = Client().get("/places/russia/").content.decode()
    assert re.search(r'data-precision="country">Country centre<', html)
    assert "not drawn on maps as a pin" in html
    assert 'data-precision="approximate">Approximate (within a few km)<' in Client().get("/places/morek/").content.decode()


def test_precision_is_a_property_in_the_api_and_in_geojson(client_for, conflict, places):
    for location in places.values():
        location.conflicts.add(conflict)
    listed = {item["slug"]: item for item in client_for.get("/api/v1/locations/").json()["results"]}
    assert {slug: item["precision"] for slug, item in listed.items()} == {
        "morek": "approximate", "russia": "country", "idlib-province": "region", "m4-highway": "approximate",
    }
    collection = client_for.get("/api/v1/locations/", {"format": "geojson"}).json()
    assert {f["properties"]["slug"]: f["properties"]["precision"] for f in collection["features"]}["russia"] == "country"


def test_place_json_ld_uses_a_geoshape_for_places_known_by_geometry(rf, places):
    request = rf.get("/")
    assert place(places["m4"], request)["geo"] == {"@type": "GeoShape", "line": "35.52 35.79 35.81 36.61"}
    assert place(places["idlib"], request)["geo"] == {
        "@type": "GeoShape", "polygon": "35.5 36 35.5 37 36.3 37 36.3 36 35.5 36",
    }
    assert place(places["morek"], request)["geo"]["@type"] == "GeoCoordinates"
    places["idlib"].geometry = {"type": "MultiPolygon", "coordinates": [PROVINCE["coordinates"]]}
    assert place(places["idlib"], request)["geo"] == {"@type": "GeoShape", "box": "35.5 36 36.3 37"}
