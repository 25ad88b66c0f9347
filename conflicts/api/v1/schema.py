"""How the OpenAPI schema describes the partner key."""

from django.urls import reverse
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "conflicts.api.v1.auth.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "Send `Authorization: Api-Key <key>`. Keys are issued per partner by the newsroom "
                "(`manage.py create_partner_key`), shown once and revocable. No key: 401; suspended "
                "partner: 403; content outside your conflicts or unpublished: 404; over your rate "
                "limit: 429 with Retry-After."
            ),
        }


def partner_endpoints_only(endpoints, **kwargs):
    """The schema documents the partner API, not the admin's internal API."""
    prefix = reverse("api:v1:api-root")
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(prefix)]


GEOJSON = {
    "type": "object",
    "description": "A GeoJSON FeatureCollection (RFC 7946); cursor links in the foreign member `links`.",
    "required": ["type", "features"],
    "properties": {"type": {"enum": ["FeatureCollection"]}, "features": {"type": "array"}, "links": {"type": "array"}},
}

CSV = {"type": "string", "description": "RFC 4180 CSV: a header row, then one row per item; the next page is in the `Link` header."}

# Formats whose list is not a page of `results`: the document replaces drf-spectacular's envelope.
UNPAGED_LIST_SCHEMAS = {"application/geo+json": GEOJSON, "text/csv": CSV}

ERROR_RESPONSES = {
    "400": "A filter, limit, cursor or other parameter could not be read; the body names it.",
    "401": "No key, or an unknown or revoked key.",
    "403": "The partner's access is suspended.",
    "404": "Not found, not published, or outside the partner's conflicts.",
    "429": "Over the partner's rate limit; retry after the seconds in Retry-After.",
}


def error_responses(result, generator, request, public):
    """Documents the error answers every partner endpoint can give, with their JSON body."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = {
        "type": "object",
        "description": "An error; `detail` says what went wrong. A 400 names each refused parameter instead.",
        "additionalProperties": True,
    }
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            # A GeoJSON list is a FeatureCollection with its cursor links, a CSV list is rows: neither
            # is a page of results.
            for media_type, schema in UNPAGED_LIST_SCHEMAS.items():
                content = responses.get("200", {}).get("content", {}).get(media_type)
                if content and "results" in content.get("schema", {}).get("properties", {}):
                    content["schema"] = schema
            for status, description in ERROR_RESPONSES.items():
                responses.setdefault(status, {
                    "description": description,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                })
            if status_has_format(operation):
                responses.setdefault("406", {
                    "description": "The format or Accept header asks for a media type this resource does not serve (ninjs is per article).",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                })
    return result


BLANK_STRING = {"type": "string", "maxLength": 0}


def blank_alternatives_as_any_of(result, generator, request, public):
    """A field that may be blank is documented as `anyOf` its format and the empty string, not `oneOf`.

    drf-spectacular writes `oneOf: [{format: uri}, {maxLength: 0}]`; a validator that does not
    check formats (they are optional in JSON Schema) finds "" matching both branches and refuses
    it, so an empty `evidence_url` failed validation. With `anyOf` one match or two both pass.
    """

    def rewrite(node):
        if isinstance(node, dict):
            if BLANK_STRING in node.get("oneOf", []):
                node["anyOf"] = node.pop("oneOf")
            for value in node.values():
                rewrite(value)
        elif isinstance(node, list):
            for value in node:
                rewrite(value)

    rewrite(result)
    return result


def status_has_format(operation):
    return any(parameter.get("name") == "format" for parameter in operation.get("parameters", []))
