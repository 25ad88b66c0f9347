"""Read-only partner resources. Every queryset starts from what the calling partner may receive."""

from django.db.models import Prefetch
from django.http import JsonResponse
from django.urls import reverse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAcceptable, NotFound
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from wagtail.models import Page

from ... import audience, coverage, freshness
from ...models import (
    Claim,
    ClaimStatusChange,
    Conflict,
    Location,
    PageTombstone,
    Source,
)
from ...selectors import annotated_body, annotation_list_for_page, annotation_list_located, attribution_list_public
from . import filters, formats, serializers
from .auth import ApiKeyAuthentication, IsActivePartner, PartnerRateThrottle
from .pagination import SyncPagination
from .representations import representation_key, representations

FORMAT_PARAMETER = OpenApiParameter(
    "format", OpenApiTypes.STR, OpenApiParameter.QUERY,
    description="Response format: json (default). `format=api` gives the browsable HTML view for people.",
    enum=["json"],
)


NINJS_SCHEMA_REF = {
    "type": "object",
    "description": "IPTC ninjs 2.2, http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json",
    "required": ["uri"],
    "additionalProperties": True,
}
GEOJSON_OBJECT = {
    "type": "object",
    "description": "GeoJSON (RFC 7946), https://geojson.org/schema/GeoJSON.json",
    "required": ["type"],
    "additionalProperties": True,
}
ANNOTATION_PAGE_OBJECT = {
    "type": "object",
    "description": "W3C Web Annotation AnnotationPage (JSON-LD, http://www.w3.org/ns/anno.jsonld).",
    "required": ["@context", "type", "items"],
    "additionalProperties": True,
}


class FormatFirstNegotiation(DefaultContentNegotiation):
    """`?format=` decides: a client asking for ninjs with `Accept: application/json` gets ninjs."""

    def select_renderer(self, request, renderers, format_suffix=None):
        fmt = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if fmt:
            chosen = [renderer for renderer in renderers if renderer.format == fmt]
            if not chosen:
                raise NotFound(f"Unknown format {fmt!r}; this resource offers: {', '.join(r.format for r in renderers)}.")
            return chosen[0], chosen[0].media_type
        return super().select_renderer(request, renderers, format_suffix)


class PartnerAPIMixin:
    content_negotiation_class = FormatFirstNegotiation
    lookup_value_regex = r"[1-9][0-9]{0,17}"
    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [IsActivePartner]
    throttle_classes = [PartnerRateThrottle]
    pagination_class = SyncPagination
    filter_backends = [DjangoFilterBackend]
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer]

    schema_model = None

    @property
    def partner(self):
        return self.request.auth.partner

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.schema_model.objects.none()
        return self.partner_queryset()

    def finalize_response(self, request, response, *args, **kwargs):
        renderer = getattr(request, "accepted_renderer", None)
        if response.status_code >= 400 and getattr(renderer, "format", "json") not in ("json", "api"):
            # Errors are plain JSON whatever format was asked for.
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
        response = super().finalize_response(request, response, *args, **kwargs)
        # What a partner receives depends on its key: never share a response between partners.
        response["Cache-Control"] = "private, no-cache"
        vary = response.get("Vary")
        response["Vary"] = f"{vary}, Authorization" if vary else "Authorization"
        return response

    def record_moment(self, record):
        """When the record's representation last changed, from what get_object() loaded (no query)."""
        return record.updated_at

    def item_moment(self, record):
        """The same for an item of a list, from what the list loaded."""
        return self.record_moment(record)

    def representation_parts(self, record, moment):
        return (type(self).__name__, record.pk, getattr(self, "action", None), self.request.accepted_renderer.format, moment)

    def cached_representations(self, records, serialize, moment_of):
        """Representations from the cache for records unchanged since they were stored (see
        representations.py), `serialize(records)` for the others."""
        partner = self.partner
        return representations(
            records, serialize=serialize,
            key_of=lambda record: representation_key(
                partner.pk, partner.updated_at, *self.representation_parts(record, moment_of(record))
            ),
        )

    def answer(self, record, represent):
        """304 when the partner's copy is current, decided before `represent()` serializes anything;
        else the representation (cached while the record is unchanged) with its ETag and Last-Modified."""
        moment = self.record_moment(record)
        parts = self.representation_parts(record, None)
        unchanged = freshness.not_modified(self.request, moment, *parts)
        if unchanged is not None:
            return unchanged
        data = self.cached_representations([record], lambda records: [represent()], lambda record: moment)[0]
        return freshness.mark(Response(data), moment, *parts)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        data = self.cached_representations(
            page, lambda records: self.get_serializer(records, many=True).data, self.item_moment
        )
        return self.get_paginated_response(data)

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        return self.answer(instance, lambda: self.get_serializer(instance).data)


def loaded_moment(*records):
    """The latest `updated_at` of records already loaded."""
    return max((record.updated_at for record in records if record is not None), default=None)


def _claim_prefetches():
    return [
        "places",
        Prefetch("attributions", queryset=attribution_list_public()),
        Prefetch("status_changes", queryset=ClaimStatusChange.objects.order_by("changed_at", "pk")),
    ]


class PageViewSet(PartnerAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Shared by articles and explainers: live, public pages of the partner's conflicts only."""

    schema_model = Page
    list_relations = {"select": ("conflict",), "prefetch": ("places",)}
    detail_relations = list_relations

    def paginate_queryset(self, queryset):
        """The page's items as their specific page objects, loaded with one query per page model."""
        pages = super().paginate_queryset(queryset)
        return None if pages is None else coverage.specific_pages(pages, **self.list_relations)

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = coverage.specific_pages([super().get_object()], **self.detail_relations)[0]
        return self._object

    def page_rendering(self, page):
        """The body as partners get it, its records and its located annotations: rendered once per
        request, whatever the format, and handed to the serializer in its context."""
        if not hasattr(self, "_rendering"):
            body = annotated_body(page, syndicated=True, request=self.request)
            body["annotations"] = annotation_list_located(annotation_list_for_page(page), body["body_html"])
            self._rendering = body
        return self._rendering

    def get_serializer_context(self):
        context = {**super().get_serializer_context(), "detail": self.action != "list"}
        if self.action == "retrieve" and not getattr(self, "swagger_fake_view", False):
            context["rendering"] = self.page_rendering(self.get_object())
        return context

    def record_moment(self, page):
        return freshness.page_moment(page)

    def item_moment(self, page):
        """A list shows the page's own fields, its conflict, places and dateline."""
        related = [page.conflict, getattr(page, "dateline_place", None), *page.places.all()]
        return max([page.last_published_at, *(record.updated_at for record in related if record is not None)])

    @extend_schema(
        summary="The page's annotations as a W3C Web Annotation AnnotationPage (JSON-LD).",
        parameters=[OpenApiParameter("format", OpenApiTypes.STR, OpenApiParameter.QUERY, enum=["jsonld", "json"])],
        responses={
            (200, "application/ld+json"): OpenApiResponse(response=ANNOTATION_PAGE_OBJECT, description="An AnnotationPage."),
            (200, "application/json"): OpenApiResponse(response=ANNOTATION_PAGE_OBJECT, description="An AnnotationPage."),
        },
    )
    @action(detail=True, renderer_classes=[formats.JSONLDRenderer, JSONRenderer, BrowsableAPIRenderer])
    def annotations(self, request, pk=None):
        page = self.get_object()
        return self.answer(page, lambda: formats.annotation_page(page, self.page_rendering(page)["annotations"], request))


@extend_schema_view(
    list=extend_schema(
        summary="Live articles of your conflicts, in id order (cursor pages). ninjs is per article: see one article.",
        parameters=[FORMAT_PARAMETER],
        responses={(200, "application/json"): serializers.ArticleSerializer(many=True)},
    ),
    retrieve=extend_schema(
        summary="One article: annotated body HTML and its annotations. format=ninjs gives IPTC ninjs 2.2.",
        parameters=[OpenApiParameter(
            "format", OpenApiTypes.STR, OpenApiParameter.QUERY,
            description="json (default) or ninjs (IPTC ninjs 2.2, application/ninjs+json).",
            enum=["json", "ninjs"],
        )],
        responses={
            (200, "application/json"): serializers.ArticleSerializer,
            (200, "application/ninjs+json"): OpenApiResponse(
                response=NINJS_SCHEMA_REF, description="An IPTC ninjs 2.2 news item."
            ),
        },
    ),
)
class ArticleViewSet(PageViewSet):
    serializer_class = serializers.ArticleSerializer
    filterset_class = filters.ArticleFilterSet
    renderer_classes = [JSONRenderer, formats.NinjsRenderer, BrowsableAPIRenderer]
    list_relations = {"select": ("conflict", "dateline_place"), "prefetch": ("places",)}
    detail_relations = {
        "select": ("conflict", "dateline_place"), "prefetch": ("places", "update_log", "related_explainers"),
    }

    def partner_queryset(self):
        return audience.partner_articles(self.partner)

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format == "ninjs":
            raise NotAcceptable(
                f"ninjs is served one article at a time: {reverse('api:v1:article-list')}<id>/?format=ninjs"
            )
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        if request.accepted_renderer.format != "ninjs":
            return super().retrieve(request, *args, **kwargs)
        page = self.get_object()

        def represent():
            rendering = self.page_rendering(page)
            return formats.article_ninjs(
                page, request, body_html=rendering["body_html"], annotations=rendering["annotations"],
                records=rendering["annotation_records"],
            )

        return self.answer(page, represent)


@extend_schema_view(
    list=extend_schema(summary="Live explainers of your conflicts.", parameters=[FORMAT_PARAMETER]),
    retrieve=extend_schema(summary="One explainer with its annotated body.", parameters=[FORMAT_PARAMETER]),
)
class ExplainerViewSet(PageViewSet):
    serializer_class = serializers.ExplainerSerializer
    filterset_class = filters.ExplainerFilterSet
    detail_relations = {"select": ("conflict",), "prefetch": ("places", "key_claims")}

    def partner_queryset(self):
        return audience.partner_explainers(self.partner)


@extend_schema_view(
    list=extend_schema(summary=(
        "Claims carried by live coverage of your conflicts, with status history; a claim merged into "
        "another is listed as a tombstone naming it in `merged_into`."
    )),
    retrieve=extend_schema(summary="One claim: current status, its history and the sources that say it."),
)
class ClaimViewSet(PartnerAPIMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.ClaimSerializer
    schema_model = Claim
    filterset_class = filters.ClaimFilterSet

    def partner_queryset(self):
        claims = audience.with_tombstones(audience.partner_claims(self.partner))
        return claims.select_related("conflict", "merged_into").prefetch_related(*_claim_prefetches())

    def record_moment(self, claim):
        return loaded_moment(claim, claim.conflict, *claim.places.all(), *(a.source for a in claim.attributions.all()))


@extend_schema_view(
    list=extend_schema(summary=(
        "Sources cited in live coverage of your conflicts: public fields only; a source merged into "
        "another is listed as a tombstone naming it in `merged_into`."
    )),
    retrieve=extend_schema(summary="One source: public label, kind, anonymity and its public reason, reliability."),
)
class SourceViewSet(PartnerAPIMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.SourceSerializer
    schema_model = Source
    filterset_class = filters.SourceFilterSet

    def partner_queryset(self):
        return audience.with_tombstones(audience.partner_sources(self.partner)).select_related("merged_into")


@extend_schema_view(
    list=extend_schema(
        summary="Places of your conflicts. format=geojson gives a GeoJSON FeatureCollection (RFC 7946).",
        parameters=[OpenApiParameter(
            "format", OpenApiTypes.STR, OpenApiParameter.QUERY,
            description="json (default) or geojson (application/geo+json).",
            enum=["json", "geojson"],
        )],
        responses={
            (200, "application/json"): serializers.LocationSerializer(many=True),
            (200, "application/geo+json"): OpenApiResponse(
                response=GEOJSON_OBJECT, description="A GeoJSON FeatureCollection, cursor links in `links`."
            ),
        },
    ),
    retrieve=extend_schema(
        summary="One place. format=geojson gives a GeoJSON Feature.",
        parameters=[OpenApiParameter(
            "format", OpenApiTypes.STR, OpenApiParameter.QUERY, enum=["json", "geojson"],
        )],
        responses={
            (200, "application/json"): serializers.LocationSerializer,
            (200, "application/geo+json"): OpenApiResponse(response=GEOJSON_OBJECT, description="A GeoJSON Feature."),
        },
    ),
)
class LocationViewSet(PartnerAPIMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.LocationSerializer
    schema_model = Location
    filterset_class = filters.LocationFilterSet
    renderer_classes = [JSONRenderer, formats.GeoJSONRenderer, BrowsableAPIRenderer]

    def partner_queryset(self):
        locations = audience.with_tombstones(audience.partner_locations(self.partner))
        return locations.select_related("parent", "merged_into")

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format != "geojson":
            return super().list(request, *args, **kwargs)
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return Response(formats.feature_collection(
            page, request,
            next_url=self.paginator.get_next_link(), previous_url=self.paginator.get_previous_link(),
        ))

    def retrieve(self, request, *args, **kwargs):
        if request.accepted_renderer.format != "geojson":
            return super().retrieve(request, *args, **kwargs)
        location = self.get_object()
        return self.answer(location, lambda: formats.location_feature(location, request))


@extend_schema_view(
    list=extend_schema(summary="The conflicts your key may receive."),
    retrieve=extend_schema(summary="One conflict."),
)
class ConflictViewSet(PartnerAPIMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.ConflictSerializer
    schema_model = Conflict
    filterset_class = filters.ConflictFilterSet

    def partner_queryset(self):
        return audience.partner_conflicts(self.partner)


@extend_schema(summary="Pages partners must take down: unpublished, deleted or withdrawn since a date-time.")
class TombstoneListView(PartnerAPIMixin, ListAPIView):
    serializer_class = serializers.TombstoneSerializer
    schema_model = PageTombstone
    filterset_class = filters.TombstoneFilterSet

    def partner_queryset(self):
        return PageTombstone.objects.filter(conflict__in=audience.partner_conflict_ids(self.partner))

    def record_moment(self, tombstone):
        return tombstone.removed_at


@extend_schema(
    summary="One page partners must take down. format=ninjs gives an article's IPTC ninjs item with pubstatus canceled.",
    parameters=[OpenApiParameter(
        "format", OpenApiTypes.STR, OpenApiParameter.QUERY,
        description="json (default) or ninjs (articles only: a partial item, pubstatus canceled).",
        enum=["json", "ninjs"],
    )],
    responses={
        (200, "application/json"): serializers.TombstoneSerializer,
        (200, "application/ninjs+json"): OpenApiResponse(response=NINJS_SCHEMA_REF, description="pubstatus canceled."),
    },
)
class TombstoneDetailView(PartnerAPIMixin, RetrieveAPIView):
    serializer_class = serializers.TombstoneSerializer
    schema_model = PageTombstone
    renderer_classes = [JSONRenderer, formats.NinjsRenderer, BrowsableAPIRenderer]
    lookup_field = "page_id"

    def partner_queryset(self):
        return PageTombstone.objects.filter(conflict__in=audience.partner_conflict_ids(self.partner))

    def retrieve(self, request, *args, **kwargs):
        tombstone = self.get_object()
        if request.accepted_renderer.format != "ninjs":
            return self.answer(tombstone, lambda: self.get_serializer(tombstone).data)
        if tombstone.page_type != "article":
            raise NotFound("ninjs is served for articles; this tombstone is of an explainer.")
        notice = serializers.TOMBSTONE_NOTICES.get(tombstone.reason, "Remove your copy.")
        return self.answer(tombstone, lambda: formats.tombstone_ninjs(tombstone, request, notice=notice))

    def record_moment(self, tombstone):
        return tombstone.removed_at


def not_found(request, *args, **kwargs):
    """JSON for any other address under the API, so partners' clients always get JSON errors."""
    return JsonResponse(
        {"detail": f"No such resource. The resources are listed in {reverse('api:v1:schema')} "
                   f"and {reverse('api:v1:docs')}."},
        status=404,
    )
