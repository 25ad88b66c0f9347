"""One origin: every URL the site publishes is on the Wagtail Site's origin, whatever host a request names."""

import io
import json
import re
from xml.etree import ElementTree

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Site

from conflicts.links import public_url, site_address, site_origin
from conflicts.models import Claim, Partner, Webhook, WebhookDelivery
from conflicts.services.claims import claim_change_status
from conflicts.services.partners import partner_key_issue
from newsroom.models import ArticlePage, ExplainerPage
from tests.api.conftest import api_client

ORIGIN = "https://news.example.org"
OTHER_HOST = "mirror.example.net"
SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM = "{http://www.w3.org/2005/Atom}"
# Keys whose URLs name other parties: vocabularies, schemas, and evidence the newsroom cites.
FOREIGN_URL_KEYS = {"@context", "schema", "role", "evidence_url", "sameAs"}


@pytest.fixture
def demo(db, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]
    call_command("load_demo", admin_password="correct-horse-battery", site_url=ORIGIN, stdout=io.StringIO())
    return ArticlePage.objects.live().get()


def absolute_urls(data, key=None):
    """Every absolute URL in a JSON document, with the hrefs and srcs of the HTML it carries."""
    if isinstance(data, dict):
        return [url for k, value in data.items() if k not in FOREIGN_URL_KEYS for url in absolute_urls(value, k)]
    if isinstance(data, list):
        return [url for value in data for url in absolute_urls(value, key)]
    if isinstance(data, str):
        if data.startswith(("http://", "https://")):
            return [data]
        if "<" in data:
            return re.findall(r'\b(?:href|src)="([^"]*)"', data)
    return []


def assert_on_origin(urls):
    assert urls
    off = [url for url in urls if not url.startswith(f"{ORIGIN}/")]
    assert off == []


def test_load_demo_sets_the_default_site_from_site_url(demo):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("news.example.org", 443, ORIGIN)
    call_command("load_demo", admin_password="x", site_url="http://127.0.0.1:8000", stdout=io.StringIO())
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8000"


def test_load_demo_without_site_url_keeps_the_site_as_it_is(demo, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    call_command("load_demo", admin_password="x", stdout=io.StringIO())
    assert Site.objects.get(is_default_site=True).root_url == ORIGIN


def test_a_site_url_wagtail_cannot_serve_is_refused_with_the_fix(db):
    with pytest.raises(CommandError, match="port 443 only"):
        call_command("load_demo", admin_password="x", site_url="https://news.example.org:8443", stdout=io.StringIO())
    assert site_address("https://news.example.org/") == ("news.example.org", 443)
    assert site_address("http://127.0.0.1:8000") == ("127.0.0.1", 8000)
    assert site_address("http://localhost") == ("localhost", 80)


def test_urls_come_from_the_site_with_or_without_a_request(demo, rf):
    request = rf.get("/", HTTP_HOST=OTHER_HOST)
    assert site_origin(request) == site_origin() == ORIGIN
    assert public_url(request, "/claims/1/") == f"{ORIGIN}/claims/1/"
    assert public_url(None, "/claims/1/") == f"{ORIGIN}/claims/1/"
    assert public_url(request, "https://elsewhere.example/x") == "https://elsewhere.example/x"


def test_every_sitemap_location_is_on_the_site_origin(client, demo):
    index = ElementTree.fromstring(client.get("/sitemap.xml", HTTP_HOST=OTHER_HOST).content)
    sections = [loc.text for loc in index.iterfind(".//sm:loc", SITEMAP)]
    assert_on_origin(sections)
    locations = []
    for section in sections:
        root = ElementTree.fromstring(client.get(section.removeprefix(ORIGIN), HTTP_HOST=OTHER_HOST).content)
        locations += [loc.text for loc in root.iterfind(".//sm:loc", SITEMAP)]
    assert_on_origin(locations)
    for prefix in ["/claims/", "/places/", "/sources/", "/conflicts/", "/news/"]:
        assert any(loc.startswith(ORIGIN + prefix) for loc in locations), prefix


@pytest.mark.parametrize("path", ["/feeds/latest/", "/conflicts/idlib/feed/"])
def test_every_feed_link_is_on_the_site_origin(client, demo, path):
    response = client.get(path, HTTP_HOST=OTHER_HOST)
    channel = ElementTree.fromstring(response.content).find("channel")
    links = [channel.find("link").text, channel.find(f"{ATOM}link").get("href")]
    assert channel.find(f"{ATOM}link").get("href") == ORIGIN + path
    for item in channel.iterfind("item"):
        links += [item.find("link").text, item.find("guid").text]
    assert len(links) > 2
    assert_on_origin(links)


def jsonld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def test_every_json_ld_url_is_on_the_site_origin(client, demo):
    explainer = ExplainerPage.objects.live().first()
    verdict = Claim.objects.filter(annotations__page=demo, status="confirmed").first()
    urls = []
    for path in [demo.url, explainer.url, verdict.get_absolute_url(), "/places/morek/"]:
        (block,) = jsonld(client.get(path, HTTP_HOST=OTHER_HOST).content.decode())
        urls += absolute_urls(block)
    assert f"{ORIGIN}{demo.url}" in urls and f"{ORIGIN}{verdict.get_absolute_url()}" in urls
    assert_on_origin(urls)


def test_a_pages_open_graph_url_is_on_the_site_origin(client, demo):
    for path in [demo.url, "/places/morek/", "/conflicts/idlib/"]:
        html = client.get(path, {"utm_source": "x"}, HTTP_HOST=OTHER_HOST).content.decode()
        assert f'<meta property="og:url" content="{ORIGIN}{path}">' in html


def test_every_api_link_and_syndicated_body_link_is_on_the_site_origin(demo):
    client = api_client(partner_key_issue(partner=Partner.objects.get(name="Demo Partner"))[1])
    explainer = ExplainerPage.objects.live().first()
    claim = Claim.objects.filter(annotations__page=demo).first()
    paths = [
        "/api/v1/articles/", f"/api/v1/articles/{demo.pk}/", f"/api/v1/articles/{demo.pk}/?format=ninjs",
        f"/api/v1/articles/{demo.pk}/annotations/", "/api/v1/explainers/", f"/api/v1/explainers/{explainer.pk}/",
        "/api/v1/claims/?limit=2", f"/api/v1/claims/{claim.pk}/", "/api/v1/sources/", "/api/v1/locations/?limit=3",
        "/api/v1/locations/?format=geojson&limit=3", "/api/v1/conflicts/",
    ]
    for path in paths:
        response = client.get(path, HTTP_HOST=OTHER_HOST)
        assert response.status_code == 200, path
        assert_on_origin(absolute_urls(response.json()))
    article = client.get(f"/api/v1/articles/{demo.pk}/", HTTP_HOST=OTHER_HOST).json()
    assert (article["url"], article["api_url"]) == (f"{ORIGIN}{demo.url}", f"{ORIGIN}/api/v1/articles/{demo.pk}/")
    claims = client.get("/api/v1/claims/?limit=2", HTTP_HOST=OTHER_HOST).json()
    assert claims["next"].startswith(f"{ORIGIN}/api/v1/claims/?cursor=")


def test_webhook_payload_urls_are_on_the_site_origin(demo, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr("conflicts.services.webhooks._enqueue", lambda ids, run_after=None: None)
    partner = Partner.objects.get(name="Demo Partner")
    Webhook.objects.create(partner=partner, url="https://partner.example/hooks",
                           events=["article.updated", "article.corrected", "claim.status_changed"])
    demo.save_revision().publish()
    claim = Claim.objects.filter(annotations__page=demo, status="unconfirmed").first()
    with django_capture_on_commit_callbacks(execute=True):
        claim_change_status(claim=claim, to="confirmed", by=None, note="Seen on satellite images.")

    article = WebhookDelivery.objects.exclude(event="claim.status_changed").get().payload["article"]
    assert (article["url"], article["api_url"]) == (f"{ORIGIN}{demo.url}", f"{ORIGIN}/api/v1/articles/{demo.pk}/")
    claim_data = WebhookDelivery.objects.get(event="claim.status_changed").payload["claim"]
    assert (claim_data["url"], claim_data["api_url"]) == (
        f"{ORIGIN}/claims/{claim.pk}/", f"{ORIGIN}/api/v1/claims/{claim.pk}/"
    )
