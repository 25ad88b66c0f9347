"""Claim and place pages show what cites them a page at a time; the sitemap is an index of paged sections."""

import json
import re
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ConflictFactory, LocationFactory, SourceFactory, make_article, make_claim, make_explainer
from tests.newsroom.test_reader_pages import sitemap_locations


def cite(site_tree, claim, count, start=0):
    for i in range(start, start + count):
        body = [("paragraph", f'<p><a linktype="claim" id="{claim.pk}">claim</a> in story {i}</p>')]
        make_article(site_tree["news"], title=f"Story {i}", conflict=claim.conflict, body=body)


def claim_review(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return next(item for item in map(json.loads, blocks) if item.get("@type") == "ClaimReview")


def next_link(html):
    found = re.search(r'<link rel="next" href="\?before=([0-9]+-[0-9]+)">', html)
    return found and found.group(1)


def test_a_claim_page_lists_its_citing_pages_twenty_at_a_time_newest_first(client, site_tree):
    claim = make_claim(statement="Posts were shelled", conflict=ConflictFactory(), status="confirmed")
    cite(site_tree, claim, 22)
    make_explainer(site_tree["explainers"], title="The posts", conflict=claim.conflict, claims=[claim],
                   body=[("paragraph", f'<p><a linktype="claim" id="{claim.pk}">claim</a></p>')])
    first = client.get(claim.get_absolute_url()).content.decode()
    titles = re.findall(r'<li class="card"><a href="[^"]+">([^<]+)</a>', first)
    assert titles == ["The posts", *[f"Story {i}" for i in range(21, 2, -1)]]
    assert len(claim_review(first)["itemReviewed"]["appearance"]) == 20
    cursor = next_link(first)
    second = client.get(claim.get_absolute_url(), {"before": cursor}).content.decode()
    assert re.findall(r'<li class="card"><a href="[^"]+">([^<]+)</a>', second) == ["Story 2", "Story 1", "Story 0"]
    assert next_link(second) is None and '<a href="?">Latest</a>' in second
    assert len(claim_review(second)["itemReviewed"]["appearance"]) == 3
    assert client.get(claim.get_absolute_url(), {"before": "x"}).content.decode().count('<li class="card">') == 20


def test_a_deep_page_of_a_claim_costs_what_the_first_costs(client, site_tree):
    claim = make_claim(statement="Posts were shelled", conflict=ConflictFactory(), status="confirmed")
    cite(site_tree, claim, 45)
    first = client.get(claim.get_absolute_url()).content.decode()
    second = client.get(claim.get_absolute_url(), {"before": next_link(first)}).content.decode()
    third_path = f"{claim.get_absolute_url()}?before={next_link(second)}"
    assert section_queries(client, claim.get_absolute_url()) == section_queries(client, third_path)


def test_a_place_page_lists_its_claims_fifty_at_a_time_latest_change_first(client, site_tree):
    conflict = ConflictFactory()
    place = LocationFactory(slug="saraqib")
    for i in range(52):
        make_claim(statement=f"Claim {i}", conflict=conflict, places=[place])
    body = "".join(f'<a linktype="claim" id="{pk}">c</a> ' for pk in place.claims.values_list("pk", flat=True))
    make_article(site_tree["news"], title="Every claim", conflict=conflict, body=[("paragraph", f"<p>{body}</p>")])
    first = client.get("/places/saraqib/").content.decode()
    listed = re.findall(r'<a href="/claims/\d+/">(Claim \d+)</a>', first)
    assert listed == [f"Claim {i}" for i in range(51, 1, -1)]
    second = client.get("/places/saraqib/", {"before": next_link(first)}).content.decode()
    assert re.findall(r'<a href="/claims/\d+/">(Claim \d+)</a>', second) == ["Claim 1", "Claim 0"]
    assert next_link(second) is None


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
