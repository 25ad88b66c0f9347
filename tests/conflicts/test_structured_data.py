"""schema.org JSON-LD as a consumer extracts it (extruct), in schema.org's own terms."""

import io
import re

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


def _disclose(site_tree):
    from wagtail.models import Site

    from conflicts.models import DisclosureSettings

    principles = make_explainer(site_tree["explainers"], title="Our principles")
    DisclosureSettings.objects.create(
        site=Site.objects.get(is_default_site=True),
        publishing_principles_page=principles,
        corrections_policy_url="https://standards.example.org/corrections",
        unnamed_sources_policy_url="https://standards.example.org/unnamed-sources",
        verification_policy_url="https://standards.example.org/verification",
    )
    return principles


def test_every_pages_publisher_carries_the_newsrooms_published_policies(client, site_tree):
    principles = _disclose(site_tree)
    claim = make_claim(statement="The post was evacuated.", status="confirmed")
    article = make_article(site_tree["news"], title="Evacuated", conflict=claim.conflict,
                           body=[("paragraph", f'<p><a linktype="claim" id="{claim.pk}">The post was evacuated.</a></p>')])
    explainer = make_explainer(site_tree["explainers"], title="The posts")
    policies = {
        "publishingPrinciples": f"{ORIGIN}{principles.url}",
        "correctionsPolicy": "https://standards.example.org/corrections",
        "unnamedSourcesPolicy": "https://standards.example.org/unnamed-sources",
        "verificationFactCheckingPolicy": "https://standards.example.org/verification",
    }
    for path in (article.url, explainer.url, claim.get_absolute_url()):
        (data,) = json_ld(client, path)
        assert unknown_terms(data) == [], path
        publisher = data["author"] if data["@type"] == "ClaimReview" else data["publisher"]
        assert publisher == {"@type": "NewsMediaOrganization", "name": "Conflict Desk", "url": f"{ORIGIN}/", **policies}

    summary = client.get(article.url).content.decode()
    summary = summary[summary.index('class="sourcing-summary"'):summary.index("</section>", summary.index('class="sourcing-summary"'))]
    assert f'<a href="{ORIGIN}{principles.url}" data-disclosure="publishingPrinciples">Publishing principles</a>' in summary
    assert ('<a href="https://standards.example.org/verification" data-disclosure="verificationFactCheckingPolicy">'
            "Verification and fact-checking policy</a>") in summary


def test_the_demo_article_publishes_the_desks_four_standards_pages(client, demo):
    from newsroom.models import StandardsPage

    pages = {page.slug: page for page in StandardsPage.objects.live()}
    policies = {
        "publishingPrinciples": f"{ORIGIN}{pages['publishing-principles'].url}",
        "correctionsPolicy": f"{ORIGIN}{pages['corrections-policy'].url}",
        "unnamedSourcesPolicy": f"{ORIGIN}{pages['unnamed-sources'].url}",
        "verificationFactCheckingPolicy": f"{ORIGIN}{pages['verification'].url}",
    }
    assert policies["correctionsPolicy"] == f"{ORIGIN}/corrections-policy/"
    (data,) = json_ld(client, demo.url)
    assert data["publisher"] == {"@type": "NewsMediaOrganization", "name": "Conflict Desk", "url": f"{ORIGIN}/", **policies}

    html = client.get(demo.url).content.decode()
    start = html.index('class="sourcing-summary"')
    summary = html[start:html.index("</section>", start)]
    for prop, url in policies.items():
        assert f'<a href="{url}" data-disclosure="{prop}">' in summary
    for url in policies.values():
        response = client.get(url.removeprefix(ORIGIN))
        assert response.status_code == 200
    # "Our sourcing policy" leads to the desk's page on unnamed sources, not to a missing page.
    sourcing_policy = re.search(r'<a href="([^"]+)">Our sourcing policy</a>', summary).group(1)
    assert sourcing_policy == pages["unnamed-sources"].url
    assert client.get(sourcing_policy).status_code == 200


def test_a_publisher_without_policies_names_none(client, site_tree):
    article = make_article(site_tree["news"], title="Plain")
    (data,) = json_ld(client, article.url)
    assert data["publisher"] == {"@type": "NewsMediaOrganization", "name": "Conflict Desk", "url": f"{ORIGIN}/"}


def test_an_articles_backstory_and_corrections_are_in_its_json_ld(client, site_tree):
    from datetime import UTC, datetime

    from newsroom.models import ArticleUpdate

    article = make_article(site_tree["news"], title="Corrected", backstory="Reported from Saraqib and by phone.",
                           content_warning="graphic_violence")
    corrected_at = datetime(2026, 2, 4, 9, 30, tzinfo=UTC)
    article.update_log.add(ArticleUpdate(kind="correction", text="An earlier version misnamed the village.", date=corrected_at))
    article.update_log.add(ArticleUpdate(kind="update", text="Adds the ministry's statement."))
    article.save_revision().publish()

    (data,) = json_ld(client, article.url)
    assert unknown_terms(data) == []
    assert data["backstory"] == "Reported from Saraqib and by phone."
    assert data["correction"] == [
        {"@type": "CorrectionComment", "text": "An earlier version misnamed the village.",
         "datePublished": "2026-02-04T09:30:00+00:00"},
    ]
    # schema.org has no content-warning property, so the warning is not in the JSON-LD.
    assert "contentWarning" not in SCHEMA_TERMS
    assert "Graphic violence" not in str(data)
