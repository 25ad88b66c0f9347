"""The tally page and the conflict page's figures and timeline: drawn without JavaScript, public records only."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import ConflictFactory, SourceFactory, make_article, make_claim, make_figure, make_tally

pytestmark = pytest.mark.django_db


@pytest.fixture
def tally(site_tree, conflict):
    make_article(site_tree["news"], title="Idlib report", conflict=conflict)
    wire, agency = SourceFactory(public_label="new reports"), SourceFactory(public_label="a news agency")
    ours = make_figure(conflict=conflict, counts="troops", low=10_000, high=15_000, source=wire,
                       words="between 10,000 and 15,000", event_start=date(2020, 10, 1), event_precision="month")
    later = make_figure(conflict=conflict, counts="troops", best=12_000, source=wire, event_start=date(2020, 11, 2))
    theirs = make_figure(conflict=conflict, counts="troops", low=7_000, high=20_000, source=agency,
                         event_start=date(2020, 10, 15))
    return make_tally(conflict=conflict, name="Turkish troops in Idlib", figures=[ours, later, theirs],
                      used_figure=ours, event_start=date(2020, 10, 1), event_precision="month")


def page(url):
    response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_tally_page_draws_each_source_and_lists_every_figure_beside_the_chart(tally):
    html = page(f"/tallies/{tally.pk}/")
    svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and "<title" in svg and "<script" not in html.split("<main", 1)[1].split("</main>")[0]
    assert re.findall(r'data-source="([^"]+)"', svg) == ["new reports", "a news agency"]
    assert len(re.findall(r"<circle ", svg)) == 3 and svg.count("series-point--used") == 1
    assert svg.count('class="series-line"') == 1  # one source gives two figures: a line joins them
    rows = re.findall(r'<tr id="figure-(\d+)"', html)
    assert [int(pk) for pk in rows] == [figure.pk for figure in tally.figures.order_by("event_start")]
    summary = re.search(r'<p class="tally-summary">(.*?)</p>', html, re.S).group(1)
    assert "between <strong class=\"tally-range-low\">7,000</strong> and" in summary
    assert "20,000" in summary and "we use <strong class=\"tally-used-figure\">10,000–15,000 troops</strong>" in summary
    assert "Used in our text" in re.search(rf'<tr id="figure-{tally.used_figure_id}".*?</tr>', html, re.S).group(0)


def test_an_unpublished_tally_or_one_of_a_conflict_without_public_coverage_is_not_found(tally, conflict):
    draft = make_tally(conflict=conflict, name="Draft", is_published=False)
    uncovered = make_tally(conflict=ConflictFactory(), name="Uncovered")
    assert Client().get(f"/tallies/{draft.pk}/").status_code == 404
    assert Client().get(f"/tallies/{uncovered.pk}/").status_code == 404


def test_the_conflict_page_shows_its_tallies_and_a_timeline_by_event_time(tally, conflict, site_tree):
    from conflicts.models import Claim

    claim = make_claim(statement="Turkey began withdrawing from Morek.", conflict=conflict)
    Claim.objects.filter(pk=claim.pk).update(event_start=date(2020, 10, 20), event_precision="day")
    hidden = make_claim(statement="Not carried by any page.", conflict=conflict)
    Claim.objects.filter(pk=hidden.pk).update(event_start=date(2020, 10, 3))
    make_article(site_tree["news"], title="Morek", conflict=conflict,
                 body=[("paragraph", f'<p><a linktype="claim" id="{claim.pk}">Turkey began withdrawing</a>.</p>')])
    html = page(f"/conflicts/{conflict.slug}/")
    assert f'id="tally-{tally.pk}"' in html and "<svg " in html
    timeline = re.search(r'<ol class="event-timeline">(.*?)</ol>', html, re.S).group(1)
    labels = re.findall(r"<time [^>]*>([^<]+)</time>", timeline)
    assert labels == ["October 2020", "15 October 2020", "20 October 2020", "2 November 2020"]
    assert "Turkey began withdrawing from Morek." in timeline and "Not carried" not in timeline
    assert 'data-precision="month"' in timeline


@pytest.mark.parametrize("url", ["tally", "conflict"])
def test_the_pages_cost_the_same_queries_for_3_and_30_figures(tally, conflict, url):
    source = SourceFactory()
    address = f"/tallies/{tally.pk}/" if url == "tally" else f"/conflicts/{conflict.slug}/"
    client = Client()
    counts = []
    for extra in (0, 27):
        for n in range(extra):
            figure = make_figure(conflict=conflict, counts="troops", best=n + 1, source=source,
                                 event_start=date(2020, 12, 1 + n % 28))
            figure.tally = tally
            figure.save(update_fields=["tally"])
        client.get(address)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(address).content.decode()
        assert html.count('<tr id="figure-') == 3 + extra
        counts.append(len(queries))
    assert counts == [PAGE_QUERIES[url]] * 2


# The conflict page adds one query for when what it shows last changed (its ETag).
PAGE_QUERIES = {"tally": 5, "conflict": 19}


def test_the_conflict_page_draws_its_ten_latest_tallies_however_many_it_has(tally, conflict):
    later = [make_tally(conflict=conflict, name=f"Displaced, week {week}", event_start=date(2021, 1, week))
             for week in range(1, 12)]
    html = page(f"/conflicts/{conflict.slug}/")
    drawn = [int(pk) for pk in re.findall(r'<section class="tally-section" id="tally-(\d+)"', html)]
    assert drawn == [tally.pk for tally in reversed(later)][:10]
