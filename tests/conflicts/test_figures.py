"""Figures and tallies: what a number counts, its range, and the rules one row keeps."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from conflicts.models import Figure
from tests.factories import ConflictFactory, SourceFactory, make_figure, make_tally

pytestmark = pytest.mark.django_db


@pytest.fixture
def conflict():
    return ConflictFactory()


@pytest.mark.parametrize(
    ("numbers", "shown"),
    [
        ({"low": 7}, "at least 7"),
        ({"high": 20}, "up to 20"),
        ({"low": 10_000, "high": 15_000}, "10,000–15,000"),
        ({"best": 3_600_000}, "3,600,000"),
        ({}, "dozens"),
    ],
)
def test_a_figure_keeps_the_words_and_gives_the_numbers_it_has(conflict, numbers, shown):
    figure = make_figure(conflict=conflict, words="dozens" if not numbers else "as written", **numbers)
    assert figure.figure_text == shown
    assert str(figure) == f"{shown} killed"


@pytest.mark.parametrize(
    ("numbers", "message"),
    [
        ({"low": 10, "best": 5}, "Low, best and high must be in that order (low ≤ best ≤ high)."),
        ({"best": 10, "high": 5}, "Low, best and high must be in that order (low ≤ best ≤ high)."),
        ({"low": 10, "high": 5}, "Low, best and high must be in that order (low ≤ best ≤ high)."),
        ({"counts": "other"}, 'Say what an "other" figure counts.'),
        ({"counted": "named_party"}, "Name the party counted."),
    ],
)
def test_a_figure_out_of_order_or_unexplained_is_refused_and_nothing_is_saved(conflict, numbers, message):
    with pytest.raises(ValidationError) as error:
        make_figure(conflict=conflict, **{"counts": "killed", **numbers})
    assert error.value.messages == [message]
    assert Figure.objects.count() == 0


@pytest.mark.parametrize(
    "fields",
    [
        {"low": 10, "best": 5},
        {"best": 10, "high": 5},
        {"low": 10, "high": 5},
        {"counts": "other", "counts_label": ""},
        {"counts": "casualties"},
        {"counted": "named_party", "counted_party": ""},
        {"event_start": date(2020, 10, 9), "event_end": date(2020, 10, 7)},
    ],
)
def test_the_database_keeps_the_same_rules(conflict, fields):
    figure = make_figure(conflict=conflict, low=1, best=2, high=3)
    Figure.objects.filter(pk=figure.pk).update(low=None, best=None, high=None)
    figure.refresh_from_db()
    for name, value in fields.items():
        setattr(figure, name, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        figure.save()


def test_other_and_named_party_figures_say_what_and_whom_they_count(conflict):
    figure = make_figure(
        conflict=conflict, counts="other", counts_label="checkpoints", counted="named_party",
        counted_party="Turkish forces", best=4, words="about four",
    )
    assert str(figure) == "4 checkpoints"


def test_a_tally_groups_figures_of_its_conflict_and_uses_one_of_them(conflict):
    source = SourceFactory()
    ours = make_figure(conflict=conflict, counts="troops", low=10_000, high=15_000)
    theirs = make_figure(conflict=conflict, counts="troops", low=7_000, high=20_000, source=source)
    tally = make_tally(conflict=conflict, figures=[ours, theirs], used_figure=ours)
    assert set(tally.figures.all()) == {ours, theirs}
    assert tally.used_figure == ours


def test_a_tally_cannot_use_a_figure_it_does_not_hold(conflict):
    outside = make_figure(conflict=conflict)
    tally = make_tally(conflict=conflict, figures=[make_figure(conflict=conflict)])
    tally.used_figure = outside
    with pytest.raises(ValidationError) as error:
        tally.full_clean()
    assert error.value.message_dict == {"used_figure": ["Choose one of this tally's figures."]}


def test_a_figure_cannot_join_a_tally_of_another_conflict(conflict):
    tally = make_tally(conflict=ConflictFactory())
    with pytest.raises(ValidationError) as error:
        make_figure(conflict=conflict, tally=tally)
    assert error.value.message_dict == {"tally": ["The tally counts an event of another conflict."]}
