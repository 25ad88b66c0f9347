"""Merged records for partners: a tombstone naming the record kept, on its detail and in sync lists,
and a signed `*.merged` webhook to the partners who may receive them."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from conflicts.models import Claim, Location, Source, Webhook
from conflicts.services.merges import merge_records
from tests.api.test_webhooks import receiver  # noqa: F401  (the partner's HTTP endpoint fixture)
from tests.factories import ConflictFactory, LocationFactory, SourceFactory, make_article, make_claim


def carrying(*records):
    kinds = {Claim: "claim", Source: "source", Location: "place"}
    spans = " ".join(f'<a linktype="{kinds[type(r)]}" id="{r.pk}">words</a>' for r in records)
    return [("paragraph", f"<p>{spans}</p>")]


@pytest.mark.django_db
def test_a_merged_claim_is_a_tombstone_naming_the_claim_kept(client_for, conflict, site_tree, superuser):
    keep = make_claim(statement="Turkey withdrew from Morek.", conflict=conflict)
    duplicate = make_claim(statement="Turkish troops left Morek.", conflict=conflict)
    make_article(site_tree["news"], title="Posts", conflict=conflict, body=carrying(duplicate))
    Claim.objects.filter(pk__in=[keep.pk, duplicate.pk]).update(updated_at=timezone.now() - timedelta(days=2))
    since = timezone.now() - timedelta(days=1)

    merge_records(keep=keep, duplicate=duplicate, user=superuser, note="")

    detail = client_for.get(f"/api/v1/claims/{duplicate.pk}/").json()
    assert detail["merged_into"] == {
        "id": keep.pk,
        "url": f"http://localhost/claims/{keep.pk}/",
        "api_url": f"http://localhost/api/v1/claims/{keep.pk}/",
    }
    assert client_for.get(f"/api/v1/claims/{keep.pk}/").json()["merged_into"] is None
    changed = client_for.get("/api/v1/claims/", {"updated_since": since.isoformat()}).json()["results"]
    assert {item["id"]: item["merged_into"] and item["merged_into"]["id"] for item in changed} == {
        keep.pk: None, duplicate.pk: keep.pk,
    }


@pytest.mark.django_db
def test_merged_sources_and_places_are_tombstones_too(client_for, conflict, site_tree, superuser):
    source_kept, source_merged = SourceFactory(), SourceFactory()
    place_kept, place_merged = LocationFactory(), LocationFactory()
    place_merged.conflicts.add(conflict)
    make_article(site_tree["news"], title="Posts", conflict=conflict,
                 body=carrying(source_merged, place_merged, source_kept, place_kept))

    merge_records(keep=source_kept, duplicate=source_merged, user=superuser, note="")
    merge_records(keep=place_kept, duplicate=place_merged, user=superuser, note="")

    assert client_for.get(f"/api/v1/sources/{source_merged.pk}/").json()["merged_into"]["id"] == source_kept.pk
    assert client_for.get(f"/api/v1/locations/{place_merged.pk}/").json()["merged_into"]["id"] == place_kept.pk
    feature = client_for.get(f"/api/v1/locations/{place_merged.pk}/", {"format": "geojson"}).json()
    assert feature["properties"]["merged_into"] == place_kept.pk


@pytest.mark.django_db
def test_a_partner_sees_no_tombstone_of_a_record_it_may_not_receive(client_for, site_tree, superuser):
    elsewhere = ConflictFactory(name="Nagorno-Karabakh")
    keep = make_claim(statement="Shelling near Stepanakert.", conflict=elsewhere)
    duplicate = make_claim(statement="Stepanakert shelled.", conflict=elsewhere)
    make_article(site_tree["news"], title="Karabakh", conflict=elsewhere, body=carrying(duplicate))

    merge_records(keep=keep, duplicate=duplicate, user=superuser, note="")

    assert client_for.get(f"/api/v1/claims/{duplicate.pk}/").status_code == 404


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_partners_who_received_the_claim_get_a_signed_merge_event(receiver, site_tree, superuser):  # noqa: F811
    from conflicts.models import Partner
    from conflicts.services.webhooks import SIGNATURE_HEADER, webhook_signature_verify

    endpoint = receiver()
    conflict = ConflictFactory(name="Syrian war: Idlib", slug="idlib")
    partner = Partner.objects.create(name="Partner Outlet")
    partner.conflicts.set([conflict])
    partner.save()
    webhook = Webhook.objects.create(partner=partner, url=endpoint.url, events=["claim.merged"])
    other = Partner.objects.create(name="Elsewhere")
    other.conflicts.set([ConflictFactory(name="Nagorno-Karabakh")])
    other.save()
    Webhook.objects.create(partner=other, url=endpoint.url, events=["claim.merged"])
    keep = make_claim(statement="Turkey withdrew from Morek.", conflict=conflict)
    duplicate = make_claim(statement="Turkish troops left Morek.", conflict=conflict)
    make_article(site_tree["news"], title="Posts", conflict=conflict, body=carrying(duplicate))

    merge_records(keep=keep, duplicate=duplicate, user=superuser, note="Same withdrawal.")

    assert len(endpoint.requests) == 1
    headers, body = endpoint.requests[0]
    assert webhook_signature_verify(webhook.secret, headers[SIGNATURE_HEADER], body)
    event = json.loads(body)
    assert event["type"] == "claim.merged"
    assert event["data"]["claim"]["id"] == duplicate.pk
    assert event["data"]["merged_into"] == {
        "id": keep.pk,
        "url": f"http://localhost/claims/{keep.pk}/",
        "api_url": f"http://localhost/api/v1/claims/{keep.pk}/",
    }
