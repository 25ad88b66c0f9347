"""The leak canary: plants unique strings in every confidential field and looks for them everywhere."""

import re
import uuid
from dataclasses import dataclass, field
from xml.etree import ElementTree

from conflicts.models import CONFIDENTIAL_SOURCE_FIELDS, ClaimStatusChange, FigureStatusChange, Source

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@dataclass
class Canary:
    """One unique marker per confidential value, and every place it was looked for."""

    token: str = field(default_factory=lambda: f"canary{uuid.uuid4().hex}")
    checked: list = field(default_factory=list)

    @property
    def needle(self):
        """What every planted value starts with; searching for the bare token may echo it."""
        return f"{self.token}-confidential"

    @property
    def internal_needle(self):
        """What editors' internal notes start with: shown in the admin, nowhere else."""
        return f"{self.token}-internal-note"

    def value(self, source, field_name):
        return f"{self.token}-{field_name}-{source.pk}"

    def plant(self):
        for source in Source.objects.all():
            for field_name in CONFIDENTIAL_SOURCE_FIELDS:
                setattr(source, field_name, self.value(source, field_name))
            source.save(update_fields=list(CONFIDENTIAL_SOURCE_FIELDS))
        # Editors' internal notes on claim and figure status changes never leave the admin either.
        for history in (ClaimStatusChange, FigureStatusChange):
            changes = list(history.objects.all())
            assert changes, f"the demo has no {history.__name__} rows to plant a note in"
            for change in changes:
                change.internal_note = f"{self.internal_needle}-{history.__name__}-{change.pk}"
                change.save(update_fields=["internal_note"])

    def check(self, where, text, *, admin=False):
        """Records that `where` was checked and fails if the canary is in its text.

        `admin`: an admin screen, where editors may read internal notes (not source identities).
        """
        if isinstance(text, bytes):
            text = text.decode("utf-8", errors="replace")
        self.checked.append(where)
        decoded = text.replace("\\u002D", "-").replace("%2D", "-").replace("%2d", "-")
        assert self.needle not in text, f"Confidential source data leaked in {where}"
        # JSON escapes and URL encoding must not hide a leak either.
        assert self.needle not in decoded, f"Confidential source data leaked (encoded) in {where}"
        if not admin:
            assert self.internal_needle not in decoded, f"An internal note leaked in {where}"

    def check_response(self, where, response, *, admin=False):
        content = b"".join(response.streaming_content) if response.streaming else response.content
        self.check(where, content, admin=admin)
        for name, value in response.items():
            self.check(f"{where} header {name}", value, admin=admin)
        return content


def sitemap_paths(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    paths = []
    for loc in root.iterfind(".//sm:loc", SITEMAP_NS):
        url = loc.text.strip()
        if root.tag.endswith("sitemapindex"):
            paths.extend(sitemap_paths_from(client, url))
        else:
            paths.append(re.sub(r"^https?://[^/]+", "", url))
    return paths


def sitemap_paths_from(client, url):
    response = client.get(re.sub(r"^https?://[^/]+", "", url))
    root = ElementTree.fromstring(response.content)
    return [re.sub(r"^https?://[^/]+", "", loc.text.strip()) for loc in root.iterfind(".//sm:loc", SITEMAP_NS)]


def alternate_links(html):
    """Feed and other alternate links a page advertises."""
    return re.findall(r'<link[^>]+rel="alternate"[^>]+href="([^"]+)"', html)


def concrete_paths(path):
    """Fills {id}-style parameters with the ids of every record of the matching kind."""
    from conflicts.models import Claim, Conflict, Location
    from newsroom.models import ArticlePage, ExplainerPage

    if "{" not in path:
        return [path]
    for prefix, ids in [
        ("/api/v1/articles/", ArticlePage.objects.values_list("pk", flat=True)),
        ("/api/v1/explainers/", ExplainerPage.objects.values_list("pk", flat=True)),
        ("/api/v1/claims/", Claim.objects.values_list("pk", flat=True)),
        ("/api/v1/sources/", Source.objects.values_list("pk", flat=True)),
        ("/api/v1/locations/", Location.objects.values_list("pk", flat=True)),
        ("/api/v1/conflicts/", Conflict.objects.values_list("pk", flat=True)),
    ]:
        if path.startswith(prefix):
            results = []
            for pk in ids:
                concrete = path
                for name in ("{id}", "{pk}"):
                    concrete = concrete.replace(name, str(pk))
                if "{" in concrete:
                    slug_model = Conflict if "conflicts" in prefix else Location
                    slug = slug_model.objects.values_list("slug", flat=True).first()
                    concrete = concrete.replace("{slug}", slug)
                results.append(concrete)
            return results
    return []
