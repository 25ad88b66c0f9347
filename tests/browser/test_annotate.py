"""An editor annotates a phrase in the demo article as a new claim, readers see it, then it is removed."""

import io

from django.core.management import call_command

from conflicts.models import Claim, Source
from newsroom.models import ArticlePage
from tests.browser.conftest import admin_login

PHRASE = "twelve in total"
LABEL = "a diplomat in Ankara"
PUBLIC_URL = "/news/turkey-withdraw-idlib-observation-posts/"


def select_phrase(page, phrase):
    """Puts the caret before the phrase in the body editor and extends the selection over it."""
    box = page.evaluate(
        """(phrase) => {
            const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const node = walker.currentNode;
                const at = node.textContent.indexOf(phrase);
                if (at >= 0 && node.parentElement.closest('[contenteditable=true]')) {
                    node.parentElement.scrollIntoView({block: 'center', behavior: 'instant'});
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + phrase.length);
                    const rects = range.getClientRects();
                    const first = rects[0], last = rects[rects.length - 1];
                    return {x1: first.left + 1, y1: first.top + first.height / 2,
                            x2: last.right - 1, y2: last.top + last.height / 2};
                }
            }
            return null;
        }""",
        phrase,
    )
    assert box, f"{phrase!r} not found in the editor"
    page.mouse.click(box["x1"] - 1, box["y1"])
    for _ in phrase:
        page.keyboard.press("Shift+ArrowRight")
    assert page.evaluate("() => window.getSelection().toString()") == phrase


def editor_of(page, phrase):
    return page.locator("[data-draftail-editor-wrapper], .Draftail-Editor").filter(has_text=phrase).last


def saved_claim_ids(page):
    """The claim ids in the editor's saved content state (Draftail saves it to its hidden input after a pause)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('input[type=hidden]')].flatMap((input) => {
            try {
                const entities = Object.values(JSON.parse(input.value).entityMap || {});
                return entities.filter((e) => e.type === 'CLAIM').map((e) => String(e.data.id));
            } catch (error) { return []; }
        })"""
    )


def wait_until_saved(page, claim_id, present):
    for _ in range(50):
        if (str(claim_id) in saved_claim_ids(page)) == present:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"claim {claim_id} {'never reached' if present else 'still in'} the saved body")


def publish(page):
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    with page.expect_navigation():
        page.locator("button[name='action-publish']").click()
    assert "has been published" in page.locator(".messages").inner_text()


def test_editor_annotates_a_new_claim_with_a_new_anonymous_source(page, artifacts_dir):
    call_command("load_demo", admin_password="correct-horse-battery", stdout=io.StringIO())
    article = ArticlePage.objects.get()
    admin_login(page, "admin")
    page.goto(f"/admin/pages/{article.pk}/edit/")

    select_phrase(page, PHRASE)
    editor = editor_of(page, PHRASE)
    editor.locator("button[name='CLAIM']").click()

    modal = page.locator(".modal-dialog")
    modal.get_by_role("tab", name="Record the claim").click()
    modal.locator("textarea[name='statement']").fill("Turkey set up twelve observation posts in Idlib.")
    conflict = modal.locator("[data-record-autocomplete]", has=page.locator("select[name='conflict']"))
    conflict.locator("select").select_option("")
    conflict.locator("input[type=search]").fill("Idli")
    conflict.locator("option", has_text="Syrian war: Idlib").wait_for(state="attached")
    conflict.locator("select").select_option(label="Syrian war: Idlib")
    modal.locator("select[name='status']").select_option("unconfirmed")
    modal.locator("input[name='new_source_label']").fill(LABEL)
    modal.locator("input[name='new_source_reason']").fill("Not authorised to speak publicly.")
    page.screenshot(path=str(artifacts_dir / "annotate-create-claim.png"))
    modal.locator("#tab-create").get_by_role("button", name="Record the claim").click()
    page.wait_for_selector(".modal-dialog", state="detached")

    annotated = editor.locator(".annotation-entity--claim", has_text=PHRASE)
    assert annotated.get_attribute("data-status") == "unconfirmed"
    wait_until_saved(page, annotated.get_attribute("data-id"), present=True)
    page.screenshot(path=str(artifacts_dir / "annotate-editor.png"))
    publish(page)

    claim = Claim.objects.get(statement="Turkey set up twelve observation posts in Idlib.")
    source = Source.objects.get(public_label=LABEL)
    assert source.is_anonymous
    assert list(claim.attributions.values_list("source", flat=True)) == [source.pk]
    page.goto(PUBLIC_URL)
    span = page.locator(f'[data-annotation="claim"][data-id="{claim.pk}"]')
    assert span.inner_text() == PHRASE
    assert span.get_attribute("data-status") == "unconfirmed"
    note = page.locator("#" + span.get_attribute("aria-describedby"))
    assert LABEL in note.inner_text()
    span.focus()
    page.screenshot(path=str(artifacts_dir / "annotate-public.png"), full_page=True)

    page.goto(f"/admin/pages/{article.pk}/edit/")
    editor = editor_of(page, PHRASE)
    editor.locator(".annotation-entity--claim", has_text=PHRASE).locator("a, span, button").first.click()
    page.get_by_role("button", name="Remove", exact=True).click()
    assert editor.locator(".annotation-entity--claim", has_text=PHRASE).count() == 0
    wait_until_saved(page, claim.pk, present=False)
    publish(page)

    page.goto(PUBLIC_URL)
    assert page.locator(f'[data-annotation="claim"][data-id="{claim.pk}"]').count() == 0
    assert PHRASE in page.locator(".article-body").inner_text()
