"""The standards desk in a browser: places chosen in the chooser modal, a claim settled from the report."""

from django.urls import reverse

from conflicts.models import Claim, Location
from tests.browser.conftest import admin_login
from tests.factories import ConflictFactory, LocationFactory, UserFactory, make_claim


def test_an_editor_chooses_places_in_the_modal_and_saves_the_claim(page, site_tree):
    UserFactory(username="desk", is_staff=True, is_superuser=True)
    claim = make_claim(statement="Shelling near Saraqib.", conflict=ConflictFactory(name="Idlib"))
    for name in ("Saraqib", "Morek", "Kafranbel"):
        LocationFactory(name=name)
    admin_login(page, "desk")
    page.goto(reverse("wagtailsnippets_conflicts_claim:edit", args=[claim.pk]))
    page.click("text=Choose places")
    modal = page.locator(".modal-dialog")
    modal.locator("label:has-text('Saraqib'), td:has-text('Saraqib')").first.wait_for()
    for name in ("Saraqib", "Morek"):
        modal.locator(f"input[data-multiple-choice-select][title='Select {name}']").check()
    modal.locator("[data-multiple-choice-submit]").click()
    chosen = page.locator("[data-record-chooser-list] li")
    chosen.nth(1).wait_for()
    assert sorted(chosen.all_inner_texts()) == ["Morek\nRemove", "Saraqib\nRemove"]
    page.locator("[data-record-chooser-list] li", has_text="Morek").get_by_role("button", name="Remove Morek").click()
    with page.expect_navigation():
        page.locator("footer button[type=submit]").first.click()
    assert [place.name for place in claim.places.all()] == ["Saraqib"]
    assert Location.objects.count() == 3


def test_the_desk_settles_a_claim_from_the_open_claims_report(page, site_tree):
    UserFactory(username="desk", is_staff=True, is_superuser=True)
    claim = make_claim(statement="Turkish troops reached Morek.", conflict=ConflictFactory(name="Idlib"))
    admin_login(page, "desk")
    report = reverse("conflicts_open_claims")
    page.goto(report)
    row = page.locator("tr", has_text="Turkish troops reached Morek.")
    row.get_by_role("link", name="Change status").click()
    page.select_option("select[name=new_status]", "confirmed")
    page.fill("textarea[name=status_note]", "Geolocated footage.")
    with page.expect_navigation():
        page.locator("footer button[type=submit]").first.click()
    assert page.url.endswith(report) or report in page.url
    assert "is now confirmed" in page.locator(".messages").inner_text()
    assert page.locator("tr", has_text="Turkish troops reached Morek.").count() == 0
    assert Claim.objects.get(pk=claim.pk).status_changes.last().note == "Geolocated footage."


def test_the_claims_listing_filters_by_a_place_found_by_typing(page, site_tree):
    UserFactory(username="desk", is_staff=True, is_superuser=True)
    conflict = ConflictFactory(name="Idlib")
    morek, saraqib = LocationFactory(name="Morek"), LocationFactory(name="Saraqib")
    make_claim(statement="Shelling near Morek.", conflict=conflict, places=[morek])
    make_claim(statement="Shelling near Saraqib.", conflict=conflict, places=[saraqib])
    admin_login(page, "desk")
    page.goto(reverse("wagtailsnippets_conflicts_claim:list"))
    page.get_by_role("button", name="Filter").first.click()
    page.get_by_role("button", name="Place", exact=True).click()
    place = page.locator("[data-record-autocomplete]", has=page.locator("select[name='places']"))
    place.locator("input[type=search]").fill("Mor")
    place.locator("option", has_text="Morek").wait_for(state="attached")
    with page.expect_response(lambda response: "places=" in response.url):
        place.locator("select").select_option(label="Morek")
    results = page.locator("#listing-results")
    results.get_by_text("Shelling near Morek.").wait_for()
    assert results.get_by_text("Shelling near Saraqib.").count() == 0
