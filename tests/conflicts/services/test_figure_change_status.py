"""figure_change_status is the only way a figure's status moves, and it always leaves a history row."""

import pytest
from django.core.exceptions import ValidationError

from conflicts.models import FigureStatusChange, StatusChangeOutsideHistory
from conflicts.models.figures import Figure
from conflicts.services.figures import figure_change_status
from tests.factories import ConflictFactory, UserFactory, make_figure

pytestmark = pytest.mark.django_db


@pytest.fixture
def figure():
    return make_figure(conflict=ConflictFactory(), low=7, words="at least seven", by=UserFactory(), note="From the wire.")


def test_a_figure_starts_its_history_when_it_is_recorded(figure):
    first = figure.status_changes.get()
    assert (first.from_status, first.to_status, first.note, first.changed_at) == (
        "", "unconfirmed", "From the wire.", figure.status_changed_at,
    )


def test_status_change_records_who_when_why_and_evidence(figure):
    editor = UserFactory()
    change = figure_change_status(
        figure=figure, to="confirmed", by=editor, note="Hospital lists checked.",
        evidence_url="https://example.org/lists", internal_note="Called the director.",
    )
    figure.refresh_from_db()
    assert (figure.status, figure.status_changed_at) == ("confirmed", change.changed_at)
    assert list(figure.status_changes.values_list("from_status", "to_status", "changed_by", "note", "evidence_url")) == [
        ("", "unconfirmed", figure.status_changes.first().changed_by_id, "From the wire.", ""),
        ("unconfirmed", "confirmed", editor.pk, "Hospital lists checked.", "https://example.org/lists"),
    ]
    assert figure.status_changes.first().changed_by_id not in (None, editor.pk)
    assert FigureStatusChange.objects.get(pk=change.pk).internal_note == "Called the director."


@pytest.mark.parametrize(
    ("to", "note", "message"),
    [
        ("unconfirmed", "why", "The figure is already unconfirmed."),
        ("confirmed", "   ", "Say why the status changed; readers see this note."),
        ("rumour", "why", "Unknown figure status 'rumour'."),
    ],
)
def test_bad_status_change_is_refused_and_nothing_is_saved(figure, to, note, message):
    with pytest.raises(ValidationError) as error:
        figure_change_status(figure=figure, to=to, by=None, note=note)
    assert error.value.messages == [message]
    figure.refresh_from_db()
    assert figure.status == "unconfirmed"
    assert figure.status_changes.count() == 1


def test_a_status_written_outside_the_service_is_refused(figure):
    figure.status = "confirmed"
    with pytest.raises(StatusChangeOutsideHistory, match="figure_change_status"):
        figure.save()
    with pytest.raises(StatusChangeOutsideHistory, match="figure_change_status"):
        Figure.objects.filter(pk=figure.pk).update(status="confirmed")
    assert Figure.objects.get(pk=figure.pk).status == "unconfirmed"


def test_change_works_from_a_stale_instance(figure):
    stale = Figure.objects.get(pk=figure.pk)
    figure_change_status(figure=figure, to="disputed", by=None, note="Another count differs.")
    figure_change_status(figure=stale, to="confirmed", by=None, note="Counts reconciled.")
    assert list(figure.status_changes.values_list("from_status", "to_status")) == [
        ("", "unconfirmed"), ("unconfirmed", "disputed"), ("disputed", "confirmed"),
    ]
