"""Withdrawing a story: recorded, 410 Gone for readers, tombstone and canceled ninjs for partners,
and an `article.withdrawn` webhook to the partners who received it, end to end over HTTP."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from conflicts.models import PageTombstone, PageWithdrawal, Partner, Webhook
from conflicts.services.partners import partner_key_issue
from conflicts.services.withdrawals import page_withdraw
from tests.api.schemas import ninjs_validator
from tests.api.test_webhooks import Receiver
from tests.factories import ConflictFactory, UserFactory, make_article

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REASON = "Court injunction 2026/118: the family named in paragraph 4 is at risk."


@pytest.fixture
def receivers():
    started = []
    yield lambda: started.append(Receiver()) or started[-1]
    for one in started:
        one.close()


def outlet(name, conflict, url):
    partner = Partner.objects.create(name=name, rate_limit="1000/minute")
    partner.conflicts.set([conflict])
    partner.save()
    Webhook.objects.create(partner=partner, url=url, events=["article.withdrawn", "article.unpublished"])
    return Client(HTTP_AUTHORIZATION=f"Api-Key {partner_key_issue(partner=partner)[1]}")


def standards_editor():
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="withdraw_page"))
    return type(user).objects.get(pk=user.pk)


def test_a_withdrawn_story_is_gone_for_readers_and_partners_are_told_to_remove_it(site_tree, receivers, client):
    idlib = ConflictFactory(name="Syrian war: Idlib", slug="idlib")
    receiving, elsewhere = receivers(), receivers()
    partner = outlet("Partner Outlet", idlib, receiving.url)
    outlet("Other Outlet", ConflictFactory(name="Nagorno-Karabakh", slug="karabakh"), elsewhere.url)
    article = make_article(site_tree["news"], title="Families named at Morek", conflict=idlib)
    uri = partner.get(f"/api/v1/articles/{article.pk}/", {"format": "ninjs"}).json()["uri"]
    desk = standards_editor()

    withdrawal = page_withdraw(page=article, reason=f"  {REASON} ", by=desk)

    article.refresh_from_db()
    assert article.live is False
    assert (withdrawal.page_id, withdrawal.reason, withdrawal.withdrawn_by) == (article.pk, REASON, desk)
    assert withdrawal.url == "/news/families-named-at-morek/"

    response = client.get("/news/families-named-at-morek/")
    assert response.status_code == 410
    page = response.content.decode()
    assert "This story has been withdrawn" in page
    assert "Families named at Morek" not in page and "injunction" not in page

    [(headers, body)] = receiving.requests
    event = json.loads(body)
    assert event["type"] == "article.withdrawn"
    assert event["data"]["reason"] == "withdrawn"
    assert event["data"]["must_remove_copy"] is True
    assert event["data"]["article"]["id"] == article.pk
    assert event["data"]["tombstone_api_url"] == f"http://localhost/api/v1/tombstones/{article.pk}/"
    assert b"injunction" not in body
    assert elsewhere.requests == []

    [tombstone] = partner.get("/api/v1/tombstones/").json()["results"]
    assert tombstone == {
        "page_id": article.pk,
        "page_type": "article",
        "url": "http://localhost/news/families-named-at-morek/",
        "api_url": f"http://localhost/api/v1/tombstones/{article.pk}/",
        "reason": "withdrawn",
        "removed_at": tombstone["removed_at"],
        "must_remove_copy": True,
        "notice": "Withdrawn for legal or safety reasons: remove your copy now, "
                  "with every cached or archived version of it.",
    }

    assert partner.get(f"/api/v1/articles/{article.pk}/").status_code == 404
    response = partner.get(f"/api/v1/tombstones/{article.pk}/", {"format": "ninjs"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ninjs+json"
    item = response.json()
    assert list(ninjs_validator().iter_errors(item)) == []
    assert (item["uri"], item["pubstatus"], item["representationtype"]) == (uri, "canceled", "partial")
    assert item["ednote"] == tombstone["notice"]
    assert "headlines" not in item and "bodies" not in item


def test_publishing_a_withdrawn_story_again_lifts_the_withdrawal(site_tree, client):
    article = make_article(site_tree["news"], title="Reinstated")
    page_withdraw(page=article, reason="Safety of a source, pending review.", by=None)
    assert client.get(article.url).status_code == 410

    article.save_revision().publish()

    assert client.get(article.url).status_code == 200
    assert PageWithdrawal.objects.in_force().count() == 0
    assert PageWithdrawal.objects.get().lifted_at is not None
    assert not PageTombstone.objects.exists()
    article.refresh_from_db()
    article.unpublish()
    assert client.get(article.url).status_code == 404
    assert PageTombstone.objects.get().reason == "unpublished"


def test_an_unpublished_story_is_not_found_not_gone(site_tree, client):
    article = make_article(site_tree["news"], title="Just unpublished")
    url = article.url
    article.unpublish()
    assert client.get(url).status_code == 404


def test_withdrawing_needs_the_permission_and_a_reason_and_changes_nothing_otherwise(site_tree):
    article = make_article(site_tree["news"], title="Still live")
    with pytest.raises(PermissionDenied):
        page_withdraw(page=article, reason=REASON, by=UserFactory())
    with pytest.raises(ValidationError) as refused:
        page_withdraw(page=article, reason="   ", by=standards_editor())
    assert "reason" in refused.value.message_dict
    article.refresh_from_db()
    assert article.live is True
    assert not PageWithdrawal.objects.exists() and not PageTombstone.objects.exists()


def test_only_a_live_story_can_be_withdrawn(site_tree):
    draft = make_article(site_tree["news"], title="Never published", publish=False, live=False)
    with pytest.raises(ValidationError, match="Only a live page can be withdrawn"):
        page_withdraw(page=draft, reason=REASON, by=None)
    assert not PageWithdrawal.objects.exists()


def test_a_partner_that_takes_only_unpublished_events_is_still_told_of_a_withdrawal(site_tree, receivers):
    idlib = ConflictFactory(name="Syrian war: Idlib", slug="idlib")
    both, unpublished_only = receivers(), receivers()
    outlet("Partner Outlet", idlib, both.url)
    older = Partner.objects.create(name="Older Outlet")
    older.conflicts.set([idlib])
    older.save()
    Webhook.objects.create(partner=older, url=unpublished_only.url, events=["article.unpublished"])
    article = make_article(site_tree["news"], title="Families named at Morek", conflict=idlib)

    page_withdraw(page=article, reason=REASON, by=None)

    assert [json.loads(body)["type"] for _, body in both.requests] == ["article.withdrawn"]
    [(_, body)] = unpublished_only.requests
    event = json.loads(body)
    assert (event["type"], event["data"]["reason"], event["data"]["must_remove_copy"]) == (
        "article.unpublished", "withdrawn", True
    )
