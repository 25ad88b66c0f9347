"""Merging duplicates: annotations re-pointed in live and draft text, relations moved, the duplicate
kept as a tombstone that redirects, audited, refused across conflicts without confirmation."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry, Page, ReferenceIndex

from conflicts.models import Annotation, Claim, ClaimAttribution, Location, Source
from conflicts.services.claims import claim_change_status
from conflicts.services.merges import merge_plan, merge_records
from conflicts.spans import annotation_refs
from tests.factories import (
    ConflictFactory,
    LocationFactory,
    SourceFactory,
    UserFactory,
    make_article,
    make_claim,
    make_explainer,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(site_tree):
    """Merge events name the records kept on the site's address: a default Site is needed."""


def span(kind, record, text="the words"):
    return f'<a linktype="{kind}" id="{record.pk}">{text}</a>'


def body(*spans):
    return [("paragraph", f"<p>{' and '.join(spans)}.</p>")]


def refs_of(page, *, draft=False):
    page = Page.objects.get(pk=page.pk).specific
    if draft:
        page = page.get_latest_revision_as_object()
    return [ref for block in page.body for ref in annotation_refs(block.value.source)]


def draft_with(page, new_body):
    page = Page.objects.get(pk=page.pk).specific
    page.body = new_body
    page.save_revision()
    return page


@pytest.fixture
def claims(conflict):
    keep = make_claim(statement="Turkey withdrew from Morek.", conflict=conflict)
    duplicate = make_claim(statement="Turkish troops left the Morek post.", conflict=conflict)
    return keep, duplicate


def test_annotations_in_live_and_draft_text_name_the_claim_kept(site_tree, conflict, claims, superuser):
    keep, duplicate = claims
    article = make_article(site_tree["news"], title="Posts", conflict=conflict, body=body(span("claim", duplicate)))
    draft_with(article, body(span("claim", duplicate), span("claim", duplicate, "again")))

    plan = merge_records(keep=keep, duplicate=duplicate, user=superuser, note="Same withdrawal.")

    assert (plan.live_spans, plan.draft_spans, plan.page_ids) == (1, 2, {article.pk})
    assert refs_of(article) == [("claim", keep.pk)]
    assert refs_of(article, draft=True) == [("claim", keep.pk), ("claim", keep.pk)]
    assert list(Annotation.objects.filter(page=article).values_list("claim_id", flat=True)) == [keep.pk]
    assert not ReferenceIndex.get_references_to(duplicate).exists()
    assert ReferenceIndex.get_references_to(keep).filter(object_id=str(article.pk)).exists()


def test_the_page_shows_the_status_of_the_claim_kept(client, site_tree, conflict, claims, superuser):
    keep, duplicate = claims
    claim_change_status(claim=keep, to="confirmed", by=None, note="Satellite images.")
    article = make_article(site_tree["news"], title="Posts", conflict=conflict, body=body(span("claim", duplicate)))

    merge_records(keep=keep, duplicate=duplicate, user=superuser, note="")

    html = client.get(article.url).content.decode()
    assert f'data-id="{keep.pk}" data-status="confirmed"' in html
    assert f'data-id="{duplicate.pk}"' not in html


def test_the_duplicate_becomes_a_tombstone_whose_address_redirects(client, site_tree, conflict, claims, superuser):
    keep, duplicate = claims
    make_article(site_tree["news"], title="Posts", conflict=conflict, body=body(span("claim", duplicate)))

    merge_records(keep=keep, duplicate=duplicate, user=superuser, note="")

    duplicate.refresh_from_db()
    assert duplicate.merged_into == keep
    response = client.get(f"/claims/{duplicate.pk}/")
    assert (response.status_code, response["Location"]) == (301, f"/claims/{keep.pk}/")
    assert client.get(f"/claims/{keep.pk}/").status_code == 200


def test_the_duplicates_history_is_kept_and_shown_under_the_claim_kept(client, site_tree, conflict, claims, superuser):
    keep, duplicate = claims
    claim_change_status(claim=duplicate, to="disputed", by=None, note="Ankara denies it.")
    make_article(site_tree["news"], title="Posts", conflict=conflict, body=body(span("claim", duplicate)))

    merge_records(keep=keep, duplicate=duplicate, user=superuser, note="")

    assert list(duplicate.status_changes.values_list("to_status", flat=True)) == ["unconfirmed", "disputed"]
    assert list(keep.status_changes.values_list("to_status", flat=True)) == ["unconfirmed"]
    html = client.get(f"/claims/{keep.pk}/").content.decode()
    assert "Recorded earlier as a separate claim" in html
    assert "Ankara denies it." in html


def test_sources_move_to_the_claim_kept_without_repeating_one(conflict, superuser):
    shared, other = SourceFactory(), SourceFactory()
    keep = make_claim(statement="Posts evacuated.", conflict=conflict, sources=[shared])
    duplicate = make_claim(statement="Posts were evacuated.", conflict=conflict, sources=[shared, other])

    merge_records(keep=keep, duplicate=duplicate, user=superuser, note="")

    assert sorted(keep.attributions.values_list("source_id", flat=True)) == sorted([shared.pk, other.pk])
    assert not ClaimAttribution.objects.filter(claim=duplicate).exists()


def test_an_explainers_key_claims_follow_in_live_rows_and_in_its_draft(site_tree, conflict, claims, superuser):
    keep, duplicate = claims
    explainer = make_explainer(site_tree["explainers"], title="Posts explained", conflict=conflict, claims=[duplicate])

    merge_records(keep=keep, duplicate=duplicate, user=superuser, note="")

    explainer = Page.objects.get(pk=explainer.pk).specific
    assert [row.claim_id for row in explainer.key_claims.all()] == [keep.pk]
    draft = explainer.get_latest_revision_as_object()
    assert [row.claim_id for row in draft.key_claims.all()] == [keep.pk]


def test_a_source_merge_moves_annotations_attributions_and_figures(site_tree, conflict, superuser):
    keep, duplicate = SourceFactory(public_label="state media"), SourceFactory(public_label="State media")
    claim = make_claim(conflict=conflict, sources=[duplicate])
    article = make_article(site_tree["news"], title="Posts", conflict=conflict, body=body(span("source", duplicate)))

    merge_records(keep=keep, duplicate=duplicate, user=superuser, note="")

    assert refs_of(article) == [("source", keep.pk)]
    assert list(claim.attributions.values_list("source_id", flat=True)) == [keep.pk]
    assert Source.objects.get(pk=duplicate.pk).merged_into_id == keep.pk


def test_a_place_merge_moves_children_page_places_and_spellings(client, site_tree, conflict, superuser):
    idlib = LocationFactory(name="Idlib province")
    keep = LocationFactory(name="Sheik Aqil", parent=idlib)
    duplicate = LocationFactory(name="Sheikh Aqil", parent=idlib)
    hill = LocationFactory(name="Hill 3", parent=duplicate)
    article = make_article(site_tree["news"], title="Posts", conflict=conflict, places=[duplicate],
                           body=body(span("place", duplicate)), dateline_place=duplicate)

    merge_records(keep=keep, duplicate=duplicate, user=superuser, note="")

    keep.refresh_from_db()
    assert "Sheikh Aqil" in keep.alternative_name_list
    assert Location.objects.get(pk=hill.pk).parent_id == keep.pk
    article = Page.objects.get(pk=article.pk).specific
    assert list(article.places.values_list("pk", flat=True)) == [keep.pk]
    assert article.dateline_place_id == keep.pk
    draft = article.get_latest_revision_as_object()
    assert (draft.dateline_place_id, [p.pk for p in draft.places.all()]) == (keep.pk, [keep.pk])
    response = client.get(duplicate.get_absolute_url())
    assert (response.status_code, response["Location"]) == (301, keep.get_absolute_url())


def test_merging_is_audited_on_both_records(conflict, claims, superuser):
    keep, duplicate = claims

    merge_records(keep=keep, duplicate=duplicate, user=superuser, note="Same event, two wordings.")

    kept_entry = ModelLogEntry.objects.for_instance(keep).get(action="conflicts.merge")
    assert (kept_entry.user, kept_entry.data["duplicate"]["id"], kept_entry.data["note"]) == (
        superuser, duplicate.pk, "Same event, two wordings.")
    merged_entry = ModelLogEntry.objects.for_instance(duplicate).get(action="conflicts.merged_into")
    assert merged_entry.data["merged_into"]["id"] == keep.pk
    assert "Merged the duplicate" in kept_entry.message


def test_a_merge_across_conflicts_is_refused_without_confirmation(conflict, superuser):
    keep = make_claim(statement="Shelling near Stepanakert.", conflict=ConflictFactory(name="Nagorno-Karabakh"))
    duplicate = make_claim(statement="Shelling near Stepanakert.", conflict=conflict)

    assert merge_plan(keep=keep, duplicate=duplicate).crosses_conflicts
    with pytest.raises(ValidationError) as refused:
        merge_records(keep=keep, duplicate=duplicate, user=superuser, note="")
    assert refused.value.code == "cross_conflict"
    assert Claim.objects.get(pk=duplicate.pk).merged_into_id is None
    assert not ModelLogEntry.objects.filter(action="conflicts.merge").exists()

    merge_records(keep=keep, duplicate=duplicate, user=superuser, note="", allow_cross_conflict=True)
    assert Claim.objects.get(pk=duplicate.pk).merged_into_id == keep.pk


def test_merging_needs_change_and_delete_permissions(claims):
    keep, duplicate = claims
    user = UserFactory()
    with pytest.raises(PermissionDenied):
        merge_records(keep=keep, duplicate=duplicate, user=user, note="")
    assert Claim.objects.get(pk=duplicate.pk).merged_into_id is None


@pytest.mark.parametrize("case", ["itself", "already merged", "other kind"])
def test_impossible_merges_are_refused_with_a_reason(claims, superuser, case):
    keep, duplicate = claims
    if case == "itself":
        keep = duplicate
    elif case == "already merged":
        third = make_claim(statement="Another wording.", conflict=keep.conflict)
        merge_records(keep=keep, duplicate=duplicate, user=superuser, note="")
        keep, duplicate = third, Claim.objects.get(pk=duplicate.pk)
    else:
        keep = SourceFactory()
    with pytest.raises(ValidationError):
        merge_records(keep=keep, duplicate=duplicate, user=superuser, note="")


def test_records_merged_earlier_follow_to_the_record_kept(claims, superuser):
    keep, duplicate = claims
    older = make_claim(statement="Older wording.", conflict=keep.conflict)
    merge_records(keep=duplicate, duplicate=older, user=superuser, note="")

    merge_records(keep=keep, duplicate=Claim.objects.get(pk=duplicate.pk), user=superuser, note="")

    assert Claim.objects.get(pk=older.pk).merged_into_id == keep.pk


def test_text_saved_after_the_merge_with_the_duplicate_names_the_claim_kept(claims, superuser):
    from wagtail.rich_text import RichText

    from conflicts.blocks import AnnotatedRichTextBlock

    keep, duplicate = claims
    merge_records(keep=keep, duplicate=duplicate, user=superuser, note="")

    cleaned = AnnotatedRichTextBlock(features=["claim"]).clean(RichText(f"<p>{span('claim', duplicate)}</p>"))
    assert annotation_refs(cleaned.source) == [("claim", keep.pk)]


def test_a_merged_place_leaves_the_sitemap_search_and_the_assistants_vocabulary(client, superuser):
    from conflicts.assistant import vocabulary_load

    keep, duplicate = LocationFactory(name="Sheik Aqil"), LocationFactory(name="Shaykh Aqil")

    merge_records(keep=keep, duplicate=duplicate, user=superuser, note="")

    sitemap = client.get("/sitemap-places.xml").content.decode()
    assert keep.get_absolute_url() in sitemap
    assert duplicate.get_absolute_url() not in sitemap
    found = client.get("/search/", {"q": "Aqil", "type": "place"}).content.decode()
    assert duplicate.get_absolute_url() not in found
    assert {place.location_id for place in vocabulary_load().places.values()} == {keep.pk}


def test_the_inspect_view_of_the_claim_kept_shows_the_duplicates_history(client, claims, superuser):
    keep, duplicate = claims
    claim_change_status(claim=duplicate, to="denied", by=None, note="Ankara denies it.",
                        internal_note="Called the ministry.")
    merge_records(keep=keep, duplicate=duplicate, user=superuser, note="")
    client.force_login(superuser)

    html = client.get(f"/admin/snippets/conflicts/claim/inspect/{keep.pk}/").content.decode()

    assert "Merged duplicates and their history" in html
    assert "Ankara denies it." in html and "Called the ministry." in html
