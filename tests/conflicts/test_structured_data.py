"""schema.org JSON-LD as a consumer extracts it (extruct), in schema.org's own terms."""

import io

import extruct
import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from conflicts.choices import SourceKind
from conflicts.models import Claim
from newsroom.models import ArticlePage, ExplainerPage
from tests.factories import ConflictFactory, SourceFactory, make_article, make_claim, make_explainer

ORIGIN = "http://localhost"  # the default Site of the demo and of the test site tree


def _schema_terms():
    from rdflib.namespace import SDO  # schema.org's vocabulary, as rdflib ships it

    return set(SDO.__annotations__)


SCHEMA_TERMS = _schema_terms()
DEFAULT_IMAGE = f"{ORIGIN}/static/img/conflict-desk.png"


def json_ld(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return extruct.extract(response.content.decode(), base_url=f"{ORIGIN}{path}", syntaxes=["json-ld"])["json-ld"]


def unknown_terms(data):
    """Types and properties that schema.org does not define."""
    if isinstance(data, list):
        return [term for value in data for term in unknown_terms(value)]
    if not isinstance(data, dict):
        return []
    unknown = [] if data.get("@type", "Thing") in SCHEMA_TERMS else [f"@type {data['@type']}"]
    for key, value in data.items():
        if not key.startswith("@") and key not in SCHEMA_TERMS:
            unknown.append(key)
        unknown += unknown_terms(value)
    return unknown


@pytest.fixture
def demo(db):
    call_command("load_demo", admin_password="correct-horse-battery", stdout=io.StringIO())
    return ArticlePage.objects.live().get()


def test_every_demo_page_type_publishes_json_ld_in_schema_org_terms(client, demo):
    explainer = ExplainerPage.objects.live().first()
    verdict = Claim.objects.filter(annotations__page=demo, status="confirmed").first()
    pages = {demo.url: "NewsArticle", explainer.url: "BackgroundNewsArticle",
             verdict.get_absolute_url(): "ClaimReview", "/places/morek/": "Place"}
    for path, schema_type in pages.items():
        (data,) = json_ld(client, path)
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == schema_type
        assert unknown_terms(data) == [], path


def test_articles_and_explainers_name_their_page_and_an_image(client, demo):
    explainer = ExplainerPage.objects.live().first()
    (article,) = json_ld(client, demo.url)
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": f"{ORIGIN}{demo.url}"}
    assert article["image"] == DEFAULT_IMAGE
    (background,) = json_ld(client, explainer.url)
    assert background["headline"] == explainer.title
    assert background["description"] == explainer.summary
    assert background["url"] == f"{ORIGIN}{explainer.url}"
    assert background["mainEntityOfPage"] == {"@type": "WebPage", "@id": f"{ORIGIN}{explainer.url}"}
    assert background["image"] == DEFAULT_IMAGE
    assert background["publisher"]["@type"] == "NewsMediaOrganization"
    assert client.get("/static/img/conflict-desk.png").status_code == 200


def test_the_first_image_of_the_body_is_the_article_image(client, site_tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    first = get_image_model().objects.create(title="Morek post", file=get_test_image_file())
    second = get_image_model().objects.create(title="Convoy", file=get_test_image_file())
    body = [("paragraph", "<p>Text.</p>"), ("image", {"image": first, "caption": "", "credit": ""}),
            ("image", {"image": second, "caption": "", "credit": ""})]
    article = make_article(site_tree["news"], title="With images", body=body)
    explainer = make_explainer(site_tree["explainers"], title="Illustrated", body=body)
    rendition = first.get_rendition("width-1200")
    for page in (article, explainer):
        (data,) = json_ld(client, page.url)
        assert data["image"] == f"{ORIGIN}{rendition.url}"


KIND_AUTHORS = [
    (SourceKind.NAMED_PERSON, "Ibrahim Kalin", False, {"@type": "Person", "name": "Ibrahim Kalin"}),
    (SourceKind.EYEWITNESS, "a resident of Saraqib", False, {"@type": "Person", "description": "a resident of Saraqib"}),
    (SourceKind.ANONYMOUS, "a security source", True, {"@type": "Person", "description": "a security source"}),
    (SourceKind.NAMED_ORGANISATION, "SOHR", False, {"@type": "Organization", "name": "SOHR"}),
    (SourceKind.NEWS_AGENCY, "Reuters", False, {"@type": "Organization", "name": "Reuters"}),
    (SourceKind.STATE_MEDIA, "SANA", False, {"@type": "Organization", "name": "SANA"}),
    (SourceKind.OFFICIAL_STATEMENT, "the Turkish defence ministry", False,
     {"@type": "Organization", "name": "the Turkish defence ministry"}),
    (SourceKind.OWN_REPORTING, "our correspondent", False,
     {"@type": "NewsMediaOrganization", "name": "Conflict Desk", "url": f"{ORIGIN}/"}),
    (SourceKind.SOCIAL_MEDIA_FOOTAGE, "footage online", False, None),
    (SourceKind.UNSPECIFIED_REPORTS, "new reports", False, None),
]


@pytest.mark.parametrize("kind, label, anonymous, author", KIND_AUTHORS, ids=[row[0] for row in KIND_AUTHORS])
def test_a_claims_author_is_typed_by_its_source_kind_and_never_given_a_name(client, site_tree, kind, label, anonymous, author):
    conflict = ConflictFactory()
    source = SourceFactory(kind=kind, public_label=label, is_anonymous=anonymous,
                           anonymity_reason="Reprisals." if anonymous else "")
    claim = make_claim(statement="The post was evacuated.", conflict=conflict, status="confirmed", sources=[source])
    make_article(site_tree["news"], title="Evacuated", conflict=conflict,
                 body=[("paragraph", f'<p><a linktype="claim" id="{claim.pk}">The post was evacuated.</a></p>')])
    (review,) = json_ld(client, claim.get_absolute_url())
    assert review["itemReviewed"].get("author") == ([author] if author else None)
    assert unknown_terms(review) == []
