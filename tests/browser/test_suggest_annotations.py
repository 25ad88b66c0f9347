"""An editor asks the assistant for suggestions on an unannotated draft of the demo article, accepts
some, edits one, dismisses one and saves: the draft holds exactly what was accepted."""

import io
import re

from django.core.management import call_command
from django.utils.html import escape

from conflicts.models import Claim, DismissedSuggestion, Location, Source
from newsroom.demo.content import article_paragraphs
from newsroom.models import ArticlePage
from tests.browser.conftest import admin_login

STATEMENT = "Turkey expects a regime offensive backed by Russia and Iran."


def unannotated_draft_copy(article):
    """A draft copy of the demo article whose body is its paragraphs without any annotation."""
    copy = article.copy(to=article.get_parent(), keep_live=False,
                        update_attrs={"slug": "observation-posts-draft", "title": "Observation posts (draft)"})
    copy = ArticlePage.objects.get(pk=copy.pk)
    _standfirst, paragraphs, _credit = article_paragraphs()
    copy.body = [("paragraph", f"<p>{escape(text)}</p>") for text in paragraphs]
    copy.save_revision()
    return copy


def block_editor(page, phrase):
    """The rich-text block holding the phrase, found by position so that annotating it keeps the handle."""
    index = page.evaluate(
        """(phrase) => [...document.querySelectorAll('.Draftail-Editor')].findIndex(
            (editor) => editor.querySelector('[contenteditable=true]').textContent.includes(phrase))""",
        phrase,
    )
    assert index >= 0, f"no block holds {phrase!r}"
    return page.locator(".Draftail-Editor").nth(index)


def suggestions_of(editor):
    editor.get_by_role("button", name="Suggest annotations").click()
    panel = editor.get_by_role("region", name="Suggested annotations")
    panel.wait_for()
    return panel


def suggestion(panel, kind, text):
    return panel.locator(f"li.conflicts-suggestion[data-kind='{kind}']").filter(has_text=text).first


def stored_spans(html):
    """[kind, text, record id] of every annotation span in stored rich text."""
    spans = []
    for attributes, text in re.findall(r"<a ([^>]*)>([^<]*)</a>", html):
        values = dict(re.findall(r'(\w+)="([^"]*)"', attributes))
        spans.append([values["linktype"], text, values["id"]])
    return spans


def saved_body(page):
    """The blocks' entity data as the editor last saved them to its hidden inputs."""
    return page.evaluate(
        """() => [...document.querySelectorAll('input[type=hidden]')].flatMap((input) => {
            try {
                const state = JSON.parse(input.value);
                if (!state.blocks) return [];
                return state.blocks.flatMap((block) => block.entityRanges.map((range) => {
                    const entity = state.entityMap[range.key];
                    return [entity.type, block.text.substr(range.offset, range.length), String(entity.data.id)];
                }));
            } catch (error) { return []; }
        })"""
    )


def wait_for_entities(page, count):
    for _ in range(50):
        if len(saved_body(page)) == count:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"the editor saved {saved_body(page)}, not {count} annotations")


def test_editor_accepts_edits_and_dismisses_suggestions_and_saves_exactly_what_was_accepted(page, artifacts_dir):
    call_command("load_demo", admin_password="correct-horse-battery", stdout=io.StringIO())
    draft = unannotated_draft_copy(ArticlePage.objects.get(slug="turkey-withdraw-idlib-observation-posts"))
    claims_before = Claim.objects.count()
    admin_login(page, "admin")
    page.goto(f"/admin/pages/{draft.pk}/edit/")

    # Paragraph 2: the security source's quote, accepted with an edited statement; Iran dismissed.
    quote = block_editor(page, "A security source speaking to TRT World said")
    panel = suggestions_of(quote)
    attribution = suggestion(panel, "attributions", "A security source speaking to TRT World")
    attribution.get_by_role("button", name="Edit").click()
    attribution.locator("textarea[name='statement']").fill(STATEMENT)
    attribution.locator("select[name='status']").select_option("disputed")
    page.screenshot(path=str(artifacts_dir / "suggest-edit.png"))
    attribution.get_by_role("button", name="Accept").click()
    attribution.get_by_text("Accepted.").wait_for()
    suggestion(panel, "places", "Iran").get_by_role("button", name="Dismiss").click()
    suggestion(panel, "places", "Iran").get_by_text("Dismissed for this page.").wait_for()
    russia_in_quote = suggestion(panel, "places", "Russia")
    russia_in_quote.get_by_role("button", name="Accept").click()
    russia_in_quote.get_by_text("These words are already annotated; annotations cannot overlap.").wait_for()

    # Paragraph 1: every place accepted at once; paragraph 0: Idlib only.
    panel = suggestions_of(block_editor(page, "The observation points, twelve in total"))
    panel.get_by_role("button", name="Accept all places").click()
    suggestion(panel, "places", "Turkey").get_by_text("Accepted.").wait_for()
    suggestion(panel, "places", "Russia").get_by_text("Accepted.").wait_for()
    panel = suggestions_of(block_editor(page, "Turkey is set to withdraw"))
    idlib = suggestion(panel, "places", "Idlib")
    idlib.get_by_role("button", name="Accept").click()
    idlib.get_by_text("Accepted.").wait_for()
    page.screenshot(path=str(artifacts_dir / "suggest-accepted.png"), full_page=True)

    claim = Claim.objects.get(statement=STATEMENT)
    security_source = Source.objects.get(public_label="a security source")
    places = {name: Location.objects.get(name=name).pk for name in ("Russia", "Turkey", "Idlib province")}
    expected = sorted([
        ["SOURCE", "A security source speaking to TRT World", str(security_source.pk)],
        ["CLAIM", ("I think these withdrawals are clearly related to the Turkish expectation of a new military "
                   "operation by the Assad regime supported by Russia and Iran."), str(claim.pk)],
        ["PLACE", "Russia", str(places["Russia"])],
        ["PLACE", "Turkey", str(places["Turkey"])],
        ["PLACE", "Idlib", str(places["Idlib province"])],
    ])
    wait_for_entities(page, len(expected))
    assert sorted(saved_body(page)) == expected

    page.locator("button[name='action-save'], button:has-text('Save draft')").first.click()
    page.wait_for_load_state()
    page.locator(".messages").get_by_text("has been updated").wait_for()

    saved = ArticlePage.objects.get(pk=draft.pk).get_latest_revision_as_object()
    stored = "".join(block.value.source for block in saved.body)
    assert sorted(stored_spans(stored)) == sorted([kind.lower(), text, pk] for kind, text, pk in expected)
    assert Claim.objects.count() == claims_before + 1
    assert (claim.status, list(claim.attributions.values_list("source", flat=True))) == ("disputed", [security_source.pk])
    assert DismissedSuggestion.objects.filter(page=draft, kind="place", text="iran").exists()
    assert not ArticlePage.objects.get(pk=draft.pk).live

    page.goto(f"/admin/pages/{draft.pk}/edit/")
    panel = suggestions_of(block_editor(page, "A security source speaking to TRT World said"))
    places_offered = panel.locator("section[data-kind='places'] li").all_inner_texts()
    assert not any("Iran" in text for text in places_offered)
    assert any("Russia" in text for text in places_offered)
    assert panel.locator("section[data-kind='attributions'] li").count() == 0
    page.screenshot(path=str(artifacts_dir / "suggest-reopened.png"), full_page=True)
