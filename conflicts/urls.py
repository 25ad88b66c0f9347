"""Public pages of the extension's records: claims, places, sources and conflicts."""

from django.urls import path

from . import views

app_name = "conflicts"

urlpatterns = [
    path("claims/<int:pk>/", views.claim_detail, name="claim"),
    path("places/<slug:slug>/", views.location_detail, name="location"),
    path("sources/<int:pk>/", views.source_detail, name="source"),
    path("conflicts/<slug:slug>/", views.conflict_detail, name="conflict"),
]
