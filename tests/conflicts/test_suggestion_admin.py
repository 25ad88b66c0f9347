"""The editor's annotation assistant endpoints: who may call them, what they answer, what they keep."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from conflicts.models import Claim, DismissedSuggestion, Figure, Location, Source
from tests.factories import AnonymousSourceFactory, LocationFactory, UserFactory, make_article

TEXT = "Turkey sent troops to Idlib, a security source said.\nRebels denied the report."


@pytest.fixture
def article(site_tree, conflict):
    return make_article(site_tree["news"], title="Posts", conflict=conflict,
                        body=[("paragraph", "<p>" + TEXT.replace("\n", "</p><p>") + "</p>")])


@pytest.fixture
def page_editor(editor, site_tree):
    """An editor who may edit every page under the home page."""
    group = editor.groups.get()
    for permission in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=site_tree["home"], permission=Permission.objects.get(codename=permission))
    return editor


@pytest.fixture
def admin_without_pages(db):
    """A user who can open the admin and edit records, but no page."""
    user = UserFactory()
    group = Group.objects.create(name="Records only")
    group.permissions.set(Permission.objects.filter(codename__in=["access_admin", "add_claim", "add_source"]))
    user.groups.add(group)
    return user


def post(client, name, page, payload, raw=None):
    return client.post(reverse(name, args=[page.pk]), data=raw if raw is not None else json.dumps(payload),
                       content_type="application/json")


def test_suggestions_are_refused_to_a_user_who_cannot_edit_the_page(client, article, admin_without_pages):
    client.force_login(admin_without_pages)
    for name, payload in [("conflicts_suggestions", {"text": TEXT}),
                          ("conflicts_suggestions_dismiss", {"kind": "place", "text": "Idlib"}),
                          ("conflicts_suggestions_accept", {"kind": "place", "location_id": 1})]:
        response = post(client, name, article, payload)
        assert response.status_code == 403
        assert response.json() == {"error": "You cannot edit this page, so you cannot annotate it."}
    assert not DismissedSuggestion.objects.exists()


def test_suggestions_name_the_desks_records_and_offer_a_claim_status(client, article, page_editor):
    idlib = LocationFactory(name="Idlib province", alternative_names="Idlib", kind="province")
    client.force_login(page_editor)
    response = post(client, "conflicts_suggestions", article, {"text": TEXT})
    assert response.status_code == 200
    body = response.json()
    place = next(p for p in body["places"] if p["text"] == "Idlib")
    assert (place["start"], place["end"], place["location_id"], place["location_label"]) == (22, 27, idlib.pk,
                                                                                             "Idlib province")
    attribution = body["attributions"][0]
    assert attribution["source"]["text"] == "a security source"
    assert attribution["claim"]["text"] == "Turkey sent troops to Idlib"
    assert (attribution["text"], attribution["status"]) == ("Turkey sent troops to Idlib", "unconfirmed")


def test_offsets_count_utf16_units_as_the_editor_does(client, article, page_editor):
    client.force_login(page_editor)
    text = "😀😀 Idlib was shelled."
    place = next(p for p in post(client, "conflicts_suggestions", article, {"text": text}).json()["places"]
                 if p["text"] == "Idlib")
    assert (place["start"], place["end"]) == (5, 10)
    assert "😀😀 Idlib".encode("utf-16-le")[place["start"] * 2:place["end"] * 2].decode("utf-16-le") == "Idlib"


@pytest.mark.parametrize("payload, raw, message", [
    ({"text": "x" * 200_000}, None, ("The body has 200,000 characters; suggestions are made for bodies of at most "
                                     "100,000 characters. Ask for them per block instead.")),
    (None, "not json", "The request is not JSON; reload the page and try again."),
    (None, "[1, 2]", "The request must be a JSON object."),
    ({"text": 12}, None, "'text' must be text."),
])
def test_unreadable_input_gets_a_message_not_a_500(client, article, page_editor, payload, raw, message):
    client.force_login(page_editor)
    response = post(client, "conflicts_suggestions", article, payload, raw=raw)
    assert (response.status_code, response.json()) == (400, {"error": message})


@pytest.mark.parametrize("text", ["", "   \n  ", "\u200b\ufeff\ud800\U0010ffff", "<p><b>   </b></p>"])
def test_text_with_nothing_to_suggest_gets_empty_lists(client, article, page_editor, text):
    client.force_login(page_editor)
    response = post(client, "conflicts_suggestions", article, None, raw=json.dumps({"text": text}))
    assert (response.status_code, response.json()) == (200, {"attributions": [], "places": [], "figures": []})


def test_html_in_the_text_is_read_as_text_and_offsets_still_select_the_words(client, article, page_editor):
    client.force_login(page_editor)
    text = "<script>alert(1)</script> Idlib was shelled."
    places = post(client, "conflicts_suggestions", article, {"text": text}).json()["places"]
    assert [(p["text"], text[p["start"]:p["end"]]) for p in places] == [("Idlib", "Idlib")]


def test_no_confidential_source_field_reaches_the_editor(client, article, page_editor):
    planted = AnonymousSourceFactory(public_label="a security source",
                                     confidential_identity="PLANTED-IDENTITY-Colonel-X",
                                     confidential_notes="PLANTED-NOTES-met-in-Gaziantep")
    client.force_login(page_editor)
    response = post(client, "conflicts_suggestions", article, {"text": TEXT})
    assert response.json()["attributions"][0]["source"]["record_id"] == planted.pk
    assert response.json()["attributions"][0]["source"]["record_label"] == "a security source"
    assert b"PLANTED" not in response.content
    accepted = post(client, "conflicts_suggestions_accept", article,
                    {"kind": "attribution", "statement": "Turkey sent troops.", "source": {"record_id": planted.pk}})
    assert accepted.status_code == 200
    assert b"PLANTED" not in accepted.content


def test_a_dismissed_suggestion_stays_dismissed_for_that_page_only(client, site_tree, article, page_editor, conflict):
    other = make_article(site_tree["news"], title="Other", conflict=conflict)
    client.force_login(page_editor)
    response = post(client, "conflicts_suggestions_dismiss", article, {"kind": "place", "text": " IDLIB "})
    assert (response.status_code, response.json()) == (201, {"kind": "place", "text": "idlib"})
    post(client, "conflicts_suggestions_dismiss", article, {"kind": "place", "text": "Idlib"})
    dismissal = DismissedSuggestion.objects.get()
    assert (dismissal.page_id, dismissal.dismissed_by) == (article.pk, page_editor)

    def place_texts(page):
        return [p["text"] for p in post(client, "conflicts_suggestions", page, {"text": TEXT}).json()["places"]]

    assert "Idlib" not in place_texts(article)
    assert "Turkey" in place_texts(article)
    assert "Idlib" in place_texts(other)


def test_a_dismissed_attribution_is_left_out_by_its_claim(client, article, page_editor):
    client.force_login(page_editor)
    post(client, "conflicts_suggestions_dismiss", article,
         {"kind": "attribution", "text": "Turkey sent troops to Idlib"})
    claims = [a["claim"]["text"] for a in post(client, "conflicts_suggestions", article, {"text": TEXT}).json()["attributions"]]
    assert "Turkey sent troops to Idlib" not in claims


def test_dismissing_an_unknown_kind_is_refused(client, article, page_editor):
    client.force_login(page_editor)
    response = post(client, "conflicts_suggestions_dismiss", article, {"kind": "rumour", "text": "Idlib"})
    assert (response.status_code, response.json()) == (
        400, {"error": "Unknown suggestion kind 'rumour': use attribution, place or figure."})


def test_accepting_an_attribution_records_the_claim_with_its_new_source(client, article, page_editor, conflict):
    client.force_login(page_editor)
    response = post(client, "conflicts_suggestions_accept", article, {
        "kind": "attribution", "statement": "Turkey sent troops to Idlib.", "status": "disputed",
        "source": {"public_label": "a security source", "kind": "anonymous", "anonymous": True,
                   "anonymity_reason": "Not authorised to speak."},
    })
    assert response.status_code == 200
    claim = Claim.objects.get()
    source = Source.objects.get()
    assert (claim.statement, claim.conflict, claim.status) == ("Turkey sent troops to Idlib.", conflict, "disputed")
    assert list(claim.attributions.values_list("source", flat=True)) == [source.pk]
    assert claim.status_changes.get().changed_by == page_editor
    assert response.json() == {
        "claim": {"id": claim.pk, "label": str(claim), "status": "disputed",
                  "edit_url": f"/admin/snippets/conflicts/claim/edit/{claim.pk}/"},
        "source": {"id": source.pk, "label": "a security source",
                   "edit_url": f"/admin/snippets/conflicts/source/edit/{source.pk}/"},
    }
    again = post(client, "conflicts_suggestions_accept", article, {
        "kind": "attribution", "statement": "Rebels denied it.",
        "source": {"public_label": "A security source", "kind": "anonymous", "anonymous": True,
                   "anonymity_reason": "Not authorised to speak."},
    })
    assert again.json()["source"]["id"] == source.pk
    assert Source.objects.count() == 1


def test_an_anonymous_source_without_its_reason_is_refused_and_nothing_is_saved(client, article, page_editor):
    client.force_login(page_editor)
    response = post(client, "conflicts_suggestions_accept", article, {
        "kind": "attribution", "statement": "Turkey sent troops.",
        "source": {"public_label": "a security source", "kind": "anonymous", "anonymous": True},
    })
    assert (response.status_code, response.json()) == (
        400, {"error": "An anonymous source needs the reason anonymity was granted."})
    assert not Claim.objects.exists() and not Source.objects.exists()


def test_accepting_a_proposed_place_creates_it_once(client, article, page_editor):
    client.force_login(page_editor)
    proposal = {"kind": "place", "name": "Idlib", "place_kind": "city", "latitude": 35.93062,
                "longitude": 36.633930000001, "geonames_id": 169389, "precision": "settlement"}
    first = post(client, "conflicts_suggestions_accept", article, proposal)
    second = post(client, "conflicts_suggestions_accept", article, proposal)
    location = Location.objects.get()
    assert (location.name, location.slug, location.kind, location.geonames_id) == ("Idlib", "idlib", "city", 169389)
    assert (str(location.latitude), str(location.longitude)) == ("35.930620", "36.633930")
    assert first.json()["place"]["id"] == second.json()["place"]["id"] == location.pk


def test_accepting_a_figure_records_it_unconfirmed_with_its_range_and_history(client, article, page_editor):
    client.force_login(page_editor)
    response = post(client, "conflicts_suggestions_accept", article, {
        "kind": "figure", "text": "between 10,000 and 15,000 troops", "low": 10000, "high": 15000, "counts": "troops",
    })
    figure = Figure.objects.get()
    assert (response.status_code, response.json()["figure"]["id"], response.json()["figure"]["status"]) == (
        200, figure.pk, "unconfirmed")
    assert (figure.counts, figure.counted, figure.low, figure.best, figure.high, figure.words, figure.conflict) == (
        "troops", "combatants", 10000, None, 15000, "between 10,000 and 15,000 troops", article.conflict)
    assert figure.status_changes.get().changed_by == page_editor


@pytest.mark.parametrize(("payload", "error"), [
    ({"kind": "figure", "text": "12 killed", "low": -1, "high": 12, "counts": "killed"},
     "'low' must be a whole number of at least 0, or null."),
    ({"kind": "figure", "text": "", "low": 12, "high": 12, "counts": "killed"}, "Give the figure's words ('text')."),
])
def test_a_figure_that_cannot_be_recorded_is_a_400_saying_why(client, article, page_editor, payload, error):
    client.force_login(page_editor)
    response = post(client, "conflicts_suggestions_accept", article, payload)
    assert (response.status_code, response.json()) == (400, {"error": error})
    assert not Figure.objects.exists()


@pytest.mark.parametrize("payload", [
    {"kind": "place", "name": "X", "place_kind": "city", "latitude": float("nan"), "longitude": 1},
    {"kind": "place", "location_id": "abc"},
    {"kind": "place", "location_id": 999999},
    {"kind": "attribution", "statement": "x", "source": "a source"},
    {"kind": "attribution", "statement": "x", "status": "rumoured"},
    {"kind": "attribution", "statement": ""},
])
def test_bad_accept_requests_get_a_message(client, article, page_editor, payload):
    client.force_login(page_editor)
    response = client.post(reverse("conflicts_suggestions_accept", args=[article.pk]),
                           data=json.dumps(payload, allow_nan=True), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]
    assert not Claim.objects.exists()


def test_creating_records_needs_the_add_permission(client, article, page_editor):
    page_editor.groups.get().permissions.remove(Permission.objects.get(codename="add_location"))
    client.force_login(type(page_editor).objects.get(pk=page_editor.pk))
    response = post(client, "conflicts_suggestions_accept", article,
                    {"kind": "place", "name": "Idlib", "place_kind": "city"})
    assert (response.status_code, response.json()) == (403, {"error": "You cannot add places; ask an editor who can."})
    assert not Location.objects.exists()


def test_the_page_must_exist(client, page_editor, db):
    client.force_login(page_editor)
    response = client.post(reverse("conflicts_suggestions", args=[Page.objects.order_by("-pk").first().pk + 100]),
                           data="{}", content_type="application/json")
    assert response.status_code == 404


def test_suggesting_costs_the_same_queries_whatever_the_desk_holds(client, article, page_editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(page_editor)
    post(client, "conflicts_suggestions", article, {"text": TEXT})

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert post(client, "conflicts_suggestions", article, {"text": TEXT}).status_code == 200
        return len(captured)

    LocationFactory(name="Idlib", kind="city")
    AnonymousSourceFactory(public_label="a security source")
    few = queries()
    for number in range(20):
        LocationFactory(name=f"Village {number}", kind="village")
        AnonymousSourceFactory(public_label=f"a source {number}")
    post(client, "conflicts_suggestions_dismiss", article, {"kind": "place", "text": "Turkey"})
    assert queries() == few
