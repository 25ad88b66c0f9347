"""The partner REST API: read-only syndication of live coverage for partner outlets, one package per version.

SPECTACULAR_SETTINGS is what drf-spectacular needs to describe it; a site's settings start from it
(`SPECTACULAR_SETTINGS = {**conflicts.api.SPECTACULAR_SETTINGS, "TITLE": ...}`). Plain data, so
settings modules can import it.
"""

SPECTACULAR_SETTINGS = {
    "TITLE": "Partner API",
    "DESCRIPTION": (
        "Read-only syndication of the newsroom's live conflict coverage: articles with their "
        "attribution annotations, explainers, claims with status history, sources (public fields "
        "only), places and conflicts."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["conflicts.api.v1.schema.partner_endpoints_only"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "conflicts.api.v1.schema.error_responses",
        "conflicts.api.v1.schema.blank_alternatives_as_any_of",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "conflicts.choices.ClaimStatus",
        "LocationKindEnum": "conflicts.choices.LocationKind",
        "SourceKindEnum": "conflicts.choices.SourceKind",
        "AnnotationKindEnum": "conflicts.choices.AnnotationKind",
        "GeoPrecisionEnum": "conflicts.choices.GeoPrecision",
        "EventPrecisionEnum": "conflicts.choices.EventPrecision",
    },
}
