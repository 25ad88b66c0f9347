"""Sitemap sections for the extension's public pages (Wagtail's covers the page tree), and an index
of their pages.

Django's sitemap framework writes each URL on the request's host; these sections and the index
write them on the site's one origin instead (links.site_origin), the host Wagtail's page section
uses. Each section is paged at SECTION_LIMIT items, and a page of a section costs the same queries
whatever the number of items; the index reads each section's count and latest change with an
aggregate, never its items.
"""

from dataclasses import replace
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.db.models import Max
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import index as wagtail_sitemap_index

from .audience import public_claims, public_sources
from .links import site_origin
from .models import Conflict, Location

SECTION_LIMIT = 5000


class PageSitemap(WagtailSitemap):
    """Wagtail's section of the page tree, paged at SECTION_LIMIT."""

    limit = SECTION_LIMIT

    def get_latest_lastmod(self):
        return self.items().order_by().aggregate(latest=Max("last_published_at"))["latest"]


class PublicSitemap(WagtailSitemap):
    """A section of records with get_absolute_url(), on the origin of the Site serving the request.

    Based on Wagtail's sitemap only so that its view hands each section the request.
    """

    limit = SECTION_LIMIT
    location = DjangoSitemap.location
    _urls = DjangoSitemap._urls

    def get_urls(self, page=1, site=None, protocol=None):
        origin = urlsplit(site_origin(self.request))
        return self._urls(page, origin.scheme, origin.netloc)

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return self.items().order_by().aggregate(latest=Max("updated_at"))["latest"]


class LocationSitemap(PublicSitemap):
    def items(self):
        return Location.objects.current().order_by("pk")


class ClaimSitemap(PublicSitemap):
    def items(self):
        return public_claims().order_by("pk")


class SourceSitemap(PublicSitemap):
    def items(self):
        return public_sources().order_by("pk")


class ConflictSitemap(PublicSitemap):
    def items(self):
        return Conflict.objects.order_by("pk")


def sitemap_index(request, sitemaps, **kwargs):
    """Django's sitemap index (through Wagtail's view, which hands sections the request), with each
    section's address on the site's one origin."""
    response = wagtail_sitemap_index(request, sitemaps, **kwargs)
    origin = site_origin(request)
    response.context_data["sitemaps"] = [
        replace(item, location=on_origin(item.location, origin)) for item in response.context_data["sitemaps"]
    ]
    return response


def on_origin(url, origin):
    parts = urlsplit(url)
    return origin + parts.path + (f"?{parts.query}" if parts.query else "")


# The extension's sections, for a site's sitemap beside Wagtail's page section:
# `sitemap(request, sitemaps={"pages": PageSitemap, **SITEMAPS})`, or paged behind an index
# (`sitemap_index` at sitemap.xml, `wagtail.contrib.sitemaps.views.sitemap` for each section).
SITEMAPS = {
    "conflicts": ConflictSitemap,
    "places": LocationSitemap,
    "claims": ClaimSitemap,
    "sources": SourceSitemap,
}
