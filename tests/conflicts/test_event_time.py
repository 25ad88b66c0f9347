"""Event time: when what a claim or figure describes happened, as precisely as it is known."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from conflicts.models import Claim
from tests.factories import ConflictFactory, make_article, make_claim

pytestmark = pytest.mark.django_db


def claim_with(**event):
    return Claim(statement="Shelling near Morek.", conflict=ConflictFactory(), **event)


@pytest.mark.parametrize(
    ("event", "end"),
    [
        ({"event_start": date(2020, 10, 1), "event_precision": "month"}, date(2020, 10, 31)),
        ({"event_start": date(2020, 2, 1), "event_precision": "month"}, date(2020, 2, 29)),
        ({"event_start": date(2020, 10, 5), "event_precision": "week"}, date(2020, 10, 11)),
        ({"event_start": date(2020, 1, 1), "event_precision": "year"}, date(2020, 12, 31)),
        ({"event_start": date(2020, 10, 7), "event_precision": "day"}, date(2020, 10, 7)),
        ({"event_start": date(2020, 10, 7), "event_end": date(2020, 10, 9), "event_precision": "day"}, date(2020, 10, 9)),
        ({"event_start": date(2019, 1, 1), "event_end": date(2020, 12, 31), "event_precision": "year"}, date(2020, 12, 31)),
    ],
)
def test_an_open_end_closes_the_period_the_event_starts_in(event, end):
    claim = claim_with(**event)
    claim.full_clean()
    assert claim.event_end == end


@pytest.mark.parametrize(
    ("event", "field", "message"),
    [
        ({"event_start": date(2020, 10, 7), "event_precision": "month"}, "event_start",
         "An event known to a month starts on the first day of a month."),
        ({"event_start": date(2020, 10, 1), "event_end": date(2020, 11, 15), "event_precision": "month"}, "event_end",
         "An event known to a month ends on the last day of a month."),
        ({"event_start": date(2020, 10, 6), "event_precision": "week"}, "event_start",
         "An event known to a week starts on a Monday."),
        ({"event_start": date(2020, 10, 5), "event_end": date(2020, 10, 12), "event_precision": "week"}, "event_end",
         "An event known to a week ends on a Sunday."),
        ({"event_start": date(2020, 3, 1), "event_precision": "year"}, "event_start",
         "An event known to a year starts on 1 January."),
        ({"event_start": date(2020, 10, 9), "event_end": date(2020, 10, 7)}, "event_end",
         "The event cannot end before it starts."),
        ({"event_end": date(2020, 10, 7)}, "event_start", "Give the start of the event as well as its end."),
    ],
)
def test_dates_that_do_not_cover_whole_periods_are_refused_with_the_rule(event, field, message):
    with pytest.raises(ValidationError) as error:
        claim_with(**event).full_clean()
    assert error.value.message_dict[field] == [message]


@pytest.mark.parametrize(
    "event",
    [
        {"event_start": date(2020, 10, 9), "event_end": date(2020, 10, 7)},
        {"event_start": None, "event_end": date(2020, 10, 7)},
        {"event_start": date(2020, 10, 9), "event_precision": "decade"},
    ],
)
def test_the_database_refuses_an_end_before_the_start_or_an_unknown_precision(event):
    claim = make_claim()
    for name, value in event.items():
        setattr(claim, name, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        claim.save()


@pytest.mark.parametrize(
    ("event", "label"),
    [
        ({}, ""),
        ({"event_start": date(2020, 10, 7), "event_end": date(2020, 10, 7)}, "7 October 2020"),
        ({"event_start": date(2020, 10, 7), "event_end": date(2020, 10, 9)}, "7 October 2020–9 October 2020"),
        ({"event_start": date(2020, 10, 1), "event_end": date(2020, 10, 31), "event_precision": "month"}, "October 2020"),
        ({"event_start": date(2020, 9, 1), "event_end": date(2020, 10, 31), "event_precision": "month"},
         "September 2020–October 2020"),
        ({"event_start": date(2020, 10, 5), "event_end": date(2020, 10, 11), "event_precision": "week"},
         "week of 5 October 2020"),
        ({"event_start": date(2020, 1, 1), "event_end": date(2020, 12, 31), "event_precision": "year"}, "2020"),
    ],
)
def test_the_event_reads_as_precisely_as_it_is_known(event, label):
    assert claim_with(**event).event_label == label


def test_the_claim_page_shows_when_it_happened_and_when_it_was_reported(client, site_tree):
    conflict = ConflictFactory()
    claim = make_claim(conflict=conflict)
    Claim.objects.filter(pk=claim.pk).update(
        event_start=date(2020, 10, 1), event_end=date(2020, 10, 31), event_precision="month"
    )
    reported = claim.status_changes.get().changed_at
    body = f'<p><a linktype="claim" id="{claim.pk}">Troops moved</a>.</p>'
    make_article(site_tree["news"], conflict=conflict, body=[("paragraph", body)])
    html = client.get(claim.get_absolute_url()).content.decode()
    assert '<dd class="claim-event-time"><time datetime="2020-10-01">October 2020</time></dd>' in html
    assert (
        f'<dd class="claim-reported-time"><time datetime="{reported.isoformat()}">'
        f'{reported:%-d %B %Y}</time></dd>'
    ) in html


def test_a_claim_of_unknown_event_time_says_so(client, site_tree):
    conflict = ConflictFactory()
    claim = make_claim(conflict=conflict)
    body = f'<p><a linktype="claim" id="{claim.pk}">Troops moved</a>.</p>'
    make_article(site_tree["news"], conflict=conflict, body=[("paragraph", body)])
    html = client.get(claim.get_absolute_url()).content.decode()
    assert '<dd class="claim-event-time">Not known</dd>' in html
