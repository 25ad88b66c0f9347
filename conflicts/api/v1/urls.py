"""The partner API, version 1: its resources, OpenAPI schema and documentation (mounted at v1/ by conflicts.api.urls)."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import (
    figure_views,
    schema,  # noqa: F401  (registers the Api-Key scheme with drf-spectacular)
    views,
)

app_name = "v1"

router = DefaultRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("explainers", views.ExplainerViewSet, basename="explainer")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("sources", views.SourceViewSet, basename="source")
router.register("locations", views.LocationViewSet, basename="location")
router.register("conflicts", views.ConflictViewSet, basename="conflict")
router.register("figures", figure_views.FigureViewSet, basename="figure")
router.register("tallies", figure_views.TallyViewSet, basename="tally")

urlpatterns = [
    path("tombstones/", views.TombstoneListView.as_view(), name="tombstones"),
    path("tombstones/<int:page_id>/", views.TombstoneDetailView.as_view(), name="tombstone-detail"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:v1:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:v1:schema", template_name="conflicts/api/redoc.html"), name="redoc"),
    path("", include(router.urls)),
    re_path(r"", views.not_found),
]
