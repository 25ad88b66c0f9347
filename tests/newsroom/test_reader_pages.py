"""Reader pages: sitemap, feeds, structured data, search, what unpublished records show,
and query counts that do not grow with the content."""

import io
import json
import re
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conflicts.models import Claim, Location
from conflicts.services.claims import claim_change_status
from newsroom.models import ArticlePage
from tests.factories import (
    AnonymousSourceFactory,
    ConflictFactory,
    LocationFactory,
    make_article,
    make_claim,
    make_explainer,
)

SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def demo(db):
    call_command("load_demo", admin_password="correct-horse-battery", stdout=io.StringIO())
    return ArticlePage.objects.live().get()


def jsonld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def sitemap_locations(client, path):
    root = ElementTree.fromstring(client.get(path).content)
    return [re.sub(r"^https?://[^/]+", "", loc.text) for loc in root.iterfind(".//sm:loc", SITEMAP)]


def test_every_sitemap_url_answers_200_and_covers_every_kind_of_page(client, demo):
    sections = sitemap_locations(client, "/sitemap.xml")
    assert sorted(sections) == sorted(f"/sitemap-{name}.xml" for name in ["pages", "conflicts", "places", "claims", "sources"])
    paths = [path for section in sections for path in sitemap_locations(client, section)]
    for path in paths:
        assert client.get(path).status_code == 200, path
    assert demo.url in paths
    for prefix in ["/places/", "/claims/", "/conflicts/", "/sources/", "/explainers/"]:
        assert any(path.startswith(prefix) for path in paths), prefix
    assert len(paths) == len(set(paths))


def test_records_only_unpublished_coverage_cites_stay_private(client, site_tree):
    conflict = ConflictFactory()
    claim = make_claim(statement="Only a draft says this", conflict=conflict)
    source = AnonymousSourceFactory()
    body = [("paragraph", f'<p><a linktype="claim" id="{claim.pk}">x</a> <a linktype="source" id="{source.pk}">y</a></p>')]
    make_article(site_tree["news"], title="Draft", conflict=conflict, body=body, publish=False, live=False)
    assert client.get(claim.get_absolute_url()).status_code == 404
    assert client.get(source.get_absolute_url()).status_code == 404
    assert claim.get_absolute_url() not in client.get("/sitemap.xml").content.decode()
    make_article(site_tree["news"], title="Published", conflict=conflict, body=body)
    assert client.get(claim.get_absolute_url()).status_code == 200
    assert client.get(source.get_absolute_url()).status_code == 200


def test_article_claim_and_place_pages_carry_schema_org_json_ld(client, demo):
    article = jsonld(client.get(demo.url).content.decode())
    assert [block["@type"] for block in article] == ["NewsArticle"]
    assert article[0]["headline"] == demo.title
    assert article[0]["mentions"] and article[0]["contentLocation"]

    verdicts = Claim.objects.filter(annotations__page=demo, status__in=["confirmed", "false", "denied", "disputed"]).distinct()
    assert verdicts.exists()
    for claim in verdicts:
        (review,) = jsonld(client.get(claim.get_absolute_url()).content.decode())
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == claim.statement
        assert review["reviewRating"]["alternateName"] == claim.get_status_display()
    unconfirmed = Claim.objects.filter(annotations__page=demo, status="unconfirmed").first()
    assert jsonld(client.get(unconfirmed.get_absolute_url()).content.decode()) == []

    (place,) = jsonld(client.get("/places/morek/").content.decode())
    morek = Location.objects.get(slug="morek")
    assert place["@type"] == "Place"
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": float(morek.latitude), "longitude": float(morek.longitude)}


def test_json_ld_cannot_be_broken_out_of(client, site_tree):
    conflict = ConflictFactory()
    claim = make_claim(statement="</script><script>alert(1)</script>", conflict=conflict, status="false")
    make_article(site_tree["news"], title="Escape", conflict=conflict,
                 body=[("paragraph", f'<p><a linktype="claim" id="{claim.pk}">x</a></p>')])
    html = client.get(claim.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert jsonld(html)[0]["claimReviewed"] == claim.statement


def rss_items(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == "rss" and root.find("channel/title").text
    return [(item.find("title").text, item.find("link").text) for item in root.iterfind("channel/item")]


def test_feeds_parse_as_rss_and_are_linked_from_the_pages(client, site_tree):
    idlib, karabakh = ConflictFactory(name="Idlib", slug="idlib"), ConflictFactory(name="Karabakh", slug="karabakh")
    make_article(site_tree["news"], title="Posts withdrawn", conflict=idlib)
    make_article(site_tree["news"], title="Ceasefire holds", conflict=karabakh)
    assert {title for title, _ in rss_items(client.get("/feeds/latest/"))} == {"Posts withdrawn", "Ceasefire holds"}
    assert [title for title, _ in rss_items(client.get("/conflicts/idlib/feed/"))] == ["Posts withdrawn"]
    assert client.get("/conflicts/nowhere/feed/").status_code == 404
    article_html = client.get("/news/posts-withdrawn/").content.decode()
    assert 'rel="alternate" type="application/rss+xml"' in article_html
    assert 'href="/conflicts/idlib/feed/"' in article_html
    assert 'href="/conflicts/idlib/feed/"' in client.get("/conflicts/idlib/").content.decode()


def test_search_finds_each_type_and_filters(client, demo):
    html = client.get("/search/", {"q": "Morek"}).content.decode()
    kinds = set(re.findall(r'data-kind="(\w+)"', html))
    assert {"article", "place"} <= kinds
    html = client.get("/search/", {"q": "observation", "type": "claim"}).content.decode()
    assert set(re.findall(r'data-kind="(\w+)"', html)) == {"claim"}
    html = client.get("/search/", {"q": "observation", "conflict": "no-such-conflict"}).content.decode()
    assert "Select a valid choice" in html and 'data-kind="' not in html
    html = client.get("/search/", {"q": "<b>Morek</b>"}).content.decode()
    assert "<b>Morek</b>" not in html


def test_explainer_index_filters_and_paginates(client, site_tree):
    conflict, other = ConflictFactory(slug="idlib"), ConflictFactory(slug="karabakh")
    place = LocationFactory(slug="saraqib")
    for n in range(12):
        make_explainer(site_tree["explainers"], title=f"Explainer {n}", conflict=conflict if n % 2 else other,
                       places=[place] if n < 3 else [])
    def cards(html):
        return re.findall(r'<li class="card">', html)
    assert len(cards(client.get("/explainers/").content.decode())) == 10
    assert len(cards(client.get("/explainers/", {"page": 2}).content.decode())) == 2
    assert len(cards(client.get("/explainers/", {"conflict": "idlib"}).content.decode())) == 6
    assert len(cards(client.get("/explainers/", {"place": "saraqib"}).content.decode())) == 3
    assert len(cards(client.get("/explainers/", {"place": "saraqib", "conflict": "idlib"}).content.decode())) == 1
    assert client.get("/explainers/", {"page": "many"}).status_code == 200


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200, path
    return len(captured)


def coverage(site_tree, conflict, place, n):
    """n claims with status histories, n sources and n sub-places, cited by n articles and n explainers."""
    for i in range(n):
        source = AnonymousSourceFactory(public_label=f"source {n}-{i}")
        claim = make_claim(statement=f"Claim {n}-{i}", conflict=conflict, places=[place], sources=[source])
        claim_change_status(claim=claim, to="disputed", by=None, note="Denied by the other side.")
        child = LocationFactory(name=f"Village {n}-{i}", parent=place)
        child.conflicts.add(conflict)
        body = [("paragraph", f'<p><a linktype="claim" id="{claim.pk}">c</a> <a linktype="source" id="{source.pk}">s</a> '
                              f'<a linktype="place" id="{child.pk}">p</a></p>')]
        make_article(site_tree["news"], title=f"Article {n}-{i}", conflict=conflict, places=[place, child], body=body)
        make_explainer(site_tree["explainers"], title=f"Explainer {n}-{i}", conflict=conflict, places=[place], claims=[claim])
    return claim, source


# Exact queries of each page for an anonymous reader, the same with 2 and with 10 of everything
# (Wagtail pages: routing by site and path levels, when the page last changed, then its context;
# a claim page also reads the history of claims merged into it, a conflict page its tallies and its
# timeline of claims and figures).
PAGE_QUERIES = {
    "home": 10, "article": 22, "explainer": 18, "explainer-index": 12, "claim": 12, "place": 14, "conflict": 19,
    "source": 6, "search": 10, "feed": 4,
}


@pytest.mark.parametrize("page_type", list(PAGE_QUERIES))
def test_page_queries_do_not_grow_with_content(client, site_tree, page_type):
    conflict = ConflictFactory(slug="idlib")
    place = LocationFactory(slug="idlib-province")
    place.conflicts.add(conflict)

    def path(claim, source, n):
        return {
            "home": "/", "article": f"/news/article-{n}-0/", "explainer": f"/explainers/explainer-{n}-0/",
            "explainer-index": "/explainers/", "claim": claim.get_absolute_url(), "place": "/places/idlib-province/",
            "conflict": "/conflicts/idlib/", "source": source.get_absolute_url(), "search": "/search/?q=Claim",
            "feed": "/feeds/latest/",
        }[page_type]

    claim, source = coverage(site_tree, conflict, place, 2)
    client.get(path(claim, source, 2))  # warm Wagtail's site and content-type caches
    small = queries(client, path(claim, source, 2))
    claim, source = coverage(site_tree, conflict, place, 8)
    large = queries(client, path(claim, source, 8))
    assert large == small, f"{page_type}: {small} queries with 2 of everything, {large} with 8 more"
    assert small == PAGE_QUERIES[page_type]


# With the fragments of reader pages kept (conflicts.fragments), exact queries of an article's first
# request, which renders its fragment, and of the next, which reads it: the fragment's version (the
# page's visibility and purge generation) is one query; the records its body annotates (claims, who
# says them, sources, places) are read only to render it.
FRAGMENT_QUERIES = {"miss": 23, "hit": 19}


def test_article_queries_with_kept_fragments_do_not_grow_with_content(client, site_tree, settings):
    settings.CONFLICTS = {**settings.CONFLICTS, "FRAGMENT_CACHE_TIMEOUT": 3600}
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "fragment-queries"}}
    conflict = ConflictFactory(slug="idlib")
    place = LocationFactory(slug="idlib-province")
    counts = {}
    for n in (2, 8):
        coverage(site_tree, conflict, place, n)
        client.get(f"/news/article-{n}-1/")  # warm Wagtail's site and content-type caches
        path = f"/news/article-{n}-0/"
        counts[n] = {"miss": queries(client, path), "hit": queries(client, path)}
    assert counts[2] == counts[8] == FRAGMENT_QUERIES
