"""The open-claims desk's reads: which claims are open, in what order, and what cites them."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from conflicts.models import Claim
from conflicts.open_claims import claim_list_open, claim_list_open_for
from conflicts.services.claims import claim_change_status
from tests.factories import ConflictFactory, UserFactory, make_article, make_claim, make_explainer

pytestmark = pytest.mark.django_db


def cites(claim):
    return [("paragraph", f'<p><a linktype="claim" id="{claim.pk}">Troops moved.</a></p>')]


def recorded_days_ago(claim, days):
    Claim.objects.filter(pk=claim.pk).update(created_at=timezone.now() - timedelta(days=days))


def test_only_unconfirmed_and_disputed_claims_are_open_oldest_recorded_first():
    conflict = ConflictFactory()
    new = make_claim(statement="New", conflict=conflict)
    old = make_claim(statement="Old", conflict=conflict, status="disputed")
    make_claim(statement="Settled", conflict=conflict, status="confirmed")
    make_claim(statement="Denied", conflict=conflict, status="denied")
    recorded_days_ago(old, 9)
    recorded_days_ago(new, 2)
    assert [claim.statement for claim in claim_list_open()] == ["Old", "New"]


def test_only_live_public_pages_count_as_citing(site_tree):
    claim = make_claim()
    conflict = claim.conflict
    make_article(site_tree["news"], title="Live one", conflict=conflict, body=cites(claim))
    make_article(site_tree["news"], title="Live two", conflict=conflict, body=cites(claim))
    make_explainer(site_tree["explainers"], title="Key claim", conflict=conflict, claims=[claim])
    make_article(site_tree["news"], title="Draft", conflict=conflict, body=cites(claim), publish=False)
    private = make_article(site_tree["news"], title="Private", conflict=conflict, body=cites(claim))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    uncited = make_claim(statement="Nobody carries it", conflict=conflict)

    counts = {row.pk: row.public_page_count for row in claim_list_open()}
    assert counts == {claim.pk: 3, uncited.pk: 0}


def test_last_status_change_comes_from_the_history():
    claim = make_claim()
    claim.status_changes.update(changed_at=timezone.now() - timedelta(days=10))
    changed_at = timezone.now() - timedelta(days=4)
    claim_change_status(claim=claim, to="disputed", by=None, note="Russia denies it.", at=changed_at)
    assert claim_list_open().get().last_status_change_at == changed_at


def test_claims_assigned_to_the_user_come_first():
    me, colleague = UserFactory(), UserFactory()
    conflict = ConflictFactory()
    oldest = make_claim(statement="Oldest, a colleague's", conflict=conflict)
    mine = make_claim(statement="Mine", conflict=conflict)
    unassigned = make_claim(statement="Nobody's", conflict=conflict)
    Claim.objects.filter(pk=oldest.pk).update(assignee=colleague)
    Claim.objects.filter(pk=mine.pk).update(assignee=me)
    for days, claim in ((9, oldest), (5, mine), (7, unassigned)):
        recorded_days_ago(claim, days)
    assert [claim.statement for claim in claim_list_open_for(me)] == ["Mine", "Oldest, a colleague's", "Nobody's"]


@pytest.mark.parametrize("claims", [2, 6])
def test_the_list_is_one_query_whatever_its_length(site_tree, django_assert_num_queries, claims):
    conflict = ConflictFactory()
    for n in range(claims):
        claim = make_claim(statement=f"Claim {n}", conflict=conflict)
        make_article(site_tree["news"], title=f"Article {n}", conflict=conflict, body=cites(claim))
        Claim.objects.filter(pk=claim.pk).update(assignee=UserFactory())
    # One query for the private sections (Wagtail's public()), one for the rows.
    with django_assert_num_queries(2):
        rows = list(claim_list_open())
        assert [row.conflict.name for row in rows] and [row.assignee.pk for row in rows]
    assert {row.public_page_count for row in rows} == {1}
