"""Figures in a real browser: an editor annotates one with its range and source; readers see it in
the article, on the conflict page and in the tally chart, drawn without JavaScript."""

import io
import re

from django.core.management import call_command

from conflicts.models import Figure, Source, Tally
from newsroom.models import ArticlePage
from tests.browser.conftest import admin_login
from tests.browser.test_annotate import editor_of, publish, select_phrase
from tests.factories import SourceFactory, UserFactory, make_article, make_site_tree

SENTENCE = "Between 300 and 400 fighters were killed in the clashes, a monitoring group said."
PHRASE = "Between 300 and 400 fighters were killed"


def test_an_editor_annotates_a_figure_with_its_range_and_source(page, artifacts_dir):
    from conflicts.models import Conflict

    home, news, _explainers = make_site_tree()
    conflict = Conflict.objects.create(name="Syrian war: Idlib", slug="idlib")
    monitor = SourceFactory(public_label="a monitoring group", kind="named_organisation")
    article = make_article(news, title="Clashes", conflict=conflict, body=[("paragraph", f"<p>{SENTENCE}</p>")])
    UserFactory(username="desk", is_staff=True, is_superuser=True, password="correct-horse-battery")
    admin_login(page, "desk")
    page.goto(f"/admin/pages/{article.pk}/edit/")

    select_phrase(page, PHRASE)
    editor = editor_of(page, PHRASE)
    editor.locator("button[name='FIGURE']").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("tab", name="Record the figure").click()
    form = modal.locator("#tab-create")
    # The chooser read the range and what is counted from the selected words.
    assert form.locator("input[name='low']").input_value() == "300"
    assert form.locator("input[name='high']").input_value() == "400"
    assert form.locator("select[name='counts']").input_value() == "killed"
    assert form.locator("select[name='conflict']").input_value() == str(conflict.pk)
    form.locator("select[name='counted']").select_option("combatants")
    form.locator("select[name='source']").select_option(label="a monitoring group")
    form.locator("select[name='status']").select_option("unconfirmed")
    page.screenshot(path=str(artifacts_dir / "figure-create.png"))
    form.get_by_role("button", name="Record the figure").click()
    page.wait_for_selector(".modal-dialog", state="detached")

    figure = Figure.objects.get()
    assert (figure.low, figure.high, figure.source, figure.words) == (300, 400, monitor, PHRASE)
    annotated = editor.locator(".annotation-entity--figure", has_text=PHRASE)
    assert annotated.get_attribute("data-status") == "unconfirmed"
    assert annotated.get_attribute("data-id") == str(figure.pk)
    page.wait_for_timeout(600)
    publish(page)

    page.goto(article.url)
    span = page.locator(f'[data-annotation="figure"][data-id="{figure.pk}"]')
    assert span.inner_text() == PHRASE and span.get_attribute("data-status") == "unconfirmed"
    note = page.locator("#" + span.get_attribute("aria-describedby")).inner_text()
    assert "300–400 killed" in note and "a monitoring group" in note and "Unconfirmed" in note
    page.screenshot(path=str(artifacts_dir / "figure-public.png"), full_page=True)


def load_demo():
    call_command("load_demo", admin_password="correct-horse-battery", stdout=io.StringIO())
    return ArticlePage.objects.live().get()


def test_readers_follow_a_figure_from_the_article_to_its_tally_chart(page, artifacts_dir):
    article = load_demo()
    tally = Tally.objects.get()
    used = tally.used_figure
    page.goto(article.url)
    span = page.locator(f'[data-annotation="figure"][data-id="{used.pk}"]')
    assert span.inner_text() == "between 10,000 and 15,000 troops"
    note = page.locator("#" + span.get_attribute("aria-describedby")).inner_text()
    assert "10,000–15,000 troops" in note and "TRT World" in note and "October 2020" in note

    span.click()
    page.wait_for_url(f"**/tallies/{tally.pk}/#figure-{used.pk}")
    chart = page.locator(".tally-chart svg")
    assert chart.is_visible()
    assert chart.locator("circle").count() == tally.figures.count() >= 2
    assert chart.locator("circle.series-point--used").get_attribute("data-figure") == str(used.pk)
    sources = Source.objects.filter(figures__tally=tally).distinct().count()
    assert page.locator(".tally-legend li").count() == sources >= 2
    rows = page.locator(".tally-table tbody tr")
    assert rows.count() == tally.figures.count()
    assert "Used in our text" in page.locator(f"#figure-{used.pk}").inner_text()
    summary = page.locator(".tally-summary").inner_text()
    assert re.search(r"between 7,000 and 20,000", summary) and "10,000–15,000 troops" in summary
    page.screenshot(path=str(artifacts_dir / "tally-chart.png"), full_page=True)


def test_the_chart_is_drawn_without_javascript(browser, live_server, artifacts_dir):
    load_demo()
    tally = Tally.objects.get()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(tally.get_absolute_url())
        box = page.locator(".tally-chart svg").bounding_box()
        assert box["width"] > 200 and box["height"] > 80
        assert page.locator(".tally-chart circle").count() == tally.figures.count()
    finally:
        context.close()


def test_the_conflict_page_shows_the_tally_and_the_timeline_by_event_time(page, artifacts_dir):
    article = load_demo()
    page.goto(article.conflict.get_absolute_url())
    tally = Tally.objects.get()
    assert page.locator(f"#tally-{tally.pk} .tally-chart svg").is_visible()
    entries = page.locator(".event-timeline__entry")
    assert entries.count() >= 4
    dates = [entries.nth(i).locator("time").get_attribute("datetime") for i in range(entries.count())]
    assert dates == sorted(dates)
    months = page.locator('.event-timeline__entry[data-precision="month"] time').all_inner_texts()
    assert "October 2020" in months
    figures = page.locator('.event-timeline__entry[data-kind="figure"]').all_inner_texts()
    assert any("10,000–15,000 troops" in text for text in figures)
    page.screenshot(path=str(artifacts_dir / "conflict-figures.png"), full_page=True)
