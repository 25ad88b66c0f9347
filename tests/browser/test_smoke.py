"""The demo article opens in a real browser."""

import io

from django.core.management import call_command


def test_demo_article_shows_headline_and_dateline(page):
    call_command("load_demo", admin_password="correct-horse-battery", stdout=io.StringIO())
    page.goto("/news/turkey-withdraw-idlib-observation-posts/")
    assert page.locator("h1").inner_text() == "Turkey set to withdraw from several observation posts in Idlib"
    assert "IDLIB PROVINCE" in page.locator(".dateline").inner_text()
    assert page.get_by_text("Shir Maghar").count() >= 1
