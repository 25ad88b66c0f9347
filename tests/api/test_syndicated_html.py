"""Syndicated HTML works on a partner's page: absolute links and images, no reference outside the body."""

import re
from html.parser import HTMLParser

import pytest
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from conflicts.selectors import annotated_body
from tests.factories import LocationFactory, SourceFactory, make_article, make_claim, make_explainer

ORIGIN = "http://localhost"  # the test site tree's default Site


class BodyReader(HTMLParser):
    """The text of an HTML fragment, its link and image URLs, its ids and the ids it refers to."""

    REFERENCES = ("aria-describedby", "aria-labelledby", "aria-controls", "aria-owns", "for", "headers", "list")

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.text, self.urls, self.ids, self.references = "", [], set(), []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src"):
                self.urls.append(value)
            elif name == "id":
                self.ids.add(value)
            elif name in self.REFERENCES:
                self.references += value.split()

    def handle_data(self, data):
        self.text += data


@pytest.fixture
def story(site_tree, conflict, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    claim = make_claim(statement="Turkey withdrew from Morek.", conflict=conflict, status="confirmed")
    source = SourceFactory(public_label="a security source")
    place = LocationFactory(name="Morek", slug="morek")
    explainer = make_explainer(site_tree["explainers"], title="What are the observation posts?", conflict=conflict)
    image = get_image_model().objects.create(title="Morek post", file=get_test_image_file())
    paragraph = (
        f'<p><a linktype="claim" id="{claim.pk}">Turkey withdrew</a> from '
        f'<a linktype="place" id="{place.pk}">Morek</a>, <a linktype="source" id="{source.pk}">a source</a> said. '
        f'See <a linktype="page" id="{explainer.pk}">the posts</a>, <a href="#claims-heading">the claims</a>, '
        f'<a href="/sourcing-policy/">our policy</a> and <a href="https://www.un.org/">the UN</a>.</p>'
    )
    body = [("paragraph", paragraph), ("image", {"image": image, "caption": "The post", "credit": "Desk"})]
    article = make_article(site_tree["news"], title="Posts withdrawn", conflict=conflict, body=body)
    return {"article": article, "claim": claim, "source": source, "place": place, "explainer": explainer,
            "rendition": image.get_rendition("width-1200")}


def expected_urls(story):
    article_url = f"{ORIGIN}{story['article'].url}"
    return [
        f"{ORIGIN}/claims/{story['claim'].pk}/",
        f"{ORIGIN}/places/morek/",
        f"{ORIGIN}/sources/{story['source'].pk}/",
        f"{ORIGIN}{story['explainer'].url}",
        f"{article_url}#claims-heading",
        f"{ORIGIN}/sourcing-policy/",
        "https://www.un.org/",
        f"{ORIGIN}{story['rendition'].url}",
    ]


def syndicated_bodies(client_for, story):
    article_id = story["article"].pk
    resource = client_for.get(f"/api/v1/articles/{article_id}/").json()
    ninjs = client_for.get(f"/api/v1/articles/{article_id}/", {"format": "ninjs"}).json()
    return {"body_html": resource["body_html"], "ninjs": ninjs["bodies"][0]["value"]}


def test_syndicated_bodies_have_absolute_links_and_images_and_no_dangling_references(client_for, story):
    for name, html in syndicated_bodies(client_for, story).items():
        body = BodyReader(html)
        assert body.urls == expected_urls(story), name
        assert [ref for ref in body.references if ref not in body.ids] == [], name


def test_syndication_changes_no_text_and_the_public_page_keeps_its_notes(client, client_for, story):
    public_html = annotated_body(story["article"])["body_html"]
    for html in syndicated_bodies(client_for, story).values():
        assert BodyReader(html).text == BodyReader(public_html).text
    page = BodyReader(client.get(story["article"].url).content.decode())
    claim_note = f"annotation-note-claim-{story['claim'].pk}"
    assert claim_note in page.references and claim_note in page.ids
    assert re.search(r'<a href="/claims/\d+/"', public_html)


def test_an_explainer_body_is_syndicated_the_same_way(client_for, site_tree, conflict, story):
    place = story["place"]
    explainer = make_explainer(site_tree["explainers"], title="Morek", conflict=conflict,
                               body=[("paragraph", f'<p><a linktype="place" id="{place.pk}">Morek</a></p>')])
    body = BodyReader(client_for.get(f"/api/v1/explainers/{explainer.pk}/").json()["body_html"])
    assert (body.urls, body.references) == ([f"{ORIGIN}/places/morek/"], [])
