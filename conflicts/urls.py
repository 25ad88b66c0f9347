"""Public pages of the extension's records: claims, places, sources and conflicts; search and feeds."""

from django.urls import path

from . import feeds, views

app_name = "conflicts"

urlpatterns = [
    path("claims/<int:pk>/", views.claim_detail, name="claim"),
    path("places/<slug:slug>/", views.location_detail, name="location"),
    path("sources/<int:pk>/", views.source_detail, name="source"),
    path("conflicts/<slug:slug>/", views.conflict_detail, name="conflict"),
    path("tallies/<int:pk>/", views.tally_detail, name="tally"),
    path("conflicts/<slug:slug>/feed/", feeds.ConflictArticlesFeed(), name="conflict_feed"),
    path("feeds/latest/", feeds.LatestArticlesFeed(), name="latest_feed"),
    path("search/", views.search, name="search"),
]
