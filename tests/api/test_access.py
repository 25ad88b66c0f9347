"""Who may read what: the key, the partner's standing, its conflicts, and only live content."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from conflicts.models import PartnerKey
from conflicts.services.partners import partner_key_issue, partner_key_revoke
from tests.api.conftest import api_client, away_from_a_window_edge
from tests.factories import ConflictFactory, make_article, make_explainer


@pytest.fixture
def coverage(site_tree, conflict):
    other = ConflictFactory(name="Nagorno-Karabakh", slug="karabakh")
    return {
        "live": make_article(site_tree["news"], title="Live report", conflict=conflict),
        "draft": make_article(site_tree["news"], title="Draft report", conflict=conflict, publish=False, live=False),
        "other": make_article(site_tree["news"], title="Other conflict", conflict=other),
        "explainer": make_explainer(site_tree["explainers"], title="Background", conflict=conflict),
    }


def ids(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


def test_no_key_is_401_with_a_challenge(client, coverage):
    response = client.get("/api/v1/articles/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Api-Key")
    assert client.get(f"/api/v1/articles/{coverage['live'].pk}/").status_code == 401


@pytest.mark.parametrize("header", ["Api-Key nonsense", "Api-Key cdk_abc_def", "Api-Key ", "Bearer something"])
def test_unknown_or_malformed_keys_are_401(client, coverage, header):
    response = client.get("/api/v1/articles/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert "detail" in response.json()


def test_revoked_key_is_401_and_other_keys_keep_working(partner, coverage):
    old, old_plain = partner_key_issue(partner=partner, name="old server")
    _, new_plain = partner_key_issue(partner=partner, name="new server")
    assert api_client(old_plain).get("/api/v1/articles/").status_code == 200
    partner_key_revoke(key=old)
    assert api_client(old_plain).get("/api/v1/articles/").status_code == 401
    assert api_client(new_plain).get("/api/v1/articles/").status_code == 200


def test_inactive_partner_is_403(partner, client_for, coverage):
    partner.is_active = False
    partner.save()
    response = client_for.get("/api/v1/articles/")
    assert response.status_code == 403
    assert "suspended" in response.json()["detail"]


def test_other_partners_conflict_is_404_and_not_listed(client_for, coverage):
    assert coverage["live"].pk in ids(client_for.get("/api/v1/articles/"))
    assert coverage["other"].pk not in ids(client_for.get("/api/v1/articles/"))
    assert client_for.get(f"/api/v1/articles/{coverage['other'].pk}/").status_code == 404
    assert client_for.get(f"/api/v1/articles/{coverage['other'].pk}/?format=ninjs").status_code == 404
    assert client_for.get(f"/api/v1/conflicts/{coverage['other'].conflict_id}/").status_code == 404


def test_drafts_private_and_unpublished_pages_are_404(client_for, coverage):
    draft = coverage["draft"]
    assert draft.pk not in ids(client_for.get("/api/v1/articles/"))
    assert client_for.get(f"/api/v1/articles/{draft.pk}/").status_code == 404

    live = coverage["live"]
    live.save_revision()  # unpublished changes stay out of the API
    restricted = PageViewRestriction.objects.create(page=live, restriction_type="password", password="x")
    assert client_for.get(f"/api/v1/articles/{live.pk}/").status_code == 404
    restricted.delete()
    assert client_for.get(f"/api/v1/articles/{live.pk}/").status_code == 200

    live.unpublish()
    assert client_for.get(f"/api/v1/articles/{live.pk}/").status_code == 404
    explainer = coverage["explainer"]
    assert client_for.get(f"/api/v1/explainers/{explainer.pk}/").status_code == 200
    explainer.unpublish()
    assert client_for.get(f"/api/v1/explainers/{explainer.pk}/").status_code == 404


def test_a_draft_edit_of_a_live_article_is_not_served(client_for, coverage):
    live = coverage["live"]
    live.title = "Unpublished headline"
    live.save_revision()
    body = client_for.get(f"/api/v1/articles/{live.pk}/").json()
    assert body["headline"] == "Live report"


def test_create_partner_key_prints_the_key_last_and_keeps_only_a_digest(partner, coverage):
    out = io.StringIO()
    call_command("create_partner_key", partner.name, "--name", "cms", stdout=out)
    plaintext = out.getvalue().strip().splitlines()[-1]
    key = PartnerKey.objects.get(name="cms")
    assert plaintext.startswith(f"cdk_{key.prefix}_")
    assert key.digest != plaintext and plaintext not in key.digest
    assert api_client(plaintext).get("/api/v1/articles/").status_code == 200


def test_create_partner_key_for_an_unknown_partner_fails_clearly(partner):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No partner named 'Nobody'. Partners: Partner Outlet"):
        call_command("create_partner_key", "Nobody", stdout=io.StringIO())


def test_throttled_partner_gets_429_with_retry_after(partner, client_for, coverage):
    from django.core.cache import cache

    cache.clear()
    partner.rate_limit = "3/minute"
    partner.save()
    away_from_a_window_edge()
    statuses = [client_for.get("/api/v1/conflicts/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client_for.get("/api/v1/conflicts/")
    assert response.status_code == 429
    # Until the three admitted requests' share of the sliding minute falls to two: the rest of
    # this window and a third of the next.
    assert 20 < int(response["Retry-After"]) <= 80


def test_bad_filter_values_are_400_with_the_reason(client_for, coverage):
    response = client_for.get("/api/v1/articles/", {"updated_since": "last tuesday"})
    assert response.status_code == 400
    assert "updated_since" in response.json()
    response = client_for.get("/api/v1/claims/", {"status": "probably"})
    assert response.status_code == 400
    assert "status" in response.json()
    response = client_for.get("/api/v1/articles/", {"q": "x" * 500})
    assert response.status_code == 400
    assert client_for.get("/api/v1/articles/", {"cursor": "garbage"}).status_code == 400
    assert client_for.get("/api/v1/articles/", {"format": "ninjs"}).status_code == 406
    unknown = client_for.get("/api/v1/articles/", {"format": "xml"})
    assert unknown.status_code == 404
    assert "Unknown format 'xml'" in unknown.json()["detail"]
