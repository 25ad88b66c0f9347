"""Every record has an admin listing with search, an inspect view and a chooser."""

import json

import pytest
from django.urls import reverse

from conflicts.models import Location
from tests.factories import AnonymousSourceFactory, ConflictFactory, LocationFactory, make_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    conflict = ConflictFactory(name="Idlib offensive")
    place = LocationFactory(name="Sheik Aqil", alternative_names="Sheikh Aqil")
    source = AnonymousSourceFactory(public_label="a security source")
    claim = make_claim(statement="Withdrawal from Morek has begun.", conflict=conflict, sources=[source])
    return {"conflict": (conflict, "Idlib"), "location": (place, "Sheikh"),
            "source": (source, "security"), "claim": (claim, "Morek")}


@pytest.mark.parametrize("model", ["conflict", "location", "source", "claim"])
def test_listing_search_inspect_and_chooser(client, superuser, records, model):
    record, query = records[model]
    client.force_login(superuser)
    listing = client.get(reverse(f"wagtailsnippets_conflicts_{model}:list"), {"q": query})
    assert listing.status_code == 200
    assert str(record)[:40] in listing.content.decode()
    miss = client.get(reverse(f"wagtailsnippets_conflicts_{model}:list"), {"q": "zzzznothing"})
    assert str(record)[:40] not in miss.content.decode()
    inspect = client.get(reverse(f"wagtailsnippets_conflicts_{model}:inspect", args=[record.pk]))
    assert inspect.status_code == 200
    chooser = client.get(reverse(f"wagtailsnippetchoosers_conflicts_{model}:choose"), {"q": query})
    assert chooser.status_code == 200
    assert str(record)[:30] in chooser.content.decode()


def test_location_listing_filters_by_kind(client, superuser):
    LocationFactory(name="Morek post", kind="military_post")
    LocationFactory(name="Idlib city", kind="city")
    client.force_login(superuser)
    html = client.get(reverse("wagtailsnippets_conflicts_location:list"), {"kind": "military_post"}).content.decode()
    assert "Morek post" in html and "Idlib city" not in html


def location_form(geometry):
    return {"name": "Saraqib", "slug": "saraqib", "kind": "town", "geo_precision": "settlement",
            "latitude": "35.86", "longitude": "36.80", "geometry": json.dumps(geometry)}


def test_an_editor_adding_a_self_intersecting_area_is_told_where_and_nothing_is_saved(client, superuser):
    client.force_login(superuser)
    bow_tie = {"type": "Polygon", "coordinates": [[[36.7, 35.8], [36.9, 35.9], [36.9, 35.8], [36.7, 35.9], [36.7, 35.8]]]}
    response = client.post(reverse("wagtailsnippets_conflicts_location:add"), location_form(bow_tie))
    assert response.status_code == 200
    assert "geometry: Self-intersection at [36.8, 35.85]." in response.context["form"].errors["geometry"]
    assert not Location.objects.filter(slug="saraqib").exists()


def test_an_area_an_editor_draws_clockwise_is_stored_counterclockwise(client, superuser):
    client.force_login(superuser)
    clockwise = {"type": "Polygon", "coordinates": [[[36.7, 35.8], [36.7, 35.9], [36.9, 35.9], [36.9, 35.8], [36.7, 35.8]]]}
    response = client.post(reverse("wagtailsnippets_conflicts_location:add"), location_form(clockwise))
    assert response.status_code == 302
    assert Location.objects.get(slug="saraqib").geometry == {"type": "Polygon", "coordinates": [
        [[36.7, 35.8], [36.9, 35.8], [36.9, 35.9], [36.7, 35.9], [36.7, 35.8]],
    ]}
