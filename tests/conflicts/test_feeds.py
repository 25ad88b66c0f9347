"""RSS feeds read by a feed parser as readers' apps read them: valid, and plain text kept as text."""

from html.parser import HTMLParser

import feedparser
import pytest
from django.urls import reverse

from tests.factories import ConflictFactory, make_article

TRICKY_TEXT = '<500 troops & "quotes" in Idlib\'s <b>south</b>'
TITLE = '<500 troops & "quotes"'
MARKUP = "<script>alert(1)</script><img src=x onerror=alert(2)>"


class TextOnly(HTMLParser):
    """The text an HTML fragment shows, and the elements it would create."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.elements = "", []

    def handle_data(self, data):
        self.text += data

    def handle_starttag(self, tag, attrs):
        self.elements.append(tag)


def shown_as_html(fragment):
    parser = TextOnly()
    parser.feed(fragment)
    parser.close()
    return parser.text, parser.elements


def parse(client, path):
    response = client.get(path)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    return feed


@pytest.fixture
def feeds(site_tree):
    conflict = ConflictFactory(name="Syrian war: Idlib", slug="idlib", summary=TRICKY_TEXT)
    make_article(site_tree["news"], title=TITLE, standfirst=TRICKY_TEXT, conflict=conflict, byline="Desk & staff")
    make_article(site_tree["news"], title="Markup", standfirst=MARKUP, conflict=conflict)
    return [reverse("conflicts:latest_feed"), reverse("conflicts:conflict_feed", args=["idlib"])]


def test_a_standfirst_reaches_feed_readers_exactly_as_written(client, feeds):
    for path in feeds:
        entries = {entry.title: entry for entry in parse(client, path).entries}
        tricky = entries[TITLE]
        assert tricky.title_detail.type == "text/plain"
        assert tricky.summary_detail.type == "text/html"
        assert shown_as_html(tricky.summary) == (TRICKY_TEXT, [])
        assert tricky.author == "Desk & staff"


def test_markup_in_a_standfirst_arrives_as_text_not_elements(client, feeds):
    for path in feeds:
        entry = next(entry for entry in parse(client, path).entries if entry.title == "Markup")
        assert shown_as_html(entry.summary) == (MARKUP, [])


def test_a_conflict_summary_is_the_feed_description_as_written(client, feeds):
    feed = parse(client, feeds[1])
    assert shown_as_html(feed.feed.subtitle) == (TRICKY_TEXT, [])
    assert shown_as_html(parse(client, feeds[0]).feed.subtitle) == ("The newsroom's latest conflict reporting.", [])
