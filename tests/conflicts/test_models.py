"""Database and model rules that keep each record consistent, whatever path writes it."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from conflicts.models import Claim, ClaimAttribution, Location, Source, StatusChangeOutsideHistory
from tests.factories import ConflictFactory, LocationFactory, SourceFactory, make_claim

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "geometry, message",
    [
        ({"type": "Circle", "coordinates": [36.6, 35.8]}, "type must be one of"),
        ({"type": "Point", "coordinates": [236.6, 35.8]}, "longitude 236.6 is outside"),
        ({"type": "LineString", "coordinates": [[36.6, 35.8]]}, "at least 2 positions"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 2]]]}, "must end where it starts"),
        ({"type": "Point"}, "needs 'coordinates'"),
        ("LINESTRING(36 35, 37 36)", "is an object with 'type'"),
        ({"type": "Point", "coordinates": ["36.6", "35.8"]}, "must be numbers"),
    ],
)
def test_location_refuses_geometry_that_is_not_geojson(geometry, message):
    location = LocationFactory.build(geometry=geometry)
    with pytest.raises(ValidationError, match=message):
        location.save()
    assert not Location.objects.exists()
    with pytest.raises(ValidationError, match=message):
        location.full_clean()


def test_location_accepts_a_highway_as_a_line():
    line = {"type": "LineString", "coordinates": [[35.79, 35.52], [37.13, 36.2]]}
    location = LocationFactory(geometry=line)
    location.refresh_from_db()
    assert location.geometry == line


def test_location_point_needs_both_coordinates():
    with pytest.raises(IntegrityError), transaction.atomic():
        LocationFactory(latitude=35.1, longitude=None)


def test_location_latitude_out_of_range_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        LocationFactory(latitude=95, longitude=36)


def test_claim_status_outside_the_list_is_refused():
    conflict = ConflictFactory()
    with pytest.raises(ValidationError, match="Unknown claim status"):
        make_claim(conflict=conflict, status="rumour")
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(statement="x", conflict=conflict, status="rumour")
    assert not Claim.objects.exists()


def test_claim_status_cannot_change_without_a_history_row():
    claim = make_claim()
    claim.status = "confirmed"
    with pytest.raises(StatusChangeOutsideHistory, match="claim_change_status"):
        claim.save()
    with pytest.raises(StatusChangeOutsideHistory):
        Claim.objects.filter(pk=claim.pk).update(status="confirmed")
    claim.refresh_from_db()
    assert claim.status == "unconfirmed"
    assert list(claim.status_changes.values_list("to_status", flat=True)) == ["unconfirmed"]


def test_claim_other_fields_save_normally():
    claim = make_claim()
    claim = Claim.objects.get(pk=claim.pk)
    claim.statement = "Troops moved at dawn."
    claim.save()
    assert Claim.objects.get(pk=claim.pk).statement == "Troops moved at dawn."


def test_anonymous_source_needs_a_public_reason():
    source = SourceFactory.build(kind="anonymous", is_anonymous=True, anonymity_reason="")
    with pytest.raises(ValidationError, match="reason anonymity was granted"):
        source.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        source.save()
    assert not Source.objects.exists()


def test_source_reliability_is_an_admiralty_grade():
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceFactory(reliability="Z")


def test_attribution_credibility_is_graded_1_to_6():
    claim = make_claim()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimAttribution.objects.create(claim=claim, source=SourceFactory(), credibility=7)


def test_a_source_is_attributed_to_a_claim_once():
    source = SourceFactory()
    claim = make_claim(sources=[source])
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimAttribution.objects.create(claim=claim, source=source, credibility=3)


def test_record_addresses_are_those_django_reverses(db):
    from django.urls import reverse

    from conflicts.models import Claim, Conflict, Location, Source

    assert Claim(pk=42).get_absolute_url() == reverse("conflicts:claim", kwargs={"pk": 42}) == "/claims/42/"
    assert Source(pk=7).get_absolute_url() == reverse("conflicts:source", kwargs={"pk": 7})
    assert Location(slug="sheik-aqil").get_absolute_url() == reverse("conflicts:location", kwargs={"slug": "sheik-aqil"})
    assert Conflict(slug="idlib").get_absolute_url() == reverse("conflicts:conflict", kwargs={"slug": "idlib"})
