"""The one origin of every URL the site publishes: the Wagtail Site that serves the request.

Sitemap, feeds, JSON-LD, API links, syndicated HTML and webhooks all build absolute URLs here,
from the same Site record Wagtail uses for page URLs, so no output mixes hosts whatever host
name a request arrived with.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from urllib.parse import urljoin, urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.html import format_html
from wagtail.rich_text import RichText
from wagtail.rich_text.rewriters import LinkRewriter

# The public URL of the page whose body is rendered for syndication; None on the site's own pages.
_syndication_base = ContextVar("syndication_base", default=None)


def site_for(request=None):
    """The Wagtail Site serving the request, else the default Site (Wagtail's own fallback)."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        raise ImproperlyConfigured(
            "No default Wagtail Site: mark one site as default in Settings > Sites "
            "(or run `manage.py load_demo` with SITE_URL set)."
        )
    return site


def site_origin(request=None):
    """`scheme://host[:port]` of the serving Site, as Wagtail writes it in page URLs."""
    return site_for(request).root_url


def public_url(request, path):
    """The absolute public URL of a site path; a URL that already names its host is kept."""
    if not path or urlsplit(path).scheme or path.startswith("//"):
        return path
    return site_origin(request) + ("" if path.startswith("/") else "/") + path


def site_address(url):
    """(hostname, port) for a Wagtail Site from a URL such as https://news.example.org.

    Wagtail's Site writes https only for port 443 and http otherwise, so an https origin on
    another port cannot be represented and is refused with the fix.
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{url!r} is not a site URL: write it as https://news.example.org or http://host:port")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValueError(f"{url!r}: a Wagtail Site is a host at its root; drop the path")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if parts.scheme == "https" and port != 443:
        raise ValueError(
            f"{url!r}: Wagtail serves https origins on port 443 only; drop the port or use http://"
        )
    if parts.scheme == "http" and port == 443:
        raise ValueError(f"{url!r}: port 443 is written https:// by Wagtail; use https://{parts.hostname}")
    return parts.hostname, port


# Syndicated HTML: rendered for a partner's page rather than the site's own


@contextmanager
def syndicated_rendering(page_url):
    """Renders rich text for partners: every link and image absolute (relative ones resolved
    against the page's public URL), and no reference to anything outside the body."""
    token = _syndication_base.set(page_url)
    try:
        yield
    finally:
        _syndication_base.reset(token)


def is_syndicated_rendering():
    return _syndication_base.get() is not None


def body_url(url):
    """A URL written into a body: absolute when rendering for syndication, else as given."""
    base = _syndication_base.get()
    if base is None or not url:
        return url
    return urljoin(base, url)


class SiteRelativeLinkRewriter(LinkRewriter):
    """Finds stored links with a path as href (the link chooser accepts /paths), which Wagtail's
    rewriter leaves alone, so that syndicated HTML can make them absolute."""

    def get_tag_type_from_attrs(self, attrs):
        href = attrs.get("href", "")
        if "linktype" in attrs or not href or href.startswith("#") or urlsplit(href).scheme:
            return None
        return "site-relative"


SITE_RELATIVE_LINKS = SiteRelativeLinkRewriter(
    bulk_rules={"site-relative": lambda attrs_list: [
        format_html('<a href="{}">', body_url(attrs["href"])) for attrs in attrs_list
    ]}
)


def rich_text_for_rendering(value):
    """The rich text a body block renders: unchanged on the site, site-relative links made
    absolute (in the stored form, before Wagtail expands it) when rendering for syndication."""
    if not is_syndicated_rendering() or not value:
        return value
    return RichText(SITE_RELATIVE_LINKS(value.source))
