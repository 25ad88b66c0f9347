"""Figures in the standard formats: W3C Web Annotation bodies and IPTC ninjs, schema-valid."""

import pytest

from conflicts.api.v1.formats import FIGURE_ROLE
from tests.api.schemas import ninjs_validator, web_annotation_validator
from tests.factories import SourceFactory, make_article, make_figure, make_tally

pytestmark = pytest.mark.django_db


def errors(validator, instance):
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]


@pytest.fixture
def figures(conflict):
    wire = SourceFactory(public_label="new reports", kind="unspecified_reports")
    tallied = make_figure(conflict=conflict, counts="troops", low=10_000, high=15_000,
                          words="between 10,000 and 15,000", source=wire)
    make_tally(conflict=conflict, name="Turkish troops in Idlib", figures=[tallied], used_figure=tallied)
    untallied = make_figure(conflict=conflict, counts="posts", best=12, words="12")
    return tallied, untallied


@pytest.fixture
def article(site_tree, conflict, figures):
    tallied, untallied = figures
    body = (f'<p>Turkey has <a linktype="figure" id="{tallied.pk}">between 10,000 and 15,000 troops</a> and '
            f'<a linktype="figure" id="{untallied.pk}">12</a> posts.</p>')
    return make_article(site_tree["news"], title="Troops", conflict=conflict, body=[("paragraph", body)])


def test_figures_are_annotations_with_the_figure_and_its_description(client_for, article, figures):
    tallied, untallied = figures
    page = client_for.get(f"/api/v1/articles/{article.pk}/annotations/").json()
    assert errors(web_annotation_validator(), page) == []
    assert [item["motivation"] for item in page["items"]] == ["describing", "describing"]
    bodies = [item["body"] for item in page["items"]]
    root = article.get_site().root_url
    assert bodies[0][0] == {
        "type": "SpecificResource", "source": f"{root}/tallies/{tallied.tally_id}/#figure-{tallied.pk}",
        "purpose": "identifying",
    }
    assert bodies[0][1]["value"] == "Figure (unconfirmed): 10,000–15,000 troops (“between 10,000 and 15,000”), from new reports"
    assert bodies[1][0]["source"] == f"{root}/api/v1/figures/{untallied.pk}/"
    assert bodies[1][1]["value"] == "Figure (unconfirmed): 12 military posts (“12”), from no source given"
    quote = page["items"][0]["target"]["selector"][0]["refinedBy"]
    assert quote["exact"] == "between 10,000 and 15,000 troops"


def test_the_untallied_figure_of_an_article_is_a_resource_the_partner_may_fetch(client_for, article, figures):
    response = client_for.get(f"/api/v1/figures/{figures[1].pk}/")
    assert (response.status_code, response.json()["best"]) == (200, 12)


def test_ninjs_gives_figures_as_trust_indicators_and_their_tally_as_an_event(client_for, article, figures):
    tallied, untallied = figures
    item = client_for.get(f"/api/v1/articles/{article.pk}/", {"format": "ninjs"}).json()
    assert errors(ninjs_validator(), item) == []
    root = article.get_site().root_url
    observed = [indicator for indicator in item["trustindicators"] if indicator["role"] == FIGURE_ROLE]
    assert observed == [
        {"role": FIGURE_ROLE, "title": "Figure (unconfirmed): 10,000–15,000 troops (“between 10,000 and 15,000”), "
                                       "from new reports",
         "href": f"{root}/tallies/{tallied.tally_id}/#figure-{tallied.pk}"},
        {"role": FIGURE_ROLE, "title": "Figure (unconfirmed): 12 military posts (“12”), from no source given",
         "href": f"{root}/api/v1/figures/{untallied.pk}/"},
    ]
    assert item["events"] == [{"name": "Turkish troops in Idlib", "rel": "counted",
                               "uri": f"{root}/tallies/{tallied.tally_id}/", "literal": f"tally-{tallied.tally_id}"}]


def test_an_article_without_figures_has_no_events_in_ninjs(client_for, site_tree, conflict):
    article = make_article(site_tree["news"], conflict=conflict)
    item = client_for.get(f"/api/v1/articles/{article.pk}/", {"format": "ninjs"}).json()
    assert "events" not in item
    assert errors(ninjs_validator(), item) == []
