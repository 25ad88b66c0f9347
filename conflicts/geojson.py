"""Validation of GeoJSON geometries (RFC 7946) kept on locations."""

from numbers import Real

from django.core.exceptions import ValidationError

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


def validate_geometry(value):
    """Raises ValidationError unless value is one RFC 7946 geometry of a sane size."""
    if value in (None, ""):
        return
    if _geometry(value, "geometry") > MAX_POSITIONS:
        raise ValidationError(f"geometry: more than {MAX_POSITIONS} positions; simplify the shape.")


def location_geometry(location):
    """The place's GeoJSON geometry, or a Point from its coordinates ([longitude, latitude])."""
    if location.geometry:
        return location.geometry
    if location.has_point:
        return {"type": "Point", "coordinates": [float(location.longitude), float(location.latitude)]}
    return None
