"""claim_change_status is the only way a claim's status moves, and it always leaves a history row."""

import pytest
from django.core.exceptions import ValidationError

from conflicts.models import ClaimStatusChange
from conflicts.services.claims import claim_change_status
from tests.factories import UserFactory, make_claim

pytestmark = pytest.mark.django_db


def test_status_change_records_who_when_why_and_evidence():
    editor = UserFactory()
    claim = make_claim(by=editor)
    change = claim_change_status(
        claim=claim,
        to="confirmed",
        by=editor,
        note="Footage geolocated.",
        evidence_url="https://example.org/footage",
    )
    claim.refresh_from_db()
    assert claim.status == "confirmed"
    assert claim.status_changed_at == change.changed_at
    assert (change.from_status, change.to_status, change.changed_by, change.note, change.evidence_url) == (
        "unconfirmed", "confirmed", editor, "Footage geolocated.", "https://example.org/footage",
    )


def test_history_is_an_unbroken_chain_from_creation():
    claim = make_claim()
    for status in ["disputed", "confirmed", "false"]:
        claim_change_status(claim=claim, to=status, by=None, note=f"Now {status}.")
    steps = list(claim.status_changes.values_list("from_status", "to_status"))
    assert steps == [
        ("", "unconfirmed"),
        ("unconfirmed", "disputed"),
        ("disputed", "confirmed"),
        ("confirmed", "false"),
    ]
    claim.refresh_from_db()
    assert claim.status == steps[-1][1]


@pytest.mark.parametrize(
    "to, note, message",
    [
        ("rumour", "why", "Unknown claim status"),
        ("unconfirmed", "why", "already unconfirmed"),
        ("confirmed", "   ", "Say why the status changed"),
    ],
)
def test_bad_status_change_is_refused_and_nothing_is_saved(to, note, message):
    claim = make_claim()
    with pytest.raises(ValidationError, match=message):
        claim_change_status(claim=claim, to=to, by=None, note=note)
    claim.refresh_from_db()
    assert claim.status == "unconfirmed"
    assert ClaimStatusChange.objects.filter(claim=claim).count() == 1


def test_change_works_from_a_stale_instance():
    claim = make_claim()
    stale = type(claim).objects.get(pk=claim.pk)
    claim_change_status(claim=claim, to="disputed", by=None, note="Contradicted.")
    claim_change_status(claim=stale, to="confirmed", by=None, note="Verified.")
    assert list(claim.status_changes.values_list("from_status", "to_status"))[-1] == ("disputed", "confirmed")
