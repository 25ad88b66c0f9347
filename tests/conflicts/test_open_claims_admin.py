"""The standards desk chases open claims from a report and the dashboard, and settles them there."""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from conflicts.models import Claim
from tests.factories import ConflictFactory, UserFactory, make_article, make_claim

pytestmark = pytest.mark.django_db

REPORT = reverse("conflicts_open_claims")
# Session, user, its permissions (2) and profile; private sections; the count; locales, page and
# collection permissions (menus); the assignee filter's choices; the rows.
REPORT_QUERIES = 12


def cites(claim):
    return [("paragraph", f'<p><a linktype="claim" id="{claim.pk}">Troops moved.</a></p>')]


def open_claim(statement, *, days, conflict=None, status="unconfirmed", assignee=None):
    claim = make_claim(statement=statement, conflict=conflict or ConflictFactory(), status=status)
    Claim.objects.filter(pk=claim.pk).update(created_at=timezone.now() - timedelta(days=days), assignee=assignee)
    return claim


def statements(response):
    return [row.statement for row in response.context["object_list"]]


@pytest.fixture
def desk(editor, site_tree):
    """Three open claims of two conflicts and a settled one; the oldest is cited by two live articles."""
    idlib, karabakh = ConflictFactory(name="Idlib"), ConflictFactory(name="Karabakh")
    colleague = UserFactory(first_name="Ayla", last_name="Demir")
    oldest = open_claim("Turkish troops reached Morek.", days=20, conflict=idlib, assignee=colleague)
    disputed = open_claim("The M4 is closed.", days=10, conflict=idlib, status="disputed", assignee=editor)
    newest = open_claim("Shelling near Stepanakert.", days=1, conflict=karabakh)
    open_claim("Settled long ago.", days=30, conflict=idlib, status="confirmed")
    for title in ("First", "Second"):
        make_article(site_tree["news"], title=title, conflict=idlib, body=cites(oldest))
    make_article(site_tree["news"], title="Draft", conflict=idlib, body=cites(oldest), publish=False)
    return {"idlib": idlib, "karabakh": karabakh, "colleague": colleague, "oldest": oldest,
            "disputed": disputed, "newest": newest}


def test_report_lists_open_claims_oldest_first_with_live_citing_pages(client, editor, desk):
    client.force_login(editor)
    response = client.get(REPORT)
    assert response.status_code == 200
    assert statements(response) == [
        "Turkish troops reached Morek.", "The M4 is closed.", "Shelling near Stepanakert."]
    assert [row.public_page_count for row in response.context["object_list"]] == [2, 0, 0]
    html = response.content.decode()
    assert "Ayla Demir" in html and "Unassigned" in html
    change_url = reverse("wagtailsnippets_conflicts_claim:change_status", args=[desk["oldest"].pk])
    assert f'{change_url}?next=%2Fadmin%2Freports%2Fopen-claims%2F' in html


@pytest.mark.parametrize("query, expected", [
    ("status=disputed", ["The M4 is closed."]),
    ("mine=true", ["The M4 is closed."]),
    ("mine=false", ["Turkish troops reached Morek.", "Shelling near Stepanakert."]),
    ("assigned=false", ["Shelling near Stepanakert."]),
    ("min_age=15", ["Turkish troops reached Morek."]),
    ("min_age=5", ["Turkish troops reached Morek.", "The M4 is closed."]),
])
def test_report_filters(client, editor, desk, query, expected):
    client.force_login(editor)
    assert statements(client.get(f"{REPORT}?{query}")) == expected


def test_report_filters_by_conflict_and_assignee(client, editor, desk):
    client.force_login(editor)
    assert statements(client.get(REPORT, {"conflict": desk["karabakh"].pk})) == ["Shelling near Stepanakert."]
    assert statements(client.get(REPORT, {"assignee": desk["colleague"].pk})) == ["Turkish troops reached Morek."]


def test_assignee_filter_offers_only_users_holding_open_claims(client, editor, desk):
    UserFactory(first_name="Idle", last_name="Reporter")
    client.force_login(editor)
    html = client.get(REPORT).content.decode()
    assert "Ayla Demir" in html and "Idle Reporter" not in html


@pytest.mark.parametrize("name, value", [
    ("min_age", "-3"), ("min_age", "soon"), ("min_age", "1e9"), ("status", "confirmed"), ("assignee", "abc"),
    ("conflict", "999999"),
])
def test_a_bad_filter_value_is_an_error_on_the_form_not_a_500(client, editor, desk, name, value):
    client.force_login(editor)
    response = client.get(REPORT, {name: value})
    assert response.status_code == 200
    assert response.context["filters"].errors[name]


@pytest.mark.parametrize("ordering, expected", [
    ("-public_page_count", "Turkish troops reached Morek."),
    ("-created_at", "Shelling near Stepanakert."),
    ("bogus", "Turkish troops reached Morek."),
])
def test_report_sorts_by_its_columns_and_ignores_unknown_orderings(client, editor, desk, ordering, expected):
    client.force_login(editor)
    response = client.get(REPORT, {"ordering": ordering, "p": "99"})
    assert response.status_code == 200
    assert statements(response)[0] == expected


def test_csv_export_parses_with_every_open_claim(client, editor, desk):
    client.force_login(editor)
    response = client.get(REPORT, {"export": "csv", "conflict": desk["idlib"].pk})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="open-claims.csv"'
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(row["Statement"], row["Conflict"], row["Status"], row["Live public pages citing it"],
             row["Assignee"]) for row in rows] == [
        ("Turkish troops reached Morek.", "Idlib", "Unconfirmed", "2", "Ayla Demir"),
        ("The M4 is closed.", "Idlib", "Disputed", "0", editor.get_full_name() or editor.get_username()),
    ]
    assert rows[0]["Last status change"] and rows[0]["Recorded"]


def test_xlsx_export_parses_with_every_open_claim(client, editor, desk):
    client.force_login(editor)
    response = client.get(REPORT, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = list(sheet.values)
    assert header == ("Statement", "Conflict", "Status", "Live public pages citing it", "Recorded",
                      "Last status change", "Assignee")
    assert [(row[0], row[2], row[3], row[6]) for row in rows] == [
        ("Turkish troops reached Morek.", "Unconfirmed", 2, "Ayla Demir"),
        ("The M4 is closed.", "Disputed", 0, editor.get_full_name() or editor.get_username()),
        ("Shelling near Stepanakert.", "Unconfirmed", 0, None),
    ]


def test_report_query_count_does_not_grow_with_rows(client, editor, site_tree, django_assert_num_queries):
    client.force_login(editor)
    conflict = ConflictFactory()

    def add_claims(count):
        for n in range(count):
            claim = open_claim(f"Claim {Claim.objects.count()}", days=n, conflict=conflict, assignee=UserFactory())
            make_article(site_tree["news"], title=f"Article {claim.pk}", conflict=conflict, body=cites(claim))

    add_claims(2)
    client.get(REPORT)
    with django_assert_num_queries(REPORT_QUERIES):
        client.get(REPORT)
    add_claims(5)
    with django_assert_num_queries(REPORT_QUERIES):
        response = client.get(REPORT)
    assert len(response.context["object_list"]) == 7


def test_users_who_cannot_change_claims_are_refused(client, desk):
    reader = UserFactory()
    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(reader)
    home = reverse("wagtailadmin_home")
    change_url = reverse("wagtailsnippets_conflicts_claim:change_status", args=[desk["oldest"].pk])
    for response in (
        client.get(REPORT),
        client.get(REPORT, {"export": "csv"}),
        client.get(change_url),
        client.post(change_url, {"new_status": "confirmed", "status_note": "Seen it."}),
    ):
        assert (response.status_code, response["Location"]) == (302, home)
    assert Claim.objects.get(pk=desk["oldest"].pk).status == "unconfirmed"
    html = client.get(home).content.decode()
    assert 'id="open-claims-section"' not in html and REPORT not in html


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(REPORT)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_report_is_in_the_reports_menu(client, editor):
    client.force_login(editor)
    assert REPORT in client.get(reverse("wagtailadmin_home")).content.decode()


def test_changing_status_from_the_report_writes_history_and_returns_to_it(client, editor, desk):
    client.force_login(editor)
    back = f"{REPORT}?status=unconfirmed"
    change_url = reverse("wagtailsnippets_conflicts_claim:change_status", args=[desk["oldest"].pk])
    form = client.get(change_url, {"next": back})
    assert form.status_code == 200 and "Now: Unconfirmed." in form.content.decode()
    response = client.post(f"{change_url}?next={back.replace('?', '%3F').replace('=', '%3D')}", {
        "new_status": "confirmed", "status_note": "Geolocated footage.", "evidence_url": "https://example.org/v",
    })
    assert response.status_code == 302 and response["Location"] == back
    change = Claim.objects.get(pk=desk["oldest"].pk).status_changes.last()
    assert (change.from_status, change.to_status, change.changed_by, change.note, change.evidence_url) == (
        "unconfirmed", "confirmed", editor, "Geolocated footage.", "https://example.org/v")
    assert "Turkish troops reached Morek." not in statements(client.get(REPORT))


def test_a_status_change_without_a_note_or_to_the_same_status_is_refused(client, editor, desk):
    client.force_login(editor)
    change_url = reverse("wagtailsnippets_conflicts_claim:change_status", args=[desk["oldest"].pk])
    no_note = client.post(change_url, {"new_status": "confirmed", "status_note": " "})
    same = client.post(change_url, {"new_status": "unconfirmed", "status_note": "Still open."})
    assert no_note.status_code == same.status_code == 200
    assert no_note.context["form"].errors["status_note"] and same.context["form"].errors["new_status"]
    assert desk["oldest"].status_changes.count() == 1


def test_a_status_change_does_not_follow_a_next_to_another_site(client, editor, desk):
    client.force_login(editor)
    change_url = reverse("wagtailsnippets_conflicts_claim:change_status", args=[desk["oldest"].pk])
    response = client.post(f"{change_url}?next=https://evil.example/", {
        "new_status": "disputed", "status_note": "Denied by Moscow."})
    assert response["Location"] == reverse("wagtailsnippets_conflicts_claim:edit", args=[desk["oldest"].pk])


def test_dashboard_panel_lists_the_oldest_open_claims_mine_first(client, editor, desk):
    conflict = desk["idlib"]
    for n in range(10):
        open_claim(f"Older claim {n}", days=40 + n, conflict=conflict)
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    panel = html[html.index('id="open-claims-section"'):]
    rows = panel.count("data-open-claim=")
    assert rows == 10
    assert panel.index("The M4 is closed.") < panel.index("Older claim 9") < panel.index("Older claim 1")
    assert "Older claim 0" not in panel and "Turkish troops reached Morek." not in panel
    assert f'href="{REPORT}"' in panel
    change_url = reverse("wagtailsnippets_conflicts_claim:change_status", args=[desk["disputed"].pk])
    assert f"{change_url}?next=%2Fadmin%2F" in panel
