"""Validation and normalisation of the GeoJSON geometries (RFC 7946) kept on locations.

A geometry is checked for shape (positions, ranges, size), then for validity with shapely (OGC
simple features: no self-intersection, holes inside their shell...), and published in the form
RFC 7946 requires: exterior rings counterclockwise and holes clockwise (§3.1.6), and lines and
polygons crossing the antimeridian split into Multi* geometries on either side of it (§3.1.9).
"""

import logging
import re
from numbers import Real

import antimeridian
import numpy
import shapely
from django.core.exceptions import ValidationError
from shapely.geometry import mapping, shape

from .choices import GeoPrecision

logger = logging.getLogger(__name__)

GEOMETRY_TYPES = (
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
)
MAX_POSITIONS = 50_000
# Points that stand for a whole region or country: true coordinates, but a pin there misleads.
CENTRE_PRECISIONS = (GeoPrecision.REGION, GeoPrecision.COUNTRY)


def _position(value, path):
    if not isinstance(value, list) or len(value) not in (2, 3):
        raise ValidationError(f"{path}: a position is [longitude, latitude] (optionally altitude).")
    if not all(isinstance(n, Real) and not isinstance(n, bool) for n in value):
        raise ValidationError(f"{path}: coordinates must be numbers.")
    longitude, latitude = value[0], value[1]
    if not -180 <= longitude <= 180:
        raise ValidationError(f"{path}: longitude {longitude} is outside -180..180.")
    if not -90 <= latitude <= 90:
        raise ValidationError(f"{path}: latitude {latitude} is outside -90..90.")
    return 1


def _positions(value, path, minimum):
    if not isinstance(value, list) or len(value) < minimum:
        raise ValidationError(f"{path}: needs a list of at least {minimum} positions.")
    return sum(_position(p, f"{path}[{i}]") for i, p in enumerate(value))


def _ring(value, path):
    count = _positions(value, path, 4)
    if value[0] != value[-1]:
        raise ValidationError(f"{path}: a polygon ring must end where it starts.")
    return count


def _rings(value, path):
    if not isinstance(value, list) or not value:
        raise ValidationError(f"{path}: a polygon needs at least one ring.")
    return sum(_ring(r, f"{path}[{i}]") for i, r in enumerate(value))


def _many(value, path, check):
    if not isinstance(value, list):
        raise ValidationError(f"{path}: must be a list.")
    return sum(check(item, f"{path}[{i}]") for i, item in enumerate(value))


COORDINATE_CHECKS = {
    "Point": _position,
    "MultiPoint": lambda v, p: _many(v, p, _position),
    "LineString": lambda v, p: _positions(v, p, 2),
    "MultiLineString": lambda v, p: _many(v, p, lambda line, q: _positions(line, q, 2)),
    "Polygon": _rings,
    "MultiPolygon": lambda v, p: _many(v, p, _rings),
}


def _member(value, path):
    """A geometry inside a GeometryCollection: RFC 7946 §3.1.8 advises against nesting them."""
    if isinstance(value, dict) and value.get("type") == "GeometryCollection":
        raise ValidationError(f"{path}: a GeometryCollection cannot contain another one.")
    return _geometry(value, path)


def _geometry(value, path):
    if not isinstance(value, dict):
        raise ValidationError(f"{path}: a GeoJSON geometry is an object with 'type' and 'coordinates'.")
    kind = value.get("type")
    if kind not in GEOMETRY_TYPES:
        raise ValidationError(
            f"{path}: type must be one of {', '.join(GEOMETRY_TYPES)} (got {kind!r})."
        )
    if kind == "GeometryCollection":
        return _many(value.get("geometries"), f"{path}.geometries", _member)
    if "coordinates" not in value:
        raise ValidationError(f"{path}: a {kind} needs 'coordinates'.")
    return COORDINATE_CHECKS[kind](value["coordinates"], f"{path}.coordinates")


def _as_lists(value):
    if isinstance(value, (list, tuple)):
        return [_as_lists(item) for item in value]
    return value


def _refuse_invalid(geometry, path):
    """Names the problem and where it is, as GEOS finds it: "Self-intersection at [36.5, 35.5]"."""
    if geometry.is_valid:
        return
    reason = shapely.is_valid_reason(geometry)
    found = re.fullmatch(r"(.*?)\[([^\]]*)\]", reason)
    if found:
        reason = f"{found[1]} at [{', '.join(found[2].split())}]"
    raise ValidationError(f"{path}: {reason}.")


def _crosses_antimeridian(geometry):
    """True when an edge spans more than 180° of longitude, the convention RFC 7946 §3.1.9 follows
    and `antimeridian` splits on; an edge along the antimeridian (180 to -180) is no crossing."""
    for part in shapely.get_parts(geometry):
        rings = [part.exterior, *part.interiors] if part.geom_type == "Polygon" else [part]
        for ring in rings:
            jumps = numpy.abs(numpy.diff(shapely.get_coordinates(ring)[:, 0]))
            if ((jumps > 180) & (jumps != 360)).any():
                return True
    return False


def _normalised_shape(value, path):
    try:
        geometry = shape(value)
    except (ValueError, shapely.errors.GEOSException) as error:
        raise ValidationError(
            f"{path}: cannot be read as a geometry; give every position the same number of coordinates."
        ) from error
    _refuse_invalid(geometry, path)
    if geometry.geom_type in ("Point", "MultiPoint"):
        return value
    if _crosses_antimeridian(geometry):
        try:
            # Straight lines in longitude and latitude between positions (§3.1.1), not great circles.
            fixed = antimeridian.fix_shape(geometry, fix_winding=True, great_circle=False)
        except (ValueError, AssertionError) as error:
            raise ValidationError(f"{path}: cannot be split at the antimeridian ({error}).") from error
        geometry = shape(fixed)
        _refuse_invalid(geometry, path)
    coordinates = _as_lists(mapping(shapely.orient_polygons(geometry))["coordinates"])
    if (geometry.geom_type, coordinates) == (value["type"], value["coordinates"]):
        return value
    return {"type": geometry.geom_type, "coordinates": coordinates}


def _normalised(value, path):
    if value["type"] == "GeometryCollection":
        return {
            "type": "GeometryCollection",
            "geometries": [
                _normalised(member, f"{path}.geometries[{i}]") for i, member in enumerate(value["geometries"])
            ],
        }
    return _normalised_shape(value, path)


def geometry_normalise(value):
    """The geometry in RFC 7946 form (rewound, split at the antimeridian), so that what is stored is
    what partners and maps get; raises ValidationError naming what is wrong and where."""
    if value in (None, ""):
        return value
    if _geometry(value, "geometry") > MAX_POSITIONS:
        raise ValidationError(f"geometry: more than {MAX_POSITIONS} positions; simplify the shape.")
    return _normalised(value, "geometry")


def validate_geometry(value):
    """Raises ValidationError unless value is one valid RFC 7946 geometry of a sane size."""
    geometry_normalise(value)


def published_geometry(value):
    """A stored geometry in RFC 7946 form for publication, or None when there is none or it is
    invalid (only rows written before these checks, or past save(), can be): a shape we cannot
    vouch for is left out rather than sent."""
    try:
        return geometry_normalise(value) or None
    except ValidationError as error:
        logger.warning("Stored geometry not published: %s", "; ".join(error.messages))
        return None


def location_geometry(location):
    """The place's GeoJSON geometry in RFC 7946 form, or a Point from its coordinates ([longitude, latitude])."""
    geometry = published_geometry(location.geometry)
    if geometry:
        return geometry
    if location.has_point:
        return {"type": "Point", "coordinates": [float(location.longitude), float(location.latitude)]}
    return None


def location_map_geometry(location):
    """What a map draws for the place: its geometry, or its point where the point is where the place
    is. A country or region known only by its centre gets nothing (a pin in the middle of Russia
    for "Russia" misleads); pages list it instead."""
    geometry = published_geometry(location.geometry)
    if geometry:
        return geometry
    if location.geo_precision in CENTRE_PRECISIONS:
        return None
    return location_geometry(location)


def map_geometry_geoshape(geometry):
    """A geometry as a schema.org GeoShape: its polygon, its line, or else the box around it
    (points "latitude longitude", space separated)."""
    def points(positions):
        return " ".join(f"{lat:g} {lon:g}" for lon, lat, *_ in positions)

    if geometry["type"] == "Polygon":
        return {"@type": "GeoShape", "polygon": points(geometry["coordinates"][0])}
    if geometry["type"] == "LineString":
        return {"@type": "GeoShape", "line": points(geometry["coordinates"])}
    west, south, east, north = shape(geometry).bounds
    return {"@type": "GeoShape", "box": f"{south:g} {west:g} {north:g} {east:g}"}
