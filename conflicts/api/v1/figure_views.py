"""Figures and tallies for partners: the published tallies of their conflicts, in JSON and CSV."""

from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import NotAcceptable
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from ... import audience
from ...models import Figure, FigureStatusChange, Tally
from . import filters, formats, schema, serializers, versions
from .mixins import PartnerAPIMixin
from .views import FORMAT_PARAMETER


def _figure_queryset(figures):
    """Figures with everything their representation shows, in three queries whatever their number."""
    return figures.select_related("conflict", "source").prefetch_related(
        "places", Prefetch("status_changes", queryset=FigureStatusChange.objects.order_by("changed_at", "pk")),
    )


@extend_schema_view(
    list=extend_schema(
        summary="Figures of the published tallies of your conflicts. format=csv gives one CSV row per figure.",
        parameters=[OpenApiParameter(
            "format", OpenApiTypes.STR, OpenApiParameter.QUERY,
            description="json (default) or csv (text/csv, RFC 4180; the next page is in the `Link` header).",
            enum=["json", "csv"],
        )],
        responses={
            (200, "application/json"): serializers.FigureSerializer(many=True),
            (200, "text/csv"): OpenApiResponse(response=schema.CSV, description="One row per figure, with a header row."),
        },
    ),
    retrieve=extend_schema(
        summary="One figure: what and who it counts, low / best / high, its source and status history.",
        parameters=[FORMAT_PARAMETER],
        responses={(200, "application/json"): serializers.FigureSerializer},
    ),
)
class FigureViewSet(PartnerAPIMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.FigureSerializer
    schema_model = Figure
    filterset_class = filters.FigureFilterSet
    renderer_classes = [JSONRenderer, formats.CSVRenderer, BrowsableAPIRenderer]

    def partner_queryset(self):
        return _figure_queryset(audience.partner_figures(self.partner))

    def version(self):
        return versions.figure()

    def page_response(self, items):
        if self.request.accepted_renderer.format != "csv":
            return super().page_response(items)
        response = Response(formats.figure_csv(items))
        links = [
            f'<{url}>; rel="{rel}"'
            for rel, url in (("next", self.paginator.get_next_link()), ("prev", self.paginator.get_previous_link()))
            if url
        ]
        if links:
            response["Link"] = ", ".join(links)
        return response

    def retrieve(self, request, *args, **kwargs):
        if request.accepted_renderer.format == "csv":
            raise NotAcceptable(f"CSV is served for lists of figures: {reverse('api:v1:figure-list')}?format=csv")
        return super().retrieve(request, *args, **kwargs)


@extend_schema_view(
    list=extend_schema(
        summary="Published tallies of your conflicts: each source's figure for one event, and the one the newsroom uses.",
        parameters=[FORMAT_PARAMETER],
    ),
    retrieve=extend_schema(summary="One tally with its figures and their range.", parameters=[FORMAT_PARAMETER]),
)
class TallyViewSet(PartnerAPIMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.TallySerializer
    schema_model = Tally
    filterset_class = filters.TallyFilterSet

    def partner_queryset(self):
        figures = Figure.objects.filter(conflict__in=audience.partner_conflict_ids(self.partner)).order_by("pk")
        return audience.partner_tallies(self.partner).select_related("conflict").prefetch_related(
            Prefetch("figures", queryset=_figure_queryset(figures))
        )

    def version(self):
        return versions.tally()
