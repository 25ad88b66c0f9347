"""/api/v1/: the partner API, its OpenAPI schema and its documentation."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import schema  # noqa: F401  (registers the Api-Key scheme with drf-spectacular)
from . import views

app_name = "api"

router = DefaultRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("explainers", views.ExplainerViewSet, basename="explainer")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("sources", views.SourceViewSet, basename="source")
router.register("locations", views.LocationViewSet, basename="location")
router.register("conflicts", views.ConflictViewSet, basename="conflict")

urlpatterns = [
    path("tombstones/", views.TombstoneListView.as_view(), name="tombstones"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema", template_name="conflicts/api/redoc.html"), name="redoc"),
    path("", include(router.urls)),
    re_path(r"", views.not_found),
]
