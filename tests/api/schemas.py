"""The published JSON Schemas the API's standard formats are checked against.

ninjs 2.2 is IPTC's schema (../shared/schemas, copied to tests/api/schemas/); GeoJSON's are the
geojson.org schemas from the npm package geojson-schema (node_modules, installed by bin/setup).
The W3C publishes no JSON Schema for the Web Annotation model; WEB_ANNOTATION_PAGE encodes the
model's MUST requirements for an AnnotationPage of text annotations (W3C Recommendation, §3.1,
§3.2 (bodies and targets: textual bodies carry `value`, specific resources `source`), §4 and
§4.2.2-§4.2.9 (selectors and their refinement) of https://www.w3.org/TR/annotation-model/,
§4 of annotation-vocab paging).
"""

import json
from pathlib import Path

from jsonschema import Draft7Validator, Draft202012Validator
from referencing import Registry, Resource

ROOT = Path(__file__).resolve().parents[2]
NINJS = ROOT / "tests" / "api" / "schemas" / "ninjs-schema_2.2.json"
GEOJSON_DIR = ROOT / "node_modules" / "geojson-schema"


def _geojson_registry():
    resources = []
    for path in sorted(GEOJSON_DIR.glob("*.json")):
        if path.name == "package.json":
            continue
        schema = json.loads(path.read_text())
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


def ninjs_validator():
    schema = json.loads(NINJS.read_text())
    return Draft202012Validator(schema, registry=_geojson_registry())


def geojson_validator(name="FeatureCollection"):
    schema = json.loads((GEOJSON_DIR / f"{name}.json").read_text())
    return Draft7Validator(schema, registry=_geojson_registry())


_PURPOSES = [
    "assessing", "bookmarking", "classifying", "commenting", "describing", "editing", "highlighting",
    "identifying", "linking", "moderating", "questioning", "replying", "tagging",
]
_SELECTOR_QUOTE = {
    "type": "object",
    "required": ["type", "exact"],
    "properties": {
        "type": {"const": "TextQuoteSelector"},
        "exact": {"type": "string", "minLength": 1},
        "prefix": {"type": "string"},
        "suffix": {"type": "string"},
    },
}
_SELECTOR_POSITION = {
    "type": "object",
    "required": ["type", "start", "end"],
    "properties": {
        "type": {"const": "TextPositionSelector"},
        "start": {"type": "integer", "minimum": 0},
        "end": {"type": "integer", "minimum": 0},
    },
}
# §4.2.2 and §4.2.9: a CSS selector for an element, refined by a selector applied within it.
_SELECTOR_CSS = {
    "type": "object",
    "required": ["type", "value"],
    "properties": {
        "type": {"const": "CssSelector"},
        "value": {"type": "string", "minLength": 1},
        "refinedBy": {"oneOf": [_SELECTOR_QUOTE, _SELECTOR_POSITION]},
    },
}
# §3.2.4: an embedded textual body has exactly one `value`, and SHOULD be typed TextualBody.
_TEXTUAL_BODY = {
    "type": "object",
    "required": ["type", "value"],
    "properties": {
        "type": {"const": "TextualBody"},
        "value": {"type": "string"},
        "format": {"type": "string"},
        "language": {"type": "string"},
        "purpose": {"enum": _PURPOSES},
    },
    "not": {"required": ["source"]},
}
# §4: a specific resource has exactly one `source`; `value` belongs to textual bodies.
_SPECIFIC_RESOURCE = {
    "type": "object",
    "required": ["source"],
    "properties": {
        "type": {"const": "SpecificResource"},
        "source": {"type": "string", "format": "uri"},
        "purpose": {"enum": _PURPOSES},
        "selector": {"type": "array", "minItems": 1, "items": {"oneOf": [_SELECTOR_CSS, _SELECTOR_QUOTE, _SELECTOR_POSITION]}},
    },
    "not": {"required": ["value"]},
}
# §3.2.1 and §3.3.5: an external web resource is identified by an IRI and carries no purpose.
_EXTERNAL_RESOURCE = {
    "type": "object",
    "required": ["id"],
    "properties": {"id": {"type": "string", "format": "uri"}, "type": {"enum": ["Dataset", "Image", "Video", "Sound", "Text"]}},
    "not": {"anyOf": [{"required": ["value"]}, {"required": ["source"]}, {"required": ["purpose"]}]},
}
_BODY = {"oneOf": [_TEXTUAL_BODY, _SPECIFIC_RESOURCE, _EXTERNAL_RESOURCE]}
WEB_ANNOTATION_PAGE = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["@context", "id", "type", "items"],
    "properties": {
        "@context": {"const": "http://www.w3.org/ns/anno.jsonld"},
        "id": {"type": "string", "format": "uri"},
        "type": {"const": "AnnotationPage"},
        "startIndex": {"type": "integer", "minimum": 0},
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "type", "target"],
                "not": {"required": ["bodyValue", "body"]},
                "properties": {
                    "id": {"type": "string", "format": "uri"},
                    "type": {"const": "Annotation"},
                    "motivation": {"enum": _PURPOSES},
                    "body": {"oneOf": [_BODY, {"type": "array", "minItems": 1, "items": _BODY}]},
                    # The targets here are always parts of a page: a specific resource with selectors.
                    "target": {
                        "allOf": [
                            _SPECIFIC_RESOURCE,
                            {"required": ["type", "source", "selector"], "properties": {"type": {"const": "SpecificResource"}}},
                        ],
                    },
                },
            },
        },
    },
}


def web_annotation_validator():
    return Draft202012Validator(WEB_ANNOTATION_PAGE)


def geojson_rfc7946_problems(geometry, path="geometry"):
    """What keeps a GeoJSON geometry from RFC 7946 beyond its schema: validity (OGC simple features,
    checked with shapely), ring orientation (§3.1.6: exteriors counterclockwise, holes clockwise)
    and antimeridian crossings left unsplit (§3.1.9: no edge spans more than 180° of longitude)."""
    import numpy
    import shapely
    from shapely.geometry import Polygon, shape

    if geometry["type"] == "GeometryCollection":
        return [
            problem
            for i, member in enumerate(geometry["geometries"])
            for problem in geojson_rfc7946_problems(member, f"{path}.geometries[{i}]")
        ]
    shaped = shape(geometry)
    problems = [] if shaped.is_valid else [f"{path}: {shapely.is_valid_reason(shaped)}"]
    lines = []
    for part in shapely.get_parts(shaped):
        if isinstance(part, Polygon):
            if not part.exterior.is_ccw:
                problems.append(f"{path}: exterior ring is clockwise")
            problems += [f"{path}: hole is counterclockwise" for hole in part.interiors if hole.is_ccw]
            lines += [part.exterior, *part.interiors]
        elif part.geom_type == "LineString":
            lines.append(part)
    for line in lines:
        jumps = numpy.abs(numpy.diff(numpy.asarray(line.coords)[:, 0]))
        if (jumps > 180).any():
            problems.append(f"{path}: an edge crosses the antimeridian")
    return problems
