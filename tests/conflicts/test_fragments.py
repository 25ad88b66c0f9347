"""Reader pages keep their annotated body, sourcing notes and summary in the shared cache: a page
served from it is byte for byte the page rendered without it, a change to anything it shows is on
the next request, and nothing from a draft, a preview or a private page is ever kept."""

import uuid
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from conflicts import selectors
from conflicts.fragments import PREFIX, page_fragment_key
from conflicts.models import ClaimAttribution
from conflicts.services.claims import claim_change_status
from tests.factories import (
    AnonymousSourceFactory,
    ConflictFactory,
    LocationFactory,
    SourceFactory,
    make_article,
    make_claim,
    make_explainer,
)


@pytest.fixture
def fragments_on(settings):
    """Fragments kept, in a cache of this test's own; the page cache stays off, so every request
    renders the page."""
    settings.CONFLICTS = {**settings.CONFLICTS, "FRAGMENT_CACHE_TIMEOUT": 3600}
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}
    }
    return settings


@pytest.fixture
def story(site_tree):
    conflict = ConflictFactory(slug="idlib")
    place = LocationFactory(name="Morek", slug="morek")
    source = AnonymousSourceFactory(public_label="a security source")
    claim = make_claim(statement="Troops moved overnight.", conflict=conflict, places=[place], sources=[source])
    body = [("paragraph", f'<p><a linktype="claim" id="{claim.pk}">Troops moved</a> near '
                          f'<a linktype="place" id="{place.pk}">Morek</a>, '
                          f'<a linktype="source" id="{source.pk}">a source</a> said.</p>')]
    article = make_article(site_tree["news"], title="Posts", conflict=conflict, places=[place], body=body)
    explainer = make_explainer(site_tree["explainers"], title="The posts", conflict=conflict, claims=[claim],
                               body=body)
    return {"article": article, "explainer": explainer, "claim": claim, "source": source, "place": place}


def uncached(client, settings, path):
    """The page as it renders with no fragment kept."""
    timeout = settings.CONFLICTS["FRAGMENT_CACHE_TIMEOUT"]
    settings.CONFLICTS = {**settings.CONFLICTS, "FRAGMENT_CACHE_TIMEOUT": 0}
    try:
        return client.get(path).content.decode()
    finally:
        settings.CONFLICTS = {**settings.CONFLICTS, "FRAGMENT_CACHE_TIMEOUT": timeout}


def renders_of_parts():
    return mock.patch.object(selectors, "annotated_page_parts", wraps=selectors.annotated_page_parts)


@pytest.mark.parametrize("kind", ["article", "explainer"])
def test_a_page_from_its_kept_fragment_is_the_page_rendered_without_it(client, fragments_on, story, kind):
    path = story[kind].url
    expected = uncached(client, fragments_on, path)
    with renders_of_parts() as renders:
        first = client.get(path).content.decode()
        second = client.get(path).content.decode()
    assert renders.call_count == 1
    assert first == expected and second == expected
    assert 'data-status="unconfirmed"' in second and "a security source" in second


def change_status(story, capture):
    with capture(execute=True):
        claim_change_status(claim=story["claim"], to="denied", by=None, note="Satellite images show no movement.")
    return "denied"


def change_statement(story, capture):
    story["claim"].statement = "Troops withdrew overnight."
    story["claim"].save()
    return "Troops withdrew overnight."


def change_source(story, capture):
    story["source"].public_label = "a defence ministry official"
    story["source"].save()
    return "a defence ministry official"


def change_place(story, capture):
    story["place"].name = "Morek observation post"
    story["place"].save()
    return "Morek observation post"


def add_attribution(story, capture):
    ClaimAttribution.objects.create(claim=story["claim"], source=SourceFactory(public_label="state media"),
                                    how_obtained="", credibility=3, sort_order=2)
    return "state media"


@pytest.mark.parametrize("change", [change_status, change_statement, change_source, change_place, add_attribution])
@pytest.mark.parametrize("kind", ["article", "explainer"])
def test_a_change_to_what_a_page_shows_is_on_the_next_request(
    client, fragments_on, story, kind, change, django_capture_on_commit_callbacks
):
    path = story[kind].url
    client.get(path)
    shown = change(story, django_capture_on_commit_callbacks)
    html = client.get(path).content.decode()
    assert shown in html
    assert html == uncached(client, fragments_on, path)


def test_an_unrelated_change_keeps_the_fragment(client, fragments_on, story, django_capture_on_commit_callbacks):
    other = make_claim(statement="A drone was shot down.", conflict=ConflictFactory())
    client.get(story["article"].url)
    with renders_of_parts() as renders, django_capture_on_commit_callbacks(execute=True):
        claim_change_status(claim=other, to="confirmed", by=None, note="Wreckage found.")
        client.get(story["article"].url)
    assert renders.call_count == 0


def fragment_writes():
    writes = []
    real_set = cache.set

    def record(key, *args, **kwargs):
        if key.startswith(PREFIX):
            writes.append(key)
        return real_set(key, *args, **kwargs)

    return writes, mock.patch.object(cache, "set", side_effect=record)


def test_a_draft_shown_in_preview_is_never_kept(client, fragments_on, story, rf):
    page = story["article"]
    page.body = [("paragraph", "<p>Draft: unverified casualty figures.</p>")]
    revision = page.save_revision()
    writes, spy = fragment_writes()
    with spy:
        preview = revision.as_object().make_preview_request(rf.get("/"))
        live = client.get(page.url).content.decode()
    assert "Draft: unverified" in preview.render().content.decode()
    assert "Draft: unverified" not in live and "Troops moved" in live
    assert len(writes) == 1 and str(page.live_revision_id) in writes[0]


def test_a_page_in_a_private_section_is_never_kept(client, fragments_on, story, superuser):
    PageViewRestriction.objects.create(page=story["article"].get_parent(), restriction_type=PageViewRestriction.LOGIN)
    client.force_login(superuser)
    writes, spy = fragment_writes()
    with spy:
        html = client.get(story["article"].url).content.decode()
    assert "Troops moved" in html
    assert writes == []
    assert page_fragment_key(story["article"], RequestFactory().get(story["article"].url), "annotated") is None


def test_a_page_not_live_has_no_fragment(fragments_on, story):
    page = story["article"]
    page.live = False
    request = RequestFactory().get(page.url)
    assert page_fragment_key(page, request, "annotated") is None
