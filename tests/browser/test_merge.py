"""The standards desk merges a duplicate claim from the admin: chooses the claim to keep, reviews what
moves, confirms; the article then names the claim kept and the duplicate's address redirects to it."""

import re

from playwright.sync_api import expect

from conflicts.models import Claim
from conflicts.services.claims import claim_change_status
from tests.browser.conftest import admin_login
from tests.factories import ConflictFactory, UserFactory, make_article, make_claim, make_site_tree

KEPT = "Turkey withdrew from the Morek observation post."
DUPLICATE = "Turkish troops left the Morek post."


def test_a_duplicate_claim_is_merged_from_the_admin(page, live_server):
    _home, news, _explainers = make_site_tree()
    conflict = ConflictFactory(name="Syrian war: Idlib", slug="idlib")
    keep = make_claim(statement=KEPT, conflict=conflict)
    claim_change_status(claim=keep, to="confirmed", by=None, note="Satellite images show the post empty.")
    duplicate = make_claim(statement=DUPLICATE, conflict=conflict)
    body = [("paragraph", f'<p><a linktype="claim" id="{duplicate.pk}">The troops left</a> on Tuesday.</p>')]
    article = make_article(news, title="Morek", conflict=conflict, body=body)
    admin = UserFactory(username="standards", is_staff=True, is_superuser=True)

    admin_login(page, admin.username)
    page.goto("/admin/snippets/conflicts/claim/")
    row = page.locator("tr", has_text=DUPLICATE)
    row.get_by_role("button", name=re.compile("More options")).click()
    row.get_by_role("link", name="Merge into…").click()
    page.wait_for_url(f"**/merge/{duplicate.pk}/")

    page.get_by_role("button", name="Choose claim").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("link", name=re.compile("Turkey withdrew")).click()
    page.wait_for_selector(".modal-dialog", state="detached")
    page.locator("textarea[name='note']").fill("Two wordings of the same withdrawal.")
    page.get_by_role("button", name="Review the merge").click()

    expect(page.locator("[data-merge-count='pages']")).to_have_text("1 page")
    expect(page.locator("[data-merge-count='live']")).to_have_text("1 annotation in live text")
    page.get_by_role("button", name=re.compile("Merge into “Turkey withdrew")).click()
    page.wait_for_url(f"**/admin/snippets/conflicts/claim/edit/{keep.pk}/")
    expect(page.locator(".messages")).to_contain_text("is merged into")

    assert Claim.objects.get(pk=duplicate.pk).merged_into_id == keep.pk
    page.goto(article.url)
    expect(page.locator(f".article-body a[data-id='{keep.pk}']")).to_have_attribute("data-status", "confirmed")
    page.goto(f"/claims/{duplicate.pk}/")
    expect(page).to_have_url(re.compile(rf"/claims/{keep.pk}/$"))
