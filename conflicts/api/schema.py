"""How the OpenAPI schema describes the partner key."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "conflicts.api.auth.ApiKeyAuthentication"
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
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
