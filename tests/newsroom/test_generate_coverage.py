"""generate_coverage: bulk-written coverage that the site serves as if editors had published it."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from wagtail.models import Page, ReferenceIndex

from conflicts import audience
from conflicts.models import Annotation, Claim, ClaimStatusChange, Partner
from conflicts.services.annotations import annotations_sync
from conflicts.services.partners import partner_key_issue
from newsroom.models import ArticlePage, ExplainerPage

ANNOTATION_FIELDS = ("kind", "quote", "prefix", "suffix", "position", "sequence", "claim_id", "source_id", "location_id")
REFERENCE_FIELDS = ("content_type_id", "to_content_type_id", "to_object_id", "model_path", "content_path",
                    "content_path_hash")


@pytest.fixture
def generated(db):
    out = io.StringIO()
    call_command("generate_coverage", articles=20, claims=120, seed=3, stdout=out)
    return out.getvalue()


def generated_articles():
    return ArticlePage.objects.live().exclude(slug="turkey-withdraw-idlib-observation-posts").order_by("path")


def annotation_rows(page):
    return list(Annotation.objects.filter(page=page).order_by("sequence").values_list(*ANNOTATION_FIELDS))


def reference_rows(page):
    return set(ReferenceIndex.objects.filter(object_id=str(page.pk), base_content_type__model="page")
               .values_list(*REFERENCE_FIELDS))


def test_generates_articles_in_the_tree_with_the_rows_a_publish_writes(generated):
    """Pages in the tree with live revisions, 10-200 annotations each, claims with their history, and
    annotation and reference-index rows equal to those annotations_sync and Wagtail write."""
    articles = list(generated_articles())
    assert len(articles) == 20
    assert Page.find_problems() == ([], [], [], [], [])
    counts = [Annotation.objects.filter(page=article).count() for article in articles]
    assert counts[0] == 200
    assert all(10 <= count <= 200 for count in counts)
    assert all(article.live_revision_id and article.live_revision_id == article.latest_revision_id
               for article in articles)
    assert "Generated 20 articles" in generated
    for claim in Claim.objects.order_by("-pk")[:30]:
        history = list(ClaimStatusChange.objects.filter(claim=claim).order_by("changed_at", "pk"))
        assert history[0].from_status == ""
        assert history[-1].to_status == claim.status
    for page in [*generated_articles()[:3], *ExplainerPage.objects.order_by("-pk")[:2]]:
        written, references = annotation_rows(page), reference_rows(page)
        annotations_sync(page=page)
        ReferenceIndex.objects.filter(object_id=str(page.pk), base_content_type__model="page").delete()
        ReferenceIndex.create_or_update_for_object(page.specific)
        assert annotation_rows(page) == written
        assert reference_rows(page) == references


def test_live_revisions_hold_what_wagtail_serializes_for_the_published_page(generated):
    """A revision as save_revision() writes it for a new page: the page, its child rows and places,
    before it points at the revision."""
    for page in [*generated_articles()[:3], *ExplainerPage.objects.order_by("-pk")[:2]]:
        content = page.live_revision.content
        page.latest_revision = page.live_revision = None
        expected = json.loads(json.dumps(page.serializable_data(), cls=DjangoJSONEncoder))
        # The body is JSON text inside the revision; the page read back has it in jsonb's key order.
        assert json.loads(content.pop("body")) == json.loads(expected.pop("body"))
        assert content == expected
    article = generated_articles()[0]
    content = article.live_revision.content
    assert content["related_explainers"][0]["explainer"] == article.related_explainers.get().explainer_id
    assert content["places"] == [article.dateline_place_id]


def test_generated_coverage_is_public_served_and_found(generated, client):
    articles = list(generated_articles())
    public = set(audience.public_pages().values_list("pk", flat=True))
    assert {article.pk for article in articles} <= public
    hot_claim = Claim.objects.get(pk=Annotation.objects.filter(page=articles[1]).exclude(claim=None)
                                  .values_list("claim_id", flat=True).first())
    assert audience.public_claims().filter(pk=hot_claim.pk).exists()
    for article in articles[:3]:
        response = client.get(article.url)
        assert response.status_code == 200
        assert b'data-annotation="claim"' in response.content
    assert client.get(hot_claim.get_absolute_url()).status_code == 200
    title_word = articles[2].title.split()[-1]
    assert articles[2] in ArticlePage.objects.live().search(title_word)
    assert articles[2].url.encode() in client.get("/search/", {"q": title_word}).content
    key = partner_key_issue(partner=Partner.objects.get())[1]
    response = client.get("/api/v1/articles/?limit=50", HTTP_AUTHORIZATION=f"Api-Key {key}")
    assert response.status_code == 200
    assert {article.pk for article in articles} <= {item["id"] for item in response.json()["results"]}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="set-based search rows are PostgreSQL's")
def test_search_rows_are_those_wagtail_writes(generated):
    from wagtail.search.backends import get_search_backend
    from wagtail.search.models import IndexEntry

    def entries():
        return {(e.content_type_id, e.object_id): (str(e.title), str(e.autocomplete), str(e.body), e.title_text,
                                                   e.body_text) for e in IndexEntry.objects.all()}

    written = entries()
    backend = get_search_backend()
    backend.add_bulk(ArticlePage, list(generated_articles()))
    backend.add_bulk(Claim, list(Claim.objects.all()))
    assert entries() == written


def test_refuses_a_number_of_articles_below_one(db):
    with pytest.raises(CommandError, match="at least 1"):
        call_command("generate_coverage", articles=0, stdout=io.StringIO())
