"""RSS feeds: the latest articles, and the latest articles of one conflict."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404

from .models import Conflict
from . import coverage

FEED_LENGTH = 30


class LatestArticlesFeed(Feed):
    title = f"{settings.WAGTAIL_SITE_NAME}: latest articles"
    link = "/news/"
    description = "The newsroom's latest conflict reporting."

    def articles(self, **filters):
        pages = coverage.articles(**filters).live().public().order_by("-first_published_at", "-pk")
        return coverage.specific_pages(pages[:FEED_LENGTH], select=("conflict",))

    def items(self):
        return self.articles()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return item.url

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
        return conflict.get_absolute_url()

    def description(self, conflict):
        return conflict.summary or f"Latest reporting on {conflict.name}."

    def items(self, conflict):
        return self.articles(conflict=conflict)
