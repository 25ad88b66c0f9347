"""A story goes through the Sourcing review: submitted, sent back with a comment, fixed, approved, published."""

import io

from django.core.management import call_command
from wagtail.models import TaskState

from conflicts.models import Claim, Source
from newsroom.models import ArticleIndexPage, ArticlePage
from tests.browser.conftest import admin_login
from tests.factories import make_article, make_claim

BARE = "troops left the Morek post"
COMMENT = "Who says the troops left? Hedge it or attribute it."


def open_actions(page):
    page.locator("footer .dropdown-toggle, footer [data-w-dropdown-target='toggle']").last.click()


def decide(page, label, comment, screenshot):
    """Chooses a decision in the editor's action menu and confirms it in the review modal."""
    open_actions(page)
    page.get_by_role("button", name=label).click()
    modal = page.locator(".modal-dialog")
    modal.wait_for()
    review = modal.locator("[data-sourcing-review]")
    review.wait_for()
    text = review.inner_text()
    modal.locator("textarea[name='comment']").fill(comment)
    page.screenshot(path=str(screenshot))
    with page.expect_navigation():
        modal.get_by_role("button", name=label).click()
    return text


def test_a_story_is_sent_back_fixed_and_published_through_the_sourcing_review(page, browser, live_server, artifacts_dir):
    call_command("load_demo", admin_password="correct-horse-battery", stdout=io.StringIO())
    news = ArticleIndexPage.objects.get()
    source = Source.objects.filter(is_anonymous=True).first()
    claim = make_claim(statement="Turkish troops left the Morek post.", conflict=ArticlePage.objects.get().conflict,
                       sources=[source])
    assert claim.status == "unconfirmed"
    story = make_article(news, title="Troops leave Morek", conflict=claim.conflict, live=False, publish=False,
                         body=[("paragraph", f'<p>On Friday <a linktype="claim" id="{claim.pk}">{BARE}</a> at dawn.</p>')])
    edit_url = f"/admin/pages/{story.pk}/edit/"

    admin_login(page, "editor")
    page.goto(edit_url)
    open_actions(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Submit to Sourcing review").click()
    assert "submitted for moderation" in page.locator(".messages").inner_text()

    standards = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    desk = standards.new_page()
    desk.set_default_timeout(15_000)
    try:
        admin_login(desk, "standards")
        desk.goto(edit_url)
        review = decide(desk, "Request changes to sourcing", COMMENT, artifacts_dir / "sourcing-review-request-changes.png")
        assert "states an unconfirmed claim with no hedge" in review
        assert source.public_label in review
        assert TaskState.objects.get(status=TaskState.STATUS_REJECTED).comment == COMMENT

        page.goto(f"/admin/pages/{story.pk}/history/")
        assert COMMENT in page.locator("main").inner_text()
        page.goto(edit_url)
        body = page.locator("[contenteditable=true]").filter(has_text=BARE).first
        body.click()
        page.keyboard.press("Control+Home")
        page.keyboard.type("Reportedly, ")
        page.wait_for_timeout(1500)
        open_actions(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Resubmit to Sourcing review").click()

        desk.goto(edit_url)
        review = decide(desk, "Approve sourcing", "Hedged and attributed.", artifacts_dir / "sourcing-review-approve.png")
        assert "No warnings" in review
    finally:
        desk.goto("about:blank")
        desk.wait_for_timeout(1000)
        standards.close()

    story = ArticlePage.objects.get(pk=story.pk)
    assert story.live
    assert "Reportedly, " in str(story.body)
    page.goto(story.url)
    assert "Reportedly, On Friday troops left the Morek post at dawn." in page.locator(".article-body").inner_text()
    assert Claim.objects.get(pk=claim.pk).status == "unconfirmed"
