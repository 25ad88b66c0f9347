"""RSS feeds: the latest articles, and the latest articles of one conflict.

Every link is on the site's one origin (links.site_origin), whatever host the request named.
RSS reads <description> as HTML, so plain-text fields placed there are HTML-escaped first:
a reader shows "<500 troops" as written, and markup in a standfirst stays text.
"""

import copy

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.html import escape

from . import coverage
from .links import public_url
from .models import Conflict

FEED_LENGTH = 30


class LatestArticlesFeed(Feed):
    title = f"{settings.WAGTAIL_SITE_NAME}: latest articles"
    description = escape("The newsroom's latest conflict reporting.")
    request = None

    def get_feed(self, obj, request):
        # Feed views are shared by all requests: each builds its feed on its own copy.
        feed = copy.copy(self)
        feed.request = request
        return super(LatestArticlesFeed, feed).get_feed(obj, request)

    def link(self):
        return public_url(self.request, "/news/")

    def feed_url(self):
        return public_url(self.request, self.request.path)

    def articles(self, **filters):
        pages = coverage.articles(**filters).live().public().order_by("-first_published_at", "-pk")
        return coverage.specific_pages(pages[:FEED_LENGTH], select=("conflict",))

    def items(self):
        return self.articles()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return escape(item.standfirst)

    def item_link(self, item):
        return public_url(self.request, item.get_url(self.request))

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.updated_at or item.last_published_at

    def item_author_name(self, item):
        return item.byline

    def item_categories(self, item):
        return [item.conflict.name] if item.conflict else []


class ConflictArticlesFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Conflict, slug=slug)

    def title(self, conflict):
        return f"{settings.WAGTAIL_SITE_NAME}: {conflict.name}"

    def link(self, conflict):
        return public_url(self.request, conflict.get_absolute_url())

    def description(self, conflict):
        return escape(conflict.summary or f"Latest reporting on {conflict.name}.")

    def items(self, conflict):
        return self.articles(conflict=conflict)
