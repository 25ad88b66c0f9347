"""Content warnings and "how we reported this" as readers, the API and ninjs partners get them."""

import pytest

from tests.api.schemas import ninjs_validator
from tests.factories import make_article, make_explainer

pytestmark = pytest.mark.django_db

NOTE = "Images of the dead in the second half."
BACKSTORY = "Our correspondent reached Saraqib on 3 February; the observation posts were not accessible."


def test_readers_see_the_content_warning_before_the_body(client, site_tree, conflict):
    article = make_article(site_tree["news"], title="Saraqib", conflict=conflict,
                           content_warning="graphic_violence", content_warning_note=NOTE)
    explainer = make_explainer(site_tree["explainers"], title="The posts", conflict=conflict,
                               content_warning="distressing_images")
    quiet = make_article(site_tree["news"], title="Quiet", conflict=conflict)

    page = client.get(article.url).content.decode()
    warning = f"<strong>Content warning:</strong> Graphic violence. {NOTE}</p>"
    assert warning in page
    assert page.index(warning) < page.index('<div class="article-body">')
    page = client.get(explainer.url).content.decode()
    assert "<strong>Content warning:</strong> Distressing images.</p>" in page
    assert page.index("Content warning:") < page.index('<div class="article-body">')
    assert "Content warning" not in client.get(quiet.url).content.decode()


def test_readers_see_how_the_story_was_reported(client, site_tree, conflict):
    article = make_article(site_tree["news"], title="Saraqib", conflict=conflict, backstory=BACKSTORY)
    page = client.get(article.url).content.decode()
    assert '<h2 id="backstory-heading">How we reported this</h2>' in page
    assert f"<p>{BACKSTORY}</p>" in page
    assert "How we reported this" not in client.get(make_article(site_tree["news"], title="Other").url).content.decode()


def test_the_api_carries_the_content_warning_and_backstory(client_for, site_tree, conflict):
    article = make_article(site_tree["news"], title="Saraqib", conflict=conflict, backstory=BACKSTORY,
                           content_warning="other", content_warning_note="Descriptions of torture")
    explainer = make_explainer(site_tree["explainers"], title="The posts", conflict=conflict,
                               content_warning="harm_to_children")
    quiet = make_article(site_tree["news"], title="Quiet", conflict=conflict)

    data = client_for.get(f"/api/v1/articles/{article.pk}/").json()
    assert data["content_warning"] == {"kind": "other", "note": "Descriptions of torture", "text": "Descriptions of torture."}
    assert data["backstory"] == BACKSTORY
    data = client_for.get(f"/api/v1/explainers/{explainer.pk}/").json()
    assert data["content_warning"] == {"kind": "harm_to_children", "note": "", "text": "Harm to children."}
    listed = {row["id"]: row for row in client_for.get("/api/v1/articles/").json()["results"]}
    assert listed[quiet.pk]["content_warning"] is None
    assert listed[quiet.pk]["backstory"] == ""


def test_ninjs_carries_them_as_descriptions_and_validates(client_for, site_tree, conflict):
    article = make_article(site_tree["news"], title="Saraqib", conflict=conflict, backstory=BACKSTORY,
                           content_warning="graphic_violence", content_warning_note=NOTE)
    item = client_for.get(f"/api/v1/articles/{article.pk}/", {"format": "ninjs"}).json()
    assert list(ninjs_validator().iter_errors(item)) == []
    assert item["descriptions"] == [
        {"role": "summary", "contenttype": "text/plain", "value": "What happened, in one paragraph."},
        {"role": "contentwarning", "contenttype": "text/plain", "value": f"Graphic violence. {NOTE}"},
        {"role": "backstory", "contenttype": "text/plain", "value": BACKSTORY},
    ]
    quiet = make_article(site_tree["news"], title="Quiet", conflict=conflict)
    item = client_for.get(f"/api/v1/articles/{quiet.pk}/", {"format": "ninjs"}).json()
    assert [row["role"] for row in item["descriptions"]] == ["summary"]
