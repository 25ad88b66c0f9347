"""The page cache: anonymous readers get cached public pages, and a committed change purges
exactly the pages, lists, feeds and sitemap that show the changed record, in the cache and at
the CDN."""

import http.server
import socket
import threading
import uuid

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from conflicts.page_cache import path_tag
from conflicts.purges import conflict_tags
from conflicts.services.claims import claim_change_status
from tests.factories import (
    ConflictFactory,
    LocationFactory,
    SourceFactory,
    make_article,
    make_claim,
    make_explainer,
)

PUBLIC = {"public", "max-age=60", "s-maxage=600", "stale-while-revalidate=60"}


@pytest.fixture
def page_cache_on(settings):
    """The page cache on, in a cache of this test's own."""
    settings.CONFLICTS = {**settings.CONFLICTS, "PAGE_CACHE_TIMEOUT": 3600}
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}
    }
    return settings


def cited(claim, words="Troops moved"):
    return [("paragraph", f'<p><a linktype="claim" id="{claim.pk}">{words}</a> overnight.</p>')]


@pytest.fixture
def coverage(site_tree, page_cache_on):
    """A claim carried by two articles and an explainer; another conflict's article and claim."""
    conflict = ConflictFactory(name="Syrian war: Idlib", slug="idlib")
    place = LocationFactory(name="Morek", slug="morek")
    source = SourceFactory(public_label="a security source")
    claim = make_claim(statement="Troops moved overnight.", conflict=conflict, places=[place], sources=[source])
    other_conflict = ConflictFactory(name="Nagorno-Karabakh", slug="karabakh")
    other_claim = make_claim(statement="A drone was shot down.", conflict=other_conflict)
    news, explainers = site_tree["news"], site_tree["explainers"]
    return {
        "page_cache": page_cache_on,
        "claim": claim,
        "other_claim": other_claim,
        "citing": [
            make_article(news, title="First report", conflict=conflict, body=cited(claim)).url,
            make_article(news, title="Second report", conflict=conflict, body=cited(claim)).url,
            make_explainer(explainers, title="The posts", conflict=conflict, claims=[claim]).url,
            claim.get_absolute_url(),
            conflict.get_absolute_url(),
            place.get_absolute_url(),
            source.get_absolute_url(),
            "/sitemap-claims.xml",
        ],
        "unrelated": [
            make_article(news, title="Elsewhere", conflict=other_conflict, body=cited(other_claim)).url,
            other_claim.get_absolute_url(),
            other_conflict.get_absolute_url(),
            "/conflicts/karabakh/feed/",
        ],
    }


def warm(client, paths):
    """Fills the cache with each path and checks the next request is served from it."""
    shown = {}
    for path in paths:
        assert client.get(path)["X-Cache"] == "miss", path
        response = client.get(path)
        assert response["X-Cache"] == "hit", path
        shown[path] = response.content.decode()
    return shown


def shows_status(path, html, status, statement="Troops moved overnight."):
    """The claim shows with `status`; the conflict page lists open claims only, so a settled
    claim shows there by leaving the list."""
    if path.startswith("/conflicts/") and status not in ("unconfirmed", "disputed"):
        return statement not in html
    return f"status-{status}" in html or f'data-status="{status}"' in html


def change_status(claim, to, django_capture_on_commit_callbacks, editor=None):
    with django_capture_on_commit_callbacks(execute=True):
        claim_change_status(claim=claim, to=to, by=editor, note="Confirmed by satellite images.")


def test_a_status_change_shows_on_every_citing_page_and_leaves_the_others_cached(
    client, coverage, django_capture_on_commit_callbacks
):
    before = warm(client, coverage["citing"] + coverage["unrelated"])

    change_status(coverage["claim"], "confirmed", django_capture_on_commit_callbacks)

    for path in coverage["citing"][:-1]:
        response = client.get(path)
        assert response["X-Cache"] == "miss", path
        html = response.content.decode()
        assert not shows_status(path, before[path], "confirmed") and shows_status(path, html, "confirmed"), path
    for sitemap in ("/sitemap.xml", "/sitemap-claims.xml"):
        assert client.get(sitemap)["X-Cache"] == "miss", sitemap
    for path in coverage["unrelated"]:
        assert client.get(path)["X-Cache"] == "hit", path


def test_a_missed_cache_deletion_cannot_leave_a_stale_status(
    client, coverage, django_capture_on_commit_callbacks, monkeypatch
):
    """The cache was unreachable when the purge ran: the database's generation retires the pages."""
    warm(client, coverage["citing"])

    def unreachable(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "delete_many", unreachable)
    change_status(coverage["claim"], "denied", django_capture_on_commit_callbacks)
    monkeypatch.undo()

    for path in coverage["citing"][:-1]:
        response = client.get(path)
        assert response["X-Cache"] == "miss", path
        assert shows_status(path, response.content.decode(), "denied"), path


def test_a_cached_page_costs_one_query(client, coverage, django_assert_num_queries):
    article = coverage["citing"][0]
    client.get(article)
    with django_assert_num_queries(1):
        response = client.get(article)
    assert response["X-Cache"] == "hit"
    assert set(response["Cache-Control"].split(", ")) == PUBLIC


def test_a_cached_page_answers_a_conditional_request_with_304(client, coverage):
    article = coverage["citing"][0]
    etag = client.get(article)["ETag"]
    assert client.get(article)["ETag"] == etag
    response = client.get(article, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response.content == b""


def test_query_variants_of_a_page_are_purged_with_it(client, coverage, django_capture_on_commit_callbacks):
    claim_page = coverage["claim"].get_absolute_url()
    warm(client, [claim_page, f"{claim_page}?page=2"])
    change_status(coverage["claim"], "disputed", django_capture_on_commit_callbacks)
    assert client.get(claim_page)["X-Cache"] == "miss"
    assert client.get(f"{claim_page}?page=2")["X-Cache"] == "miss"


def test_made_up_query_strings_are_not_kept(client, coverage):
    article = coverage["citing"][0]
    for _ in range(2):
        response = client.get(f"{article}?utm_source=x{_}")
        assert response.status_code == 200 and response.get("X-Cache") is None


def test_a_logged_in_editor_never_gets_or_fills_a_cached_page(client, coverage, editor):
    article, claim_page = coverage["citing"][0], coverage["claim"].get_absolute_url()
    warm(client, [article])
    desk = Client()
    desk.force_login(editor)
    for path in (article, claim_page):
        response = desk.get(path)
        assert response.status_code == 200
        assert "X-Cache" not in response
        assert response["Cache-Control"] == "private, no-cache"
    assert client.get(claim_page)["X-Cache"] == "miss"


def test_a_password_form_with_a_csrf_token_is_not_kept(client, coverage, site_tree):
    news = site_tree["news"]
    locked = make_article(news, title="Locked", conflict=ConflictFactory(), body=cited(coverage["claim"]))
    PageViewRestriction.objects.create(page=locked, restriction_type="password", password="s3cret")
    for _ in range(2):
        response = client.get(locked.url)
        assert response.status_code == 200
        assert "csrfmiddlewaretoken" in response.content.decode()
        assert response.get("X-Cache") is None
        assert "public" not in response.get("Cache-Control", "")


def test_a_group_restricted_page_is_never_kept(client, coverage, site_tree):
    news = site_tree["news"]
    members = make_article(news, title="Members", conflict=ConflictFactory())
    restriction = PageViewRestriction.objects.create(page=members, restriction_type="groups")
    restriction.groups.set([Group.objects.create(name="Subscribers")])
    assert client.get(members.url).status_code == 302
    assert client.get(members.url).get("X-Cache") is None


def test_search_and_the_admin_are_not_cached(client, coverage):
    for path in ("/search/?q=troops", "/admin/login/"):
        client.get(path)
        assert client.get(path).get("X-Cache") is None, path


def test_a_publish_purges_its_lists_feeds_and_sitemap_not_other_conflicts(
    client, coverage, site_tree, django_capture_on_commit_callbacks
):
    lists = [site_tree["home"].url, site_tree["news"].url, "/feeds/latest/", "/conflicts/idlib/feed/",
             "/conflicts/idlib/", "/sitemap-pages.xml"]
    warm(client, lists + coverage["unrelated"][1:])
    conflict = coverage["claim"].conflict
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(site_tree["news"], title="Breaking: posts shelled", conflict=conflict)
    for path in lists:
        response = client.get(path)
        assert response["X-Cache"] == "miss", path
        assert article.title in response.content.decode() or path == "/sitemap-pages.xml", path
    assert article.url.split("/")[-2] in client.get("/sitemap-pages.xml").content.decode()
    for path in coverage["unrelated"][1:3]:
        assert client.get(path)["X-Cache"] == "hit", path


def test_an_unpublished_page_disappears_from_its_lists(client, coverage, site_tree, django_capture_on_commit_callbacks):
    from wagtail.models import Page

    first = coverage["citing"][0]
    warm(client, [first, site_tree["news"].url, coverage["claim"].get_absolute_url()])
    page = Page.objects.get(url_path__endswith="/first-report/")
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert client.get(first).status_code == 404
    assert "First report" not in client.get(site_tree["news"].url).content.decode()
    assert "First report" not in client.get(coverage["claim"].get_absolute_url()).content.decode()


def test_a_source_edit_purges_the_pages_that_show_it(client, coverage, django_capture_on_commit_callbacks):
    source = coverage["claim"].attributions.get().source
    warm(client, coverage["citing"] + coverage["unrelated"])
    with django_capture_on_commit_callbacks(execute=True):
        source.public_label = "a military source"
        source.save()
    for path in [source.get_absolute_url(), coverage["claim"].get_absolute_url(), coverage["citing"][0]]:
        response = client.get(path)
        assert response["X-Cache"] == "miss", path
        assert "a military source" in response.content.decode(), path
    for path in coverage["unrelated"]:
        assert client.get(path)["X-Cache"] == "hit", path


def test_a_place_edit_purges_its_page_its_claims_and_its_articles(
    client, coverage, django_capture_on_commit_callbacks
):
    place = coverage["claim"].places.get()
    warm(client, coverage["citing"] + coverage["unrelated"])
    with django_capture_on_commit_callbacks(execute=True):
        place.name = "Murak"
        place.save()
    for path in [place.get_absolute_url(), coverage["claim"].get_absolute_url()]:
        response = client.get(path)
        assert response["X-Cache"] == "miss", path
        assert "Murak" in response.content.decode(), path
    for path in coverage["unrelated"]:
        assert client.get(path)["X-Cache"] == "hit", path


def test_the_disclosures_retire_every_page(client, coverage, site_tree, django_capture_on_commit_callbacks):
    from wagtail.models import Site

    from conflicts.models import DisclosureSettings

    warm(client, coverage["citing"][:2] + coverage["unrelated"][:1])
    with django_capture_on_commit_callbacks(execute=True):
        disclosures = DisclosureSettings.for_site(Site.objects.get(is_default_site=True))
        disclosures.corrections_policy_url = "https://example.org/corrections"
        disclosures.save()
    for path in coverage["citing"][:2] + coverage["unrelated"][:1]:
        response = client.get(path)
        assert response["X-Cache"] == "miss", path
    assert "https://example.org/corrections" in client.get(coverage["citing"][0]).content.decode()


# The CDN: Wagtail's frontend cache with the HTTP PURGE backend, against a local receiver


class PurgeReceiver(http.server.BaseHTTPRequestHandler):
    received = []

    def do_PURGE(self):
        self.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_receiver(page_cache_on):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeReceiver)
    PurgeReceiver.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    page_cache_on.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield PurgeReceiver.received
    server.shutdown()
    server.server_close()


def test_the_cdn_is_asked_to_drop_exactly_the_pages_showing_the_claim(
    coverage, purge_receiver, django_capture_on_commit_callbacks
):
    purge_receiver.clear()
    change_status(coverage["claim"], "confirmed", django_capture_on_commit_callbacks)
    sitemap = coverage["page_cache"].CONFLICTS["PAGE_CACHE_SITEMAP_PATHS"]
    assert "/sitemap-claims.xml" in sitemap
    expected = [*coverage["citing"][:-1], *sitemap]
    assert sorted(purge_receiver) == sorted(("localhost", path) for path in expected)


def test_a_rolled_back_change_purges_nothing(coverage, purge_receiver, django_capture_on_commit_callbacks):
    from django.db import transaction

    purge_receiver.clear()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        claim_change_status(claim=coverage["claim"], to="confirmed", by=None, note="Seen.")
        raise RuntimeError
    assert callbacks == [] and purge_receiver == []


def test_with_the_cache_unreachable_public_pages_are_served_uncached(client, coverage, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "conflicts.cache_backend.OutageTolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    for path in [*coverage["citing"], *coverage["unrelated"], "/feeds/latest/", "/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["X-Cache"] == "miss", path
    assert "Cache get skipped: the cache is unreachable (ConnectionError)." in caplog.messages


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_merge_purges_the_pages_that_showed_the_duplicate(
    client, coverage, admin_user, django_capture_on_commit_callbacks
):
    """Merging rewrites pages without a publish: readers still see the record kept at once."""
    from conflicts.services.merges import merge_records

    duplicate = coverage["claim"]
    keep = make_claim(statement="Troops withdrew from the post.", conflict=duplicate.conflict)
    claim_change_status(claim=keep, to="confirmed", by=None, note="Seen on satellite images.")
    articles = coverage["citing"][:2]
    before = warm(client, articles + coverage["unrelated"])
    assert all(shows_status(path, before[path], "unconfirmed") for path in articles)

    with django_capture_on_commit_callbacks(execute=True):
        merge_records(keep=keep, duplicate=duplicate, user=admin_user, note="Same claim recorded twice.")

    for path in articles:
        response = client.get(path)
        assert response["X-Cache"] == "miss", path
        assert shows_status(path, response.content.decode(), "confirmed"), path
    redirect = client.get(duplicate.get_absolute_url())
    assert redirect.status_code == 301 and redirect["Location"].endswith(keep.get_absolute_url())
    for path in coverage["unrelated"]:
        assert client.get(path)["X-Cache"] == "hit", path


def test_a_figure_status_change_purges_the_pages_showing_it_and_their_tally(
    client, site_tree, page_cache_on, admin_user, django_capture_on_commit_callbacks
):
    from conflicts.services.figures import figure_change_status, figure_create, tally_create

    conflict = ConflictFactory(name="Syrian war: Idlib", slug="idlib")
    other = ConflictFactory(name="Nagorno-Karabakh", slug="karabakh")
    source = SourceFactory(public_label="TRT World")
    tally = tally_create(name="Turkish troops in Idlib", conflict=conflict, is_published=True)
    figure = figure_create(
        counts="troops", low=10000, high=15000, words="between 10,000 and 15,000 troops",
        conflict=conflict, source=source, tally=tally, by=admin_user,
    )
    body = [("paragraph", f'<p>Turkey has <a linktype="figure" id="{figure.pk}">between 10,000 and 15,000 '
                          "troops</a> in Idlib.</p>")]
    article = make_article(site_tree["news"], title="Troops in Idlib", conflict=conflict, body=body)
    showing = [article.url, tally.get_absolute_url(), conflict.get_absolute_url()]
    unrelated = [other.get_absolute_url(), make_article(site_tree["news"], title="Elsewhere", conflict=other).url]
    warm(client, showing + unrelated)

    with django_capture_on_commit_callbacks(execute=True):
        figure_change_status(figure=figure, to="confirmed", by=admin_user, note="The ministry confirmed it.")

    for path in showing:
        assert client.get(path)["X-Cache"] == "miss", path
    for path in unrelated:
        assert client.get(path)["X-Cache"] == "hit", path


def test_a_conflicts_purge_reads_the_same_queries_for_2_and_12_pages(site_tree):
    """The tags of a conflict's outputs (its pages and the indexes listing them) are read in a fixed
    number of queries, not one per page: a conflict edit at 100,000 articles stays one request."""
    conflict = ConflictFactory(slug="idlib")

    def tags_and_queries():
        with CaptureQueriesContext(connection) as captured:
            tags = conflict_tags(conflict)
        return tags, len(captured)

    for n in range(2):
        make_article(site_tree["news"], title=f"Report {n}", conflict=conflict)
    few_tags, few = tags_and_queries()
    for n in range(2, 12):
        make_article(site_tree["news"], title=f"Report {n}", conflict=conflict)
    many_tags, many = tags_and_queries()

    assert many == few
    assert path_tag(site_tree["news"].url) in few_tags
    assert len(many_tags - few_tags) == 10
