"""Public pages of the extension's records: claims, places, sources and conflicts; search and feeds."""

from django.urls import path

from . import feeds, views
from .page_cache import public_page

app_name = "conflicts"

urlpatterns = [
    path("claims/<int:pk>/", public_page(views.claim_detail), name="claim"),
    path("places/<slug:slug>/", public_page(views.location_detail), name="location"),
    path("sources/<int:pk>/", public_page(views.source_detail), name="source"),
    path("conflicts/<slug:slug>/", public_page(views.conflict_detail), name="conflict"),
    path("tallies/<int:pk>/", public_page(views.tally_detail), name="tally"),
    path("conflicts/<slug:slug>/feed/", public_page(feeds.ConflictArticlesFeed()), name="conflict_feed"),
    path("feeds/latest/", public_page(feeds.LatestArticlesFeed()), name="latest_feed"),
    path("search/", views.search, name="search"),
]
