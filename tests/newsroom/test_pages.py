"""The site's pages render for readers, with query counts that do not grow with content."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import ConflictFactory, LocationFactory, make_article, make_claim, make_explainer

pytestmark = pytest.mark.django_db

DEMO_ARTICLE_URL = "/news/turkey-withdraw-idlib-observation-posts/"


def test_demo_article_is_served_with_its_places_byline_and_dateline(client):
    call_command("load_demo", admin_password="demo-password-for-tests", stdout=io.StringIO())
    response = client.get(DEMO_ARTICLE_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Shir Maghar" in html
    assert "TRT World" in html
    assert "IDLIB PROVINCE" in html
    assert "Turkey set to withdraw from several observation posts in Idlib" in html


def test_article_rules_place_pages_in_the_tree(site_tree):
    from newsroom.models import ArticleIndexPage, ArticlePage, ExplainerPage, HomePage

    assert ArticlePage.can_create_at(site_tree["news"])
    assert not ArticlePage.can_create_at(site_tree["explainers"])
    assert not ArticlePage.can_create_at(site_tree["home"])
    assert ExplainerPage.can_create_at(site_tree["explainers"])
    assert ArticleIndexPage.can_create_at(site_tree["home"])
    assert not HomePage.can_create_at(site_tree["home"])


def test_standards_pages_sit_under_the_home_page_only(site_tree):
    from newsroom.models import StandardsPage

    assert StandardsPage.can_create_at(site_tree["home"])
    assert not StandardsPage.can_create_at(site_tree["news"])
    assert not StandardsPage.can_create_at(site_tree["explainers"])


def test_an_editor_can_open_the_standards_page_form_under_home(client, site_tree, superuser):
    client.force_login(superuser)
    response = client.get(f"/admin/pages/add/newsroom/standardspage/{site_tree['home'].pk}/")
    assert response.status_code == 200
    assert 'name="intro"' in response.content.decode()


def test_a_standards_page_renders_its_sections_for_an_anonymous_reader(site_tree):
    from newsroom.models import StandardsPage

    page = StandardsPage(
        title="Unnamed sources", slug="unnamed-sources", intro="When we grant anonymity.",
        body=[{"type": "section", "value": {"heading": "Anonymity is the exception",
                                             "text": "<p>Only when a source is <b>at risk</b>.</p>"}}],
    )
    site_tree["home"].add_child(instance=page)
    page.save_revision().publish()
    response = Client().get("/unnamed-sources/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Unnamed sources</h1>" in html
    assert "When we grant anonymity." in html
    assert "<h2>Anonymity is the exception</h2>" in html
    assert "<p>Only when a source is <b>at risk</b>.</p>" in html


def build_article(site_tree, size):
    conflict = ConflictFactory()
    places = [LocationFactory() for _ in range(size)]
    explainers = [
        make_explainer(site_tree["explainers"], title=f"Explainer {size}-{i}", conflict=conflict)
        for i in range(size)
    ]
    return make_article(
        site_tree["news"], title=f"Article with {size}", conflict=conflict, places=places,
        explainers=explainers, dateline_place=places[0],
    )


def build_explainer(site_tree, size):
    conflict = ConflictFactory()
    places = [LocationFactory() for _ in range(size)]
    claims = [make_claim(statement=f"Claim {size}-{i}", conflict=conflict, places=places[:1]) for i in range(size)]
    return make_explainer(
        site_tree["explainers"], title=f"Explainer with {size}", conflict=conflict, places=places, claims=claims
    )


def count_queries(url):
    client = Client()
    client.get(url)  # warm caches that are not per-request (site root, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("builder", [build_article, build_explainer], ids=["article", "explainer"])
def test_page_queries_do_not_grow_with_places_claims_or_explainers(site_tree, builder):
    small = builder(site_tree, 2)
    large = builder(site_tree, 20)
    assert count_queries(small.url) == count_queries(large.url)
