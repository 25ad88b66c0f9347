"""Read-only partner resources. Every queryset starts from what the calling partner may receive."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAcceptable, NotFound
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from wagtail.models import Page

from ... import audience, coverage, freshness
from ...conf import article_models, explainer_models
from ...models import (
    Claim,
    ClaimStatusChange,
    Conflict,
    Location,
    PageTombstone,
    Source,
)
from ...selectors import annotated_body, annotation_list_for_page, annotation_list_located, attribution_list_public
from . import filters, formats, serializers, versions
from .mixins import PartnerAPIMixin

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

    def page_models(self):
        raise NotImplementedError

    def version(self):
        return versions.page(self.page_models())

    def load(self, rows):
        """The pages of `rows` as their specific page objects, loaded with one query per page model."""
        pages = coverage.specific_pages(
            self.get_queryset().filter(pk__in=[row["pk"] for row in rows]), **self.list_relations
        )
        by_pk = {page.pk: page for page in pages}
        return [by_pk.get(row["pk"]) for row in rows]

    def detail_version(self):
        """A detail shows the body and every record it cites: freshness reads its moment from the
        page's id, model and conflict, before the page itself is loaded."""
        page = self.page_reference()
        return page.pk, freshness.page_moment(page)

    def page_reference(self):
        """The requested page as an instance of its model holding only its id and conflict (what
        page_moment reads), from one query; 404 outside the partner's scope."""
        conflicts = [
            Subquery(model.objects.filter(pk=OuterRef("pk")).values("conflict_id")[:1]) for model in self.page_models()
        ]
        conflict = Coalesce(*conflicts) if len(conflicts) > 1 else conflicts[0]
        pages = self.filter_queryset(self.get_queryset()).values("pk", "content_type_id", conflict_id=conflict)
        row = get_object_or_404(pages, pk=self.kwargs[self.lookup_url_kwarg or self.lookup_field])
        model = ContentType.objects.get_for_id(row["content_type_id"]).model_class()
        return model(pk=row["pk"], conflict_id=row["conflict_id"])

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
        return self.answer(lambda page: formats.annotation_page(page, self.page_rendering(page)["annotations"], request))


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

    def page_models(self):
        return article_models()

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

        def represent(page):
            rendering = self.page_rendering(page)
            return formats.article_ninjs(
                page, request, body_html=rendering["body_html"], annotations=rendering["annotations"],
                records=rendering["annotation_records"],
            )

        return self.answer(represent)


@extend_schema_view(
    list=extend_schema(summary="Live explainers of your conflicts.", parameters=[FORMAT_PARAMETER]),
    retrieve=extend_schema(summary="One explainer with its annotated body.", parameters=[FORMAT_PARAMETER]),
)
class ExplainerViewSet(PageViewSet):
    serializer_class = serializers.ExplainerSerializer
    filterset_class = filters.ExplainerFilterSet
    detail_relations = {"select": ("conflict",), "prefetch": ("places", "key_claims")}

    def page_models(self):
        return explainer_models()

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

    def version(self):
        return versions.claim()


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

    def version(self):
        return versions.mergeable()


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

    def version(self):
        return versions.mergeable()

    def represent_many(self, locations):
        if self.request.accepted_renderer.format != "geojson":
            return super().represent_many(locations)
        return [formats.location_feature(location, self.request) for location in locations]

    def page_response(self, items):
        if self.request.accepted_renderer.format != "geojson":
            return super().page_response(items)
        return Response(formats.feature_collection(
            items, next_url=self.paginator.get_next_link(), previous_url=self.paginator.get_previous_link(),
        ))

    def retrieve(self, request, *args, **kwargs):
        if request.accepted_renderer.format != "geojson":
            return super().retrieve(request, *args, **kwargs)
        return self.answer(lambda location: formats.location_feature(location, request))


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

    def version(self):
        return versions.own("removed_at")


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
        if request.accepted_renderer.format != "ninjs":
            return super().retrieve(request, *args, **kwargs)
        if self.get_object().page_type != "article":
            raise NotFound("ninjs is served for articles; this tombstone is of an explainer.")

        def represent(tombstone):
            notice = serializers.TOMBSTONE_NOTICES.get(tombstone.reason, "Remove your copy.")
            return formats.tombstone_ninjs(tombstone, request, notice=notice)

        return self.answer(represent)

    def version(self):
        return versions.own("removed_at")


def not_found(request, *args, **kwargs):
    """JSON for any other address under the API, so partners' clients always get JSON errors."""
    return JsonResponse(
        {"detail": f"No such resource. The resources are listed in {reverse('api:v1:schema')} "
                   f"and {reverse('api:v1:docs')}."},
        status=404,
    )
