"""What readers see, in a real browser: every page type of the demo, checked with axe-core,
photographed at desktop and phone widths."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from conflicts.models import Annotation, Claim, Location, Tally
from newsroom.models import ArticlePage

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


@pytest.fixture
def demo(db):
    call_command("load_demo", admin_password="correct-horse-battery", stdout=io.StringIO())
    return ArticlePage.objects.live().get()


@pytest.fixture
def reader(browser, live_server):
    """A page per viewport; CSP is bypassed only so that the test can inject axe-core."""
    contexts = []

    def open_page(viewport):
        context = browser.new_context(base_url=live_server.url, viewport=WIDTHS[viewport], bypass_csp=True)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def serious_violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        (violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]][:3])
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def page_types(article):
    claim = Claim.objects.filter(annotations__page=article, status_changes__from_status__gt="").distinct().first()
    claim = claim or Annotation.objects.filter(page=article, kind="claim").first().claim
    return {
        "home": "/",
        "article": article.url,
        "news-index": "/news/",
        "explainer-index": "/explainers/",
        "explainer": "/explainers/idlib-observation-posts/",
        "claim": claim.get_absolute_url(),
        "place": "/places/morek/",
        "conflict": f"/conflicts/{article.conflict.slug}/",
        "tally": Tally.objects.get().get_absolute_url(),
        "source": Annotation.objects.filter(page=article, kind="source").first().source.get_absolute_url(),
        "search": "/search/?q=observation",
        "standards": "/unnamed-sources/",
    }


@pytest.mark.parametrize("viewport", WIDTHS)
def test_every_page_type_is_accessible_and_photographed(demo, reader, artifacts_dir, viewport):
    page = reader(viewport)
    for name, path in page_types(demo).items():
        response = page.goto(path)
        assert response.status == 200, (name, path)
        page.wait_for_load_state("load")
        assert serious_violations(page) == [], (name, path)
        if viewport == "phone":
            # Nothing wider than the phone: no sideways scrolling.
            assert page.evaluate("document.documentElement.scrollWidth") <= 375, (name, path)
        page.screenshot(path=str(artifacts_dir / f"reader-{name}-{viewport}.png"), full_page=True)


def test_the_article_shows_its_sourcing_summary_and_map(demo, page):
    """With the site's Content Security Policy in force: the map must work under it."""
    violations = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
    page.goto(demo.url)
    rows = Annotation.objects.filter(page=demo)
    claims = Claim.objects.filter(pk__in=rows.filter(kind="claim").values("claim_id"))
    summary = page.locator(".sourcing-summary")
    assert int(summary.locator("[data-summary=claims] strong").inner_text()) == claims.count()
    for status in set(claims.values_list("status", flat=True)):
        shown = summary.locator(f"[data-summary=claims] [data-status={status}]").get_attribute("data-count")
        assert int(shown) == claims.filter(status=status).count()
    sources = rows.filter(kind="source").values("source_id").distinct().count()
    assert int(summary.locator("[data-summary=sources] strong").inner_text()) == sources
    anonymous = rows.filter(kind="source", source__is_anonymous=True).values("source_id").distinct().count()
    assert int(summary.locator("[data-summary=anonymous] strong").inner_text()) == anonymous
    assert "Why we granted anonymity" in summary.inner_text()

    # Leaflet draws the places; the list with coordinates is there whatever happens to the tiles.
    page.wait_for_selector(".map.map--ready .leaflet-marker-icon", state="attached")
    points = [place for place in demo.places.all()
              if place.has_point and not place.geometry and not place.is_known_by_centre_only]
    assert page.locator(".map .leaflet-marker-icon").count() == len(points)
    assert page.locator(".place-list li").count() == demo.places.count()
    unmapped = [place for place in demo.places.all() if place.is_known_by_centre_only]
    assert page.locator(".place-list .place-unmapped").count() == len(unmapped)
    assert page.locator(".place-list .coordinates").count() >= 1
    assert violations == []


def test_the_sourcing_summary_leads_to_the_desks_unnamed_sources_policy(demo, reader):
    page = reader("desktop")
    page.goto(demo.url)
    link = page.locator(".sourcing-summary [data-disclosure=unnamedSourcesPolicy]")
    assert link.inner_text() == "Unnamed sources policy"
    # The link is absolute, on the default Site's origin rather than the test server's.
    href = link.get_attribute("href")
    assert href == "http://localhost/unnamed-sources/"
    assert page.goto(href.removeprefix("http://localhost")).status == 200
    assert page.locator("h1").inner_text() == "Unnamed sources"
    assert "at risk" in page.locator("article").inner_text()


DRAWN_OUTSIDE_THE_MAP = """() => {
    const box = document.querySelector(".map").getBoundingClientRect();
    const inside = (x, y) => box.left <= x && x <= box.right && box.top <= y && y <= box.bottom;
    const outside = [];
    document.querySelectorAll(".map .leaflet-marker-icon").forEach((icon, i) => {
        const r = icon.getBoundingClientRect();
        if (!inside(r.left + r.width / 2, r.bottom)) outside.push(`marker ${i} tip at ${r.left + r.width / 2},${r.bottom}`);
    });
    document.querySelectorAll(".map .leaflet-overlay-pane path").forEach((path, i) => {
        const r = path.getBoundingClientRect();
        if (!inside(r.left, r.top) || !inside(r.right, r.bottom)) outside.push(`line ${i} at ${r.left},${r.top}`);
    });
    return outside;
}"""


@pytest.mark.parametrize("viewport", WIDTHS)
def test_the_article_map_shows_every_precise_place_of_the_story_on_first_paint_and_no_country_pin(
        demo, reader, viewport):
    page = reader(viewport)
    page.goto(demo.url)
    page.wait_for_selector(".map.map--ready .leaflet-marker-icon", state="attached")
    points = [place for place in demo.places.all()
              if place.has_point and not place.geometry and not place.is_known_by_centre_only]
    lines = [place for place in demo.places.all() if place.geometry]
    assert {place.slug for place in points} == {"shir-maghar", "morek", "tal-touqan", "sheik-aqil"}
    assert page.locator(".map .leaflet-marker-icon").count() == len(points) == 4
    assert page.locator(".map .leaflet-overlay-pane path").count() == len(lines) == 2
    assert page.evaluate(DRAWN_OUTSIDE_THE_MAP) == []


def test_a_claim_page_lists_every_status_change(demo, reader):
    claim = Claim.objects.filter(annotations__page=demo).distinct().order_by("-pk").first()
    changes = list(claim.status_changes.order_by("changed_at"))
    page = reader("desktop")
    page.goto(claim.get_absolute_url())
    entries = page.locator(".timeline__entry")
    assert entries.count() == len(changes)
    for entry, change in zip(entries.all(), changes, strict=True):
        assert entry.get_attribute("data-status") == change.to_status
        assert change.note in entry.inner_text()
    assert page.locator("h1").inner_text() == claim.statement
    assert demo.title in page.locator("main").inner_text()


def test_the_explainer_filter_narrows_the_list(demo, reader):
    page = reader("phone")
    page.goto("/explainers/")
    everything = page.locator(".card-list .card").count()
    assert everything >= 3
    place = Location.objects.filter(slug="m4-highway").get()
    page.select_option("#filter-place", place.slug)
    page.get_by_role("button", name="Show explainers").click()
    page.wait_for_url("**place=m4-highway**")
    narrowed = page.locator(".card-list .card").count()
    assert 1 <= narrowed < everything
    assert page.locator("#filter-place").input_value() == "m4-highway"


def test_place_and_claim_pages_carry_their_structured_data(demo, reader):
    page = reader("desktop")
    page.goto("/places/morek/")
    data = json.loads(page.locator('script[type="application/ld+json"]').inner_text())
    assert data["@type"] == "Place" and data["geo"]["@type"] == "GeoCoordinates"
