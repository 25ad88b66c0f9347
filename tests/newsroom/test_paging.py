"""Claim and place pages show what cites them a page at a time; the sitemap is an index of paged sections."""

import json
import re
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ConflictFactory, LocationFactory, SourceFactory, make_article, make_claim
from tests.newsroom.test_reader_pages import sitemap_locations


def cite(site_tree, claim, count, start=0):
    for i in range(start, start + count):
        body = [("paragraph", f'<p><a linktype="claim" id="{claim.pk}">claim</a> in story {i}</p>')]
        make_article(site_tree["news"], title=f"Story {i}", conflict=claim.conflict, body=body)


def claim_review(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return next(item for item in map(json.loads, blocks) if item.get("@type") == "ClaimReview")


def test_a_claim_page_lists_its_citing_pages_twenty_at_a_time(client, site_tree):
    claim = make_claim(statement="Posts were shelled", conflict=ConflictFactory(), status="confirmed")
    cite(site_tree, claim, 23)
    first = client.get(claim.get_absolute_url()).content.decode()
    assert first.count('<li class="card">') == 20
    assert '<link rel="next" href="?page=2">' in first and 'rel="prev"' not in first
    assert len(claim_review(first)["itemReviewed"]["appearance"]) == 20
    second = client.get(claim.get_absolute_url(), {"page": 2}).content.decode()
    assert second.count('<li class="card">') == 3
    assert '<link rel="prev" href="?page=1">' in second and '<link rel="next"' not in second
    assert len(claim_review(second)["itemReviewed"]["appearance"]) == 3
    assert client.get(claim.get_absolute_url(), {"page": "x"}).status_code == 200


def test_a_place_page_lists_its_claims_fifty_at_a_time(client, site_tree):
    conflict = ConflictFactory()
    place = LocationFactory(slug="saraqib")
    for i in range(52):
        make_claim(statement=f"Claim {i}", conflict=conflict, places=[place])
    body = "".join(f'<a linktype="claim" id="{pk}">c</a> ' for pk in place.claims.values_list("pk", flat=True))
    make_article(site_tree["news"], title="Every claim", conflict=conflict, body=[("paragraph", f"<p>{body}</p>")])
    first = client.get("/places/saraqib/").content.decode()
    assert first.count('class="status status-') == 50
    assert '<link rel="next" href="?page=2">' in first
    second = client.get("/places/saraqib/", {"page": 2}).content.decode()
    assert second.count('class="status status-') == 2


def section_queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


# The index reads each section's lowest and highest keys; a section page those, its items and the site.
SECTIONS = {"/sitemap.xml": 14, "/sitemap-pages.xml": 9, "/sitemap-claims.xml": 5, "/sitemap-sources.xml": 5,
            "/sitemap-places.xml": 4, "/sitemap-conflicts.xml": 4}


def test_each_sitemap_section_costs_the_same_queries_whatever_its_size(client, site_tree):
    def add(start, stop):
        for i in range(start, stop):
            claim = make_claim(statement=f"Claim {i}", conflict=ConflictFactory(), sources=[SourceFactory()],
                               places=[LocationFactory()])
            cite(site_tree, claim, 1, start=i)

    add(0, 2)
    small = {path: section_queries(client, path) for path in SECTIONS}
    add(2, 12)
    large = {path: section_queries(client, path) for path in SECTIONS}
    assert large == small
    assert small == SECTIONS


def test_the_sitemap_index_lists_every_page_of_a_section(client, site_tree):
    for i in range(3):
        make_claim(statement=f"Claim {i}", conflict=ConflictFactory(), places=[LocationFactory()])
    with mock.patch("conflicts.sitemaps.LocationSitemap.limit", 2):
        index = client.get("/sitemap.xml").content.decode()
        assert "/sitemap-places.xml</loc>" in index and "/sitemap-places.xml?p=2</loc>" in index
        assert client.get("/sitemap-places.xml", {"p": 2}).content.decode().count("<url>") == 1


def sitemap_listing(client, section):
    """The paths a section lists over all its pages, and the number of pages the index gives it."""
    pages = [path for path in sitemap_locations(client, "/sitemap.xml") if path.startswith(f"/sitemap-{section}.xml")]
    listed = [path for page in pages for path in sitemap_locations(client, page)]
    assert len(listed) == len(set(listed))
    return set(listed), len(pages)


def test_the_sitemap_index_and_sections_stay_exact_as_claims_and_pages_go_public_or_private(client, site_tree):
    conflict = ConflictFactory()
    claims = [make_claim(statement=f"Claim {i}", conflict=conflict) for i in range(5)]

    def publish(title, *cited):
        body = "".join(f'<a linktype="claim" id="{claim.pk}">claim</a> ' for claim in cited)
        return make_article(site_tree["news"], title=title, conflict=conflict, body=[("paragraph", f"<p>{body}</p>")])

    def expected(*public):
        keys = [claim.pk for claim in public]
        return {claim.get_absolute_url() for claim in public}, (max(keys) - min(keys)) // 2 + 1

    with mock.patch("conflicts.sitemaps.ClaimSitemap.limit", 2), mock.patch("conflicts.sitemaps.PageSitemap.limit", 2):
        assert sitemap_listing(client, "claims") == (set(), 1)
        first = publish("First", claims[0], claims[3])
        assert sitemap_listing(client, "claims") == expected(claims[0], claims[3])
        second = publish("Second", claims[1])
        assert sitemap_listing(client, "claims") == expected(claims[0], claims[1], claims[3])
        first.unpublish()
        assert sitemap_listing(client, "claims") == expected(claims[1])
        pages, _ = sitemap_listing(client, "pages")
        assert second.url in pages and first.url not in pages
