"""docs/integrating.md, automated: on a `wagtail start` site with its own NewsStory page type,
an editor annotates a story in the Wagtail editor, readers see the claim with its status and
sourcing, a partner syndicates the story through the API, and a status change reaches the
partner's webhook, signed."""

import json
import urllib.request
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from home.models import HomePage, NewsStory
from wagtail.models import Site

from conflicts.models import Annotation, Claim, Conflict, Location, Partner, Source, Webhook
from conflicts.services.claims import claim_change_status
from conflicts.services.partners import partner_key_issue
from conflicts.services.webhooks import EVENT_ID_HEADER, SIGNATURE_HEADER, webhook_signature_verify

from .conftest import PASSWORD, admin_login

# The live server sees committed data only; the home page the migrations made is put back after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHRASE = "twelve observation posts"
STATEMENT = "Turkey set up twelve observation posts in Idlib."
LABEL = "a diplomat in Ankara"


def newsroom_with_a_story(live_server):
    """What the newsroom has before the editor starts: its Site at the live server's address (the
    origin of every URL it publishes), a conflict, a partner, an unannotated published story."""
    address = urlsplit(live_server.url)
    Site.objects.filter(is_default_site=True).update(hostname=address.hostname, port=address.port)
    get_user_model().objects.create_superuser("admin", "admin@example.com", PASSWORD)
    conflict = Conflict.objects.create(name="Syrian war: Idlib", slug="idlib")
    partner = Partner.objects.create(name="Partner Outlet", rate_limit="1000/minute")
    partner.conflicts.set([conflict])
    partner.save()  # a ParentalManyToManyField is written on save
    story = HomePage.objects.get().add_child(instance=NewsStory(
        title="Turkey to withdraw from posts in Idlib",
        slug="turkey-to-withdraw",
        standfirst="Ankara is reducing its military presence in north-west Syria.",
        byline="Host site staff",
        conflict=conflict,
        body="<p>Turkey had built twelve observation posts in total, officials said.</p>",
    ))
    morek = Location.objects.create(name="Morek", slug="morek", kind="town", latitude="35.3811", longitude="36.6874")
    story.places.set([morek])
    story.save_revision().publish()
    return story, partner


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


def wait_until_saved(page, claim_id):
    """Draftail writes its content state to the hidden input after a pause."""
    for _ in range(50):
        saved = page.evaluate(
            """() => [...document.querySelectorAll('input[type=hidden]')].flatMap((input) => {
                try {
                    const entities = Object.values(JSON.parse(input.value).entityMap || {});
                    return entities.filter((e) => e.type === 'CLAIM').map((e) => String(e.data.id));
                } catch (error) { return []; }
            })"""
        )
        if str(claim_id) in saved:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"claim {claim_id} never reached the saved body")


def annotate_in_the_editor(page, story):
    """Marks PHRASE as a new claim, said by a new anonymous source, and publishes the story."""
    admin_login(page, "admin")
    page.goto(f"/admin/pages/{story.pk}/edit/")
    select_phrase(page, PHRASE)
    editor = page.locator("[data-draftail-editor-wrapper], .Draftail-Editor").filter(has_text=PHRASE).last
    editor.locator("button[name='CLAIM']").click()

    modal = page.locator(".modal-dialog")
    modal.get_by_role("tab", name="Record the claim").click()
    modal.locator("textarea[name='statement']").fill(STATEMENT)
    modal.locator("select[name='conflict']").select_option(label="Syrian war: Idlib")
    modal.locator("select[name='status']").select_option("unconfirmed")
    modal.locator("input[name='new_source_label']").fill(LABEL)
    modal.locator("select[name='new_source_kind']").select_option("anonymous")
    modal.locator("input[name='new_source_reason']").fill("Not authorised to speak publicly.")
    modal.locator("#tab-create").get_by_role("button", name="Record the claim").click()
    page.wait_for_selector(".modal-dialog", state="detached")

    annotated = editor.locator(".annotation-entity--claim", has_text=PHRASE)
    assert annotated.get_attribute("data-status") == "unconfirmed"
    wait_until_saved(page, annotated.get_attribute("data-id"))

    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    with page.expect_navigation():
        page.locator("button[name='action-publish']").click()
    assert "has been published" in page.locator(".messages").inner_text()


def read_as_a_reader(page, story, claim, status):
    page.goto(story.url)
    origin = page.evaluate("location.origin")
    span = page.locator(f'[data-annotation="claim"][data-id="{claim.pk}"]')
    assert span.inner_text() == PHRASE
    assert span.get_attribute("data-status") == status
    assert LABEL in page.locator("#" + span.get_attribute("aria-describedby")).inner_text()
    summary = page.locator(".sourcing-summary")
    assert summary.locator("[data-summary=claims] strong").inner_text() == "1"
    assert summary.locator(f"[data-summary=claims] [data-status={status}]").get_attribute("data-count") == "1"
    # Sources annotated in the text (none here: the claim's source is recorded on the claim).
    assert summary.locator("[data-summary=sources] strong").inner_text() == "0"
    assert summary.locator("[data-summary=anonymous] strong").inner_text() == "0"

    # The story's place, listed with its coordinates and drawn on the map.
    assert page.locator(".place-list li").inner_text() == "Morek (town) 35.3811, 36.6874"
    page.wait_for_selector(".map.map--ready .leaflet-marker-icon", state="attached")
    assert page.locator(".map .leaflet-marker-icon").count() == 1

    sitemap = urllib.request.urlopen(f"{origin}/sitemap.xml", timeout=30).read().decode()
    for path in (story.url, claim.get_absolute_url(), "/conflicts/idlib/", "/places/morek/"):
        assert f"<loc>{origin}{path}</loc>" in sitemap

    page.goto(claim.get_absolute_url())
    assert page.locator("h1").inner_text() == STATEMENT
    assert page.locator("article.claim").get_attribute("data-status") == status
    assert story.title in page.locator(".card-list").inner_text()


def partner_get(live_server, key, path):
    request = urllib.request.Request(f"{live_server.url}{path}", headers={"Authorization": f"Api-Key {key}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers["Content-Type"], json.load(response)


def syndicate(live_server, key, story, claim):
    status, _, listing = partner_get(live_server, key, "/api/v1/articles/")
    assert status == 200
    assert [item["id"] for item in listing["results"]] == [story.pk]

    status, content_type, article = partner_get(live_server, key, f"/api/v1/articles/{story.pk}/")
    assert (status, content_type) == (200, "application/json")
    assert article["title"] == story.title
    assert f'data-annotation="claim" data-id="{claim.pk}"' in article["body_html"]
    assert [(a["kind"], a["record_id"], a["quote"]) for a in article["annotations"]] == [
        ("claim", claim.pk, PHRASE)
    ]

    status, content_type, ninjs = partner_get(live_server, key, f"/api/v1/articles/{story.pk}/?format=ninjs")
    assert (status, content_type) == (200, "application/ninjs+json")
    assert ninjs["headlines"][0]["value"] == story.title
    assert ninjs["by"] == "Host site staff"
    assert ninjs["bodies"][0]["value"].count('data-annotation="claim"') == 1
    assert LABEL in {source["name"] for source in ninjs["infosources"]}

    status, content_type, annotations = partner_get(live_server, key, f"/api/v1/articles/{story.pk}/annotations/")
    assert (status, content_type) == (200, "application/ld+json")
    [item] = annotations["items"]
    assert item["type"] == "Annotation"
    assert item["target"]["source"] == f"{live_server.url}{story.url}"
    assert item["body"][0]["source"] == f"{live_server.url}{claim.get_absolute_url()}"
    return item["target"]


def assert_selectors_resolve(page, target):
    """Each W3C selector finds the annotated words on the host's public page."""
    page.goto(target["source"])
    for selector in target["selector"]:
        assert selector["type"] == "CssSelector"
        text = page.locator(selector["value"]).text_content()
        refinement = selector["refinedBy"]
        if refinement["type"] == "TextPositionSelector":
            assert text[refinement["start"]:refinement["end"]] == PHRASE
        else:
            assert refinement["exact"] == PHRASE
            assert text.count(refinement["prefix"] + PHRASE + refinement["suffix"]) == 1

def test_a_story_annotated_in_the_editor_reaches_readers_partners_and_webhooks(page, live_server, receiver):
    story, partner = newsroom_with_a_story(live_server)
    key = partner_key_issue(partner=partner)[1]
    webhook = Webhook.objects.create(partner=partner, url=receiver.url, events=["claim.status_changed"])

    annotate_in_the_editor(page, story)
    claim = Claim.objects.get(statement=STATEMENT)
    source = Source.objects.get(public_label=LABEL)
    assert source.is_anonymous
    assert list(claim.attributions.values_list("source", flat=True)) == [source.pk]
    assert list(Annotation.objects.filter(page=story).values_list("kind", "claim", "quote")) == [
        ("claim", claim.pk, PHRASE)
    ]

    read_as_a_reader(page, story, claim, status="unconfirmed")
    target = syndicate(live_server, key, story, claim)
    assert_selectors_resolve(page, target)
    assert receiver.requests == []

    claim_change_status(claim=claim, to="confirmed", by=None, note="Satellite images show all twelve posts.",
                        internal_note="Confirmed by the Ankara stringer; do not name him.")
    [(headers, body)] = receiver.requests
    assert webhook_signature_verify(webhook.secret, headers[SIGNATURE_HEADER], body)
    event = json.loads(body)
    assert (event["type"], event["id"]) == ("claim.status_changed", headers[EVENT_ID_HEADER])
    assert (event["data"]["claim"]["id"], event["data"]["from"], event["data"]["to"]) == (
        claim.pk, "unconfirmed", "confirmed"
    )
    assert event["data"]["note"] == "Satellite images show all twelve posts."
    assert b"Ankara stringer" not in body

    read_as_a_reader(page, story, claim, status="confirmed")
