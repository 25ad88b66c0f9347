"""The admin's "Merge into…" action: offered with change and delete permission, a review of what will
move, a cross-conflict warning to confirm, and choosers that no longer offer merged records."""

import pytest
from django.contrib.auth.models import Group, Permission

from conflicts.models import Claim, Location
from conflicts.services.merges import merge_records
from tests.factories import ConflictFactory, LocationFactory, UserFactory, make_article, make_claim

pytestmark = pytest.mark.django_db

MERGE_URL = "/admin/snippets/conflicts/claim/merge/{}/"


@pytest.fixture
def claims(conflict, site_tree):
    keep = make_claim(statement="Turkey withdrew from Morek.", conflict=conflict)
    duplicate = make_claim(statement="Turkish troops left Morek.", conflict=conflict)
    body = [("paragraph", f'<p><a linktype="claim" id="{duplicate.pk}">Troops left.</a></p>')]
    make_article(site_tree["news"], title="Posts", conflict=conflict, body=body)
    return keep, duplicate


@pytest.fixture
def changer(db):
    """Edits claims but may not delete them."""
    group = Group.objects.create(name="Claim editors")
    group.permissions.set(Permission.objects.filter(codename__in=["access_admin", "change_claim", "view_claim"]))
    user = UserFactory()
    user.groups.add(group)
    return user


def test_the_listing_offers_merge_into(client, editor, claims):
    client.force_login(editor)
    listing = client.get("/admin/snippets/conflicts/claim/").content.decode()
    assert MERGE_URL.format(claims[1].pk) in listing
    assert "Merge into…" in listing
    edit = client.get(f"/admin/snippets/conflicts/claim/edit/{claims[1].pk}/").content.decode()
    assert MERGE_URL.format(claims[1].pk) in edit


def test_a_merge_is_reviewed_then_confirmed(client, editor, claims):
    keep, duplicate = claims
    client.force_login(editor)
    assert client.get(MERGE_URL.format(duplicate.pk)).status_code == 200

    review = client.post(MERGE_URL.format(duplicate.pk), {"keep": keep.pk, "note": "Same withdrawal."})
    assert review.status_code == 200
    html = review.content.decode()
    assert 'data-merge-count="pages">1 page<' in html
    assert 'data-merge-count="live">1 annotation in live text<' in html
    assert "Different conflicts" not in html
    assert Claim.objects.get(pk=duplicate.pk).merged_into_id is None

    done = client.post(MERGE_URL.format(duplicate.pk), {"keep": keep.pk, "note": "Same withdrawal.", "confirm": "1"})
    assert (done.status_code, done["Location"]) == (302, f"/admin/snippets/conflicts/claim/edit/{keep.pk}/")
    assert Claim.objects.get(pk=duplicate.pk).merged_into_id == keep.pk
    history = client.get(f"/admin/snippets/conflicts/claim/history/{keep.pk}/").content.decode()
    assert "Merged the duplicate" in history


def test_a_merge_across_conflicts_warns_and_needs_the_confirmation(client, editor, claims):
    _keep, duplicate = claims
    elsewhere = make_claim(statement="Turkish troops left Morek.", conflict=ConflictFactory(name="Nagorno-Karabakh"))
    client.force_login(editor)
    data = {"keep": elsewhere.pk, "note": "Filed under the wrong conflict."}

    review = client.post(MERGE_URL.format(duplicate.pk), data)
    assert "Different conflicts" in review.content.decode()
    refused = client.post(MERGE_URL.format(duplicate.pk), {**data, "confirm": "1"})
    assert refused.status_code == 200
    assert "belong to different conflicts" in refused.content.decode()
    assert Claim.objects.get(pk=duplicate.pk).merged_into_id is None

    client.post(MERGE_URL.format(duplicate.pk), {**data, "confirm": "1", "confirm_cross_conflict": "on"})
    assert Claim.objects.get(pk=duplicate.pk).merged_into_id == elsewhere.pk


def test_merging_a_record_into_itself_is_a_form_error(client, editor, claims):
    client.force_login(editor)
    response = client.post(MERGE_URL.format(claims[1].pk), {"keep": claims[1].pk, "note": "x", "confirm": "1"})
    assert response.status_code == 200
    assert "Choose another claim" in response.content.decode()


def test_without_delete_permission_there_is_no_merge(client, changer, claims):
    keep, duplicate = claims
    client.force_login(changer)
    listing = client.get("/admin/snippets/conflicts/claim/").content.decode()
    assert MERGE_URL.format(duplicate.pk) not in listing
    for response in (client.get(MERGE_URL.format(duplicate.pk)),
                     client.post(MERGE_URL.format(duplicate.pk), {"keep": keep.pk, "note": "x", "confirm": "1"})):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert Claim.objects.get(pk=duplicate.pk).merged_into_id is None


def test_choosers_no_longer_offer_a_merged_record(client, editor, superuser, site_tree):
    keep, duplicate = LocationFactory(name="Sheik Aqil"), LocationFactory(name="Sheikh Aqil")
    merge_records(keep=keep, duplicate=duplicate, user=superuser, note="")
    client.force_login(editor)
    for url in ("/admin/annotate/place/", "/admin/snippets/choose/conflicts/location/"):
        html = client.get(url).content.decode()
        assert "Sheik Aqil" in html, url
        assert f'data-object-id="{duplicate.pk}"' not in html and f"/{duplicate.pk}/" not in html, url
    assert Location.objects.current().filter(pk=duplicate.pk).count() == 0
