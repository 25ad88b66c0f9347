"""Sitemap sections for the extension's public pages (Wagtail's covers the page tree), and an index
of their pages.

Django's sitemap framework writes each URL on the request's host; these sections and the index
write them on the site's one origin instead (links.site_origin), the host Wagtail's page section
uses. Each section is split by ranges of primary keys (KeysetSections), so the index and every
page of a section cost the same queries and time whatever the number of items: the index reads
each section's lowest and highest keys, a page reads the items of its key range, and nothing counts or
offsets through every public record.
"""

from dataclasses import replace
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import index as wagtail_sitemap_index

from .audience import public_claims, public_sources
from .links import site_origin
from .models import Conflict, Location

SECTION_LIMIT = 5000


class KeysetSections(Paginator):
    """The pages of a sitemap section by key range: page n holds the items whose primary key is
    among the per_page keys from first + (n - 1) × per_page, `first` being the lowest key of an
    item, read through the key's index; the number of pages follows from the highest key. A page
    holds at most per_page items, fewer where keys are missing or their records are not public,
    and is valid (possibly empty) up to the last. A site serving its sections in one sitemap.xml
    without the index shows the first range only: serve the index (`sitemap_index`)."""

    @cached_property
    def first_key(self):
        return self.object_list.order_by("pk").values_list("pk", flat=True).first()

    @cached_property
    def num_pages(self):
        last = self.object_list.order_by("-pk").values_list("pk", flat=True).first()
        return (last - self.first_key) // self.per_page + 1 if last is not None else 1

    def page(self, number):
        number = self.validate_number(number)
        start = (self.first_key or 0) + (number - 1) * self.per_page
        return self._get_page(self.object_list.filter(pk__gte=start, pk__lt=start + self.per_page), number, self)


class KeysetSitemap:
    """A sitemap section paged by KeysetSections, at SECTION_LIMIT items a page.

    The index gives no lastmod for it: the latest change of every public item is a read of every
    one of them; each URL in the section carries its own lastmod."""

    limit = SECTION_LIMIT

    @property
    def paginator(self):
        return KeysetSections(self._items(), self.limit)

    def get_latest_lastmod(self):
        return None


class PageSitemap(KeysetSitemap, WagtailSitemap):
    """Wagtail's section of the page tree."""


class PublicSitemap(KeysetSitemap, WagtailSitemap):
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
