"""The one origin of every URL the site publishes: the Wagtail Site that serves the request.

Sitemap, feeds, JSON-LD, API links and webhooks all build absolute URLs here,
from the same Site record Wagtail uses for page URLs, so no output mixes hosts whatever host
name a request arrived with.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


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

