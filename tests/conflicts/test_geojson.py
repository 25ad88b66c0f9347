"""Location geometries are published as RFC 7946 requires: rewound, split at the antimeridian, valid."""

import pytest
from django.core.exceptions import ValidationError

from conflicts.geojson import geometry_normalise, location_geometry
from conflicts.models import Location
from tests.factories import LocationFactory

pytestmark = pytest.mark.django_db

CLOCKWISE_SQUARE = [[36.0, 35.0], [36.0, 36.0], [37.0, 36.0], [37.0, 35.0], [36.0, 35.0]]
COUNTERCLOCKWISE_HOLE = [[36.2, 35.2], [36.8, 35.2], [36.8, 35.8], [36.2, 35.8], [36.2, 35.2]]
BOW_TIE = [[36.0, 35.0], [37.0, 36.0], [37.0, 35.0], [36.0, 36.0], [36.0, 35.0]]


def test_a_clockwise_exterior_is_stored_counterclockwise_and_its_hole_clockwise():
    polygon = {"type": "Polygon", "coordinates": [CLOCKWISE_SQUARE, COUNTERCLOCKWISE_HOLE]}
    location = LocationFactory(geometry=polygon)
    location.refresh_from_db()
    assert location.geometry == {"type": "Polygon", "coordinates": [
        [[36.0, 35.0], [37.0, 35.0], [37.0, 36.0], [36.0, 36.0], [36.0, 35.0]],
        [[36.2, 35.2], [36.2, 35.8], [36.8, 35.8], [36.8, 35.2], [36.2, 35.2]],
    ]}


def test_a_bow_tie_polygon_is_refused_with_where_it_crosses_itself():
    location = LocationFactory.build(geometry={"type": "Polygon", "coordinates": [BOW_TIE]})
    message = "geometry: Self-intersection at [36.5, 35.5]."
    with pytest.raises(ValidationError) as refused:
        location.full_clean()
    assert message in refused.value.message_dict["geometry"]
    with pytest.raises(ValidationError, match=message.replace("[", r"\[").replace(".", r"\.")):
        location.save()
    assert not Location.objects.exists()


def test_a_line_from_179_east_to_179_west_is_split_at_the_antimeridian():
    location = LocationFactory(geometry={"type": "LineString", "coordinates": [[179, 10], [-179, 12]]})
    location.refresh_from_db()
    assert location.geometry == {"type": "MultiLineString", "coordinates": [
        [[179.0, 10.0], [180.0, 11.0]],
        [[-180.0, 11.0], [-179.0, 12.0]],
    ]}


def test_a_polygon_across_the_antimeridian_becomes_two_counterclockwise_polygons():
    square = [[179, 0], [179, 1], [-179, 1], [-179, 0], [179, 0]]
    assert geometry_normalise({"type": "Polygon", "coordinates": [square]}) == {"type": "MultiPolygon", "coordinates": [
        [[[180.0, 1.0], [179.0, 1.0], [179.0, 0.0], [180.0, 0.0], [180.0, 1.0]]],
        [[[-180.0, 0.0], [-179.0, 0.0], [-179.0, 1.0], [-180.0, 1.0], [-180.0, 0.0]]],
    ]}


def test_members_of_a_geometry_collection_are_normalised_and_checked_each():
    collection = {"type": "GeometryCollection", "geometries": [
        {"type": "Point", "coordinates": [36.6, 35.8]},
        {"type": "Polygon", "coordinates": [CLOCKWISE_SQUARE]},
    ]}
    assert geometry_normalise(collection)["geometries"] == [
        {"type": "Point", "coordinates": [36.6, 35.8]},
        {"type": "Polygon", "coordinates": [[[36.0, 35.0], [37.0, 35.0], [37.0, 36.0], [36.0, 36.0], [36.0, 35.0]]]},
    ]
    collection["geometries"].append({"type": "Polygon", "coordinates": [BOW_TIE]})
    with pytest.raises(ValidationError, match=r"geometry\.geometries\[2\]: Self-intersection at \[36\.5, 35\.5\]"):
        geometry_normalise(collection)


def test_a_geometry_already_in_rfc_7946_form_is_kept_as_written():
    line = {"type": "LineString", "coordinates": [[35.79, 35.52], [37, 36]]}
    assert geometry_normalise(line) == line
    split = geometry_normalise({"type": "LineString", "coordinates": [[179, 10], [-179, 12]]})
    assert geometry_normalise(split) == split


def test_a_degenerate_line_is_refused():
    with pytest.raises(ValidationError, match=r"geometry: Too few points in geometry component at \[36, 35\]"):
        geometry_normalise({"type": "LineString", "coordinates": [[36, 35], [36, 35]]})


def test_rows_stored_before_normalisation_are_published_rewound_and_split():
    location = LocationFactory(latitude=35.5, longitude=36.5)
    Location.objects.filter(pk=location.pk).update(geometry={"type": "Polygon", "coordinates": [CLOCKWISE_SQUARE]})
    location.refresh_from_db()
    assert location_geometry(location)["coordinates"][0][1] == [37.0, 35.0]
    Location.objects.filter(pk=location.pk).update(geometry={"type": "Polygon", "coordinates": [BOW_TIE]})
    location.refresh_from_db()
    assert location_geometry(location) == {"type": "Point", "coordinates": [36.5, 35.5]}


def test_the_data_migration_normalises_rows_stored_before_and_leaves_invalid_ones_for_editors():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("conflicts.migrations.0004_location_geometry_rfc7946")
    rewound, crossing, broken = LocationFactory(), LocationFactory(), LocationFactory()
    Location.objects.filter(pk=rewound.pk).update(geometry={"type": "Polygon", "coordinates": [CLOCKWISE_SQUARE]})
    Location.objects.filter(pk=crossing.pk).update(geometry={"type": "LineString", "coordinates": [[179, 10], [-179, 12]]})
    Location.objects.filter(pk=broken.pk).update(geometry={"type": "Polygon", "coordinates": [BOW_TIE]})
    migration.location_geometries_normalise(apps, None)
    stored = dict(Location.objects.values_list("pk", "geometry"))
    assert stored[rewound.pk]["coordinates"] == [[[36.0, 35.0], [37.0, 35.0], [37.0, 36.0], [36.0, 36.0], [36.0, 35.0]]]
    assert stored[crossing.pk]["type"] == "MultiLineString"
    assert stored[broken.pk] == {"type": "Polygon", "coordinates": [BOW_TIE]}


def test_a_line_mixing_2d_and_3d_positions_is_refused_with_a_message():
    with pytest.raises(ValidationError, match="give every position the same number of coordinates"):
        geometry_normalise({"type": "LineString", "coordinates": [[36, 35], [37, 36, 120]]})
