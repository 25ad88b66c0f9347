"""Figures and tallies for partners: only published tallies of covered conflicts, in JSON and CSV."""

import csv
import io
from datetime import date

import pytest

from conflicts import audience
from conflicts.models import Figure, Webhook, WebhookDelivery
from conflicts.services.figures import figure_change_status
from tests.factories import (
    ConflictFactory,
    LocationFactory,
    SourceFactory,
    make_article,
    make_claim,
    make_figure,
    make_tally,
)

pytestmark = pytest.mark.django_db

OCTOBER_2020 = {"event_start": date(2020, 10, 1), "event_precision": "month"}


@pytest.fixture
def desk(site_tree, conflict, partner):
    """Idlib covered by a live article; beside it, tallies that must not reach the partner."""
    make_article(site_tree["news"], title="Idlib report", conflict=conflict)
    uncovered = ConflictFactory(name="Uncovered war", slug="uncovered")
    partner.conflicts.add(uncovered)
    partner.save()
    elsewhere = ConflictFactory(name="Other war", slug="other")
    make_article(site_tree["news"], title="Other report", conflict=elsewhere)
    idlib = LocationFactory(name="Idlib", slug="idlib-province")
    wire = SourceFactory(public_label="new reports", kind="unspecified_reports")
    ours = make_figure(
        conflict=conflict, counts="troops", counted="named_party", counted_party="Turkish forces",
        low=10_000, high=15_000, words="between 10,000 and 15,000", places=[idlib], **OCTOBER_2020,
    )
    theirs = make_figure(
        conflict=conflict, counts="troops", counted="named_party", counted_party="Turkish forces",
        low=7_000, high=20_000, words='from "7,000" to 20,000', source=wire, places=[idlib], **OCTOBER_2020,
    )
    tally = make_tally(conflict=conflict, name="Turkish troops in Idlib", figures=[ours, theirs], used_figure=ours,
                       **OCTOBER_2020)
    hidden = {
        "unpublished": make_figure(conflict=conflict, counts="killed", best=3),
        "untallied": make_figure(conflict=conflict, counts="killed", best=4),
        "uncovered": make_figure(conflict=uncovered, counts="killed", best=5),
        "other partner's": make_figure(conflict=elsewhere, counts="killed", best=6),
    }
    make_tally(conflict=conflict, name="Draft tally", figures=[hidden["unpublished"]], is_published=False)
    make_tally(conflict=uncovered, name="Uncovered tally", figures=[hidden["uncovered"]])
    make_tally(conflict=elsewhere, name="Other tally", figures=[hidden["other partner's"]])
    return {"ours": ours, "theirs": theirs, "tally": tally, "hidden": hidden, "wire": wire, "idlib": idlib}


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_a_partner_receives_only_figures_of_published_tallies_of_its_covered_conflicts(client_for, desk):
    assert ids(client_for.get("/api/v1/figures/")) == [desk["ours"].pk, desk["theirs"].pk]
    for figure in desk["hidden"].values():
        assert client_for.get(f"/api/v1/figures/{figure.pk}/").status_code == 404
    assert ids(client_for.get("/api/v1/tallies/")) == [desk["tally"].pk]


def test_readers_and_partners_share_one_rule(desk, partner):
    assert set(audience.public_figures()) == {desk["ours"], desk["theirs"], desk["hidden"]["other partner's"]}
    assert set(audience.partner_figures(partner)) == {desk["ours"], desk["theirs"]}


def test_a_figure_gives_what_and_whom_it_counts_its_range_words_source_and_history(client_for, desk):
    figure = desk["theirs"]
    data = client_for.get(f"/api/v1/figures/{figure.pk}/").json()
    history = data.pop("status_history")
    assert [(row["from_status"], row["to_status"]) for row in history] == [("", "unconfirmed")]
    assert "internal_note" not in history[0] and "changed_by" not in history[0]
    assert data == {
        "id": figure.pk,
        "counts": "troops",
        "counts_label": "",
        "counted": "named_party",
        "counted_party": "Turkish forces",
        "low": 7000,
        "best": None,
        "high": 20000,
        "words": 'from "7,000" to 20,000',
        "event": {"start": "2020-10-01", "end": "2020-10-31", "precision": "month"},
        "status": "unconfirmed",
        "status_changed_at": figure.status_changed_at.isoformat().replace("+00:00", "Z"),
        "conflict": {"id": figure.conflict_id, "slug": "idlib", "name": "Syrian war: Idlib"},
        "places": [{"id": desk["idlib"].pk, "slug": "idlib-province", "name": "Idlib", "kind": "town",
                    "latitude": data["places"][0]["latitude"], "longitude": data["places"][0]["longitude"]}],
        "source": {"id": desk["wire"].pk, "public_label": "new reports", "kind": "unspecified_reports",
                   "is_anonymous": False, "reliability": desk["wire"].reliability},
        "tally": desk["tally"].pk,
        "updated_at": data["updated_at"],
        "api_url": f"http://localhost/api/v1/figures/{figure.pk}/",
    }


def test_a_tally_gives_each_source_s_figure_the_range_and_the_one_used(client_for, desk):
    data = client_for.get(f"/api/v1/tallies/{desk['tally'].pk}/").json()
    assert (data["name"], data["used_figure"], data["range"], data["event"]) == (
        "Turkish troops in Idlib", desk["ours"].pk, {"low": 7000, "high": 20000},
        {"start": "2020-10-01", "end": "2020-10-31", "precision": "month"},
    )
    assert [figure["id"] for figure in data["figures"]] == [desk["ours"].pk, desk["theirs"].pk]


def test_figures_as_csv_are_one_rfc_4180_row_per_figure_under_a_header(client_for, desk):
    response = client_for.get("/api/v1/figures/", {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode()
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert '"from ""7,000"" to 20,000"' in text
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == [
        "id", "counts", "counts_label", "counted", "counted_party", "low", "best", "high", "words",
        "event_start", "event_end", "event_precision", "status", "status_changed_at", "conflict", "places",
        "source_id", "source", "tally_id", "updated_at", "api_url",
    ]
    assert [
        (row["id"], row["low"], row["best"], row["high"], row["words"], row["event_end"], row["places"], row["source"])
        for row in rows
    ] == [
        (str(desk["ours"].pk), "10000", "", "15000", "between 10,000 and 15,000", "2020-10-31", "idlib-province", ""),
        (str(desk["theirs"].pk), "7000", "", "20000", 'from "7,000" to 20,000', "2020-10-31", "idlib-province",
         "new reports"),
    ]


def test_csv_pages_link_to_the_next_page_in_the_link_header(client_for, desk):
    response = client_for.get("/api/v1/figures/", {"format": "csv", "limit": 1})
    rows = list(csv.reader(io.StringIO(response.content.decode(), newline="")))
    assert [row[0] for row in rows[1:]] == [str(desk["ours"].pk)]
    assert response["Link"].startswith("<http://localhost/api/v1/figures/?cursor=")
    assert response["Link"].endswith('>; rel="next"')


def test_csv_is_for_lists_and_errors_stay_json(client_for, desk):
    response = client_for.get(f"/api/v1/figures/{desk['ours'].pk}/", {"format": "csv"})
    assert response.status_code == 406
    assert response.json() == {"detail": "CSV is served for lists of figures: /api/v1/figures/?format=csv"}
    response = client_for.get("/api/v1/figures/", {"format": "csv", "event_after": "yesterday"})
    assert (response.status_code, response["Content-Type"]) == (400, "application/json")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"counts": "troops"}, ["ours", "theirs"]),
        ({"counts": "killed"}, []),
        ({"conflict": "idlib"}, ["ours", "theirs"]),
        ({"conflict": "other"}, []),
        ({"place": "idlib-province"}, ["ours", "theirs"]),
        ({"event_after": "2020-10-31"}, ["ours", "theirs"]),
        ({"event_after": "2020-11-01"}, []),
        ({"event_before": "2020-10-01"}, ["ours", "theirs"]),
        ({"event_before": "2020-09-30"}, []),
    ],
)
def test_figures_filter_by_conflict_counts_place_and_event_time(client_for, desk, query, expected):
    assert ids(client_for.get("/api/v1/figures/", query)) == [desk[key].pk for key in expected]


@pytest.mark.parametrize(
    ("query", "expected"),
    [({"counts": "troops"}, True), ({"counts": "killed"}, False), ({"place": "idlib-province"}, True),
     ({"event_after": "2020-11-01"}, False), ({"event_before": "2020-10-15"}, True)],
)
def test_tallies_filter_by_their_figures_and_event_time(client_for, desk, query, expected):
    assert ids(client_for.get("/api/v1/tallies/", query)) == ([desk["tally"].pk] if expected else [])


@pytest.mark.parametrize("resource", ["figures", "tallies", "claims"])
@pytest.mark.parametrize("value", ["01/10/2020", "2020-10-1", "2020-13-01", "20201001", "2020-10-01T00:00"])
def test_event_dates_other_than_yyyy_mm_dd_are_a_400_naming_the_parameter(client_for, desk, resource, value):
    response = client_for.get(f"/api/v1/{resource}/", {"event_before": value})
    assert response.status_code == 400
    assert response.json() == {"event_before": ["Give a date as YYYY-MM-DD, e.g. 2020-10-01."]}


def test_claims_expose_and_filter_by_event_time(client_for, site_tree, conflict):
    dated = make_claim(statement="Reinforcements arrived.", conflict=conflict, status="unconfirmed")
    undated = make_claim(statement="Posts were shelled.", conflict=conflict)
    dated.event_start, dated.event_precision = date(2020, 10, 1), "month"
    dated.full_clean()
    dated.save()
    body = "".join(f'<p><a linktype="claim" id="{claim.pk}">{claim.statement}</a></p>' for claim in (dated, undated))
    make_article(site_tree["news"], conflict=conflict, body=[("paragraph", body)])
    events = {item["id"]: item["event"] for item in client_for.get("/api/v1/claims/").json()["results"]}
    assert events == {
        dated.pk: {"start": "2020-10-01", "end": "2020-10-31", "precision": "month"},
        undated.pk: {"start": None, "end": None, "precision": None},
    }
    assert ids(client_for.get("/api/v1/claims/", {"event_after": "2020-10-15"})) == [dated.pk]
    assert ids(client_for.get("/api/v1/claims/", {"event_before": "2020-09-30"})) == []


@pytest.mark.parametrize(("resource", "queries"), [("figures", 8), ("tallies", 9)])
def test_list_query_count_does_not_grow_with_the_number_of_figures(
    client_for, site_tree, conflict, resource, queries, django_assert_num_queries
):
    make_article(site_tree["news"], conflict=conflict)
    source = SourceFactory()
    places = [LocationFactory(), LocationFactory()]

    def tally_of(count):
        figures = [make_figure(conflict=conflict, best=n, source=source, places=places) for n in range(count)]
        return make_tally(conflict=conflict, name=f"Tally of {count}", figures=figures)

    client_for.get("/api/v1/conflicts/")  # a key's use is recorded at most once a minute: not in the count
    for count in (2, 20):
        tally = tally_of(count)
        with django_assert_num_queries(queries):
            response = client_for.get(f"/api/v1/{resource}/", {"limit": 200})
        listed = response.json()["results"]
        assert len(listed if resource == "figures" else listed[0]["figures"]) == count
        Figure.objects.filter(tally=tally).delete()
        tally.delete()


def test_a_figure_status_change_reaches_only_partners_who_may_receive_the_figure(
    desk, partner, django_capture_on_commit_callbacks
):
    Webhook.objects.create(partner=partner, url="https://partner.example/hooks", events=["figure.status_changed"])
    for figure in [*desk["hidden"].values(), desk["theirs"]]:
        with django_capture_on_commit_callbacks() as callbacks:
            figure_change_status(
                figure=figure, to="disputed", by=None, note="Counts differ.", internal_note="Ask the ministry.",
            )
        for callback in callbacks:
            callback()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.webhook.partner, delivery.event) == (partner, "figure.status_changed")
    assert delivery.payload["figure"]["id"] == desk["theirs"].pk
    assert (delivery.payload["from"], delivery.payload["to"], delivery.payload["note"]) == (
        "unconfirmed", "disputed", "Counts differ.",
    )
    assert "Ask the ministry." not in str(delivery.payload)
