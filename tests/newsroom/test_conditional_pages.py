"""Reader pages answer a conditional request 304 before building anything, and never once a record they show changed."""

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conflicts.services.claims import claim_change_status
from tests.factories import (
    AnonymousSourceFactory,
    ConflictFactory,
    LocationFactory,
    make_article,
    make_claim,
    make_explainer,
)


def coverage(site_tree, size):
    conflict = ConflictFactory(slug=f"conflict-{size}")
    place = LocationFactory(slug=f"province-{size}")
    place.conflicts.add(conflict)
    spans, claims = [], []
    for i in range(size):
        source = AnonymousSourceFactory(public_label=f"source {size}-{i}")
        village = LocationFactory(name=f"Village {size}-{i}", parent=place)
        claim = make_claim(statement=f"Claim {size}-{i}", conflict=conflict, places=[village], sources=[source])
        claims.append(claim)
        spans.append(f'<p><a linktype="claim" id="{claim.pk}">c{i}</a> <a linktype="source" id="{source.pk}">s{i}</a> '
                     f'<a linktype="place" id="{village.pk}">p{i}</a></p>')
    body = [("paragraph", "".join(spans))]
    article = make_article(site_tree["news"], title=f"Article {size}", conflict=conflict, places=[place], body=body)
    explainer = make_explainer(site_tree["explainers"], title=f"Explainer {size}", conflict=conflict, claims=claims, body=body)
    return {
        "article": article.url, "explainer": explainer.url, "claim": claims[0].get_absolute_url(),
        "place": place.get_absolute_url(), "conflict": conflict.get_absolute_url(),
        "source": claims[0].attributions.first().source.get_absolute_url(), "claim_record": claims[0],
    }


PAGES = ["article", "explainer", "claim", "place", "conflict", "source"]
# Queries of a 304: finding the page (Wagtail routes by the site and each level of the path) or
# the record, then one for when what it shows last changed (a place also reads the places inside it).
NOT_MODIFIED = {"article": 7, "explainer": 7, "claim": 3, "place": 4, "conflict": 2, "source": 3}


@pytest.mark.parametrize("size", [2, 20])
def test_an_unchanged_page_is_answered_304_without_rendering(client, site_tree, size):
    paths = coverage(site_tree, size)
    etags = {}
    for page in PAGES:
        response = client.get(paths[page])
        assert response.status_code == 200
        etags[page] = response["ETag"]
    counts = {}
    with mock.patch("django.template.response.SimpleTemplateResponse.render") as render, \
            mock.patch("conflicts.selectors.annotated_body") as body:
        for page in PAGES:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(paths[page], HTTP_IF_NONE_MATCH=etags[page])
            assert response.status_code == 304, page
            assert response["ETag"] == etags[page]
            counts[page] = len(queries)
    assert not render.called and not body.called
    assert counts == NOT_MODIFIED


def test_a_claims_status_change_reaches_every_page_showing_it(client, site_tree):
    paths = coverage(site_tree, 2)
    shown = ["article", "explainer", "claim", "place", "conflict", "source"]
    etags = {page: client.get(paths[page])["ETag"] for page in shown}
    claim_change_status(claim=paths["claim_record"], to="false", by=None, note="Footage was from 2019.")
    for page in shown:
        response = client.get(paths[page], HTTP_IF_NONE_MATCH=etags[page])
        assert response.status_code == 200, page
        assert response["ETag"] != etags[page]


def test_a_page_revalidated_by_date_is_304_until_it_changes(client, site_tree):
    paths = coverage(site_tree, 2)
    last_modified = client.get(paths["article"])["Last-Modified"]
    assert client.get(paths["article"], HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_an_editor_always_gets_the_page(client, site_tree, superuser):
    paths = coverage(site_tree, 2)
    etag = client.get(paths["article"])["ETag"]
    client.force_login(superuser)
    assert client.get(paths["article"], HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_figures_status_change_reaches_the_article_and_conflict_showing_it(client, site_tree, superuser):
    from conflicts.services.figures import figure_change_status, figure_create

    conflict = ConflictFactory(slug="figures")
    figure = figure_create(counts="troops", low=10000, high=15000, conflict=conflict, by=superuser)
    body = [("paragraph", f'<p><a linktype="figure" id="{figure.pk}">between 10,000 and 15,000 troops</a></p>')]
    paths = [make_article(site_tree["news"], title="Troops", conflict=conflict, body=body).url,
             conflict.get_absolute_url()]
    etags = {path: client.get(path)["ETag"] for path in paths}
    assert all(client.get(path, HTTP_IF_NONE_MATCH=etags[path]).status_code == 304 for path in paths)
    figure_change_status(figure=figure, to="disputed", by=superuser, note="Kurdish sources give half.")
    for path in paths:
        response = client.get(path, HTTP_IF_NONE_MATCH=etags[path])
        assert response.status_code == 200, path
        assert response["ETag"] != etags[path]
