"""Sitemap sections for the extension's public pages (Wagtail's covers the page tree).

Django's sitemap framework writes each URL on the request's host; these sections write them
on the site's one origin instead (links.site_origin), the host Wagtail's page section uses.
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from .audience import public_claims, public_sources
from .links import site_origin
from .models import Conflict, Location


class PublicSitemap(WagtailSitemap):
    """A section of records with get_absolute_url(), on the origin of the Site serving the request.

    Based on Wagtail's sitemap only so that its view hands each section the request.
    """

    location = DjangoSitemap.location
    _urls = DjangoSitemap._urls

    def get_urls(self, page=1, site=None, protocol=None):
        origin = urlsplit(site_origin(self.request))
        return self._urls(page, origin.scheme, origin.netloc)

    def lastmod(self, item):
        return item.updated_at


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


# The extension's sections, for a site's sitemap beside Wagtail's page section:
# `sitemap(request, sitemaps={"pages": wagtail.contrib.sitemaps.Sitemap, **SITEMAPS})`.
SITEMAPS = {
    "conflicts": ConflictSitemap,
    "places": LocationSitemap,
    "claims": ClaimSitemap,
    "sources": SourceSitemap,
}
