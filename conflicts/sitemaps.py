"""Sitemap sections for the extension's public pages (Wagtail's covers the page tree)."""

from django.contrib.sitemaps import Sitemap

from .models import Conflict, Location
from .audience import public_claims, public_sources


class LocationSitemap(Sitemap):
    def items(self):
        return Location.objects.order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ClaimSitemap(Sitemap):
    def items(self):
        return public_claims().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class SourceSitemap(Sitemap):
    def items(self):
        return public_sources().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ConflictSitemap(Sitemap):
    def items(self):
        return Conflict.objects.order_by("pk")

    def lastmod(self, item):
        return item.updated_at
