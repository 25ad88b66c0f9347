"""The annotation choosers opened from a page's editor start with the page's records and the selection."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission

from conflicts.models import Claim
from tests.factories import (
    AnonymousSourceFactory,
    LocationFactory,
    SourceFactory,
    UserFactory,
    make_article,
    make_claim,
)

PARAGRAPH = "Turkey sent troops to Idlib, a security source said."


@pytest.fixture
def page_editor(editor, site_tree):
    group = editor.groups.get()
    for permission in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group, page=site_tree["home"], permission=Permission.objects.get(codename=permission))
    return editor


def test_the_place_chooser_lists_the_places_of_the_page_first(client, site_tree, conflict, page_editor):
    LocationFactory(name="Aleppo")
    idlib = LocationFactory(name="Idlib")
    LocationFactory(name="Afrin")
    article = make_article(site_tree["news"], conflict=conflict,
                           body=[("paragraph", f'<p>In <a linktype="place" id="{idlib.pk}">Idlib</a>.</p>')])
    client.force_login(page_editor)
    url = reverse("annotation_place_chooser:choose")
    response = client.get(url, {"page": article.pk})
    names = [name for name in ("Idlib", "Afrin", "Aleppo") if name in response.json()["html"]]
    html = response.json()["html"]
    assert sorted(names, key=html.index) == ["Idlib", "Afrin", "Aleppo"]
    plain = client.get(url).json()["html"]
    assert sorted(names, key=plain.index) == ["Afrin", "Aleppo", "Idlib"]


def test_the_page_first_order_holds_while_searching(client, site_tree, conflict, page_editor):
    SourceFactory(public_label="a military source")
    mine = SourceFactory(public_label="a security source")
    article = make_article(site_tree["news"], conflict=conflict,
                           body=[("paragraph", f'<p><a linktype="source" id="{mine.pk}">A source</a> said.</p>')])
    client.force_login(page_editor)
    html = client.get(reverse("annotation_source_chooser:choose"), {"page": article.pk, "q": "source"}).json()["html"]
    assert html.index("a security source") < html.index("a military source")
    assert 'value="source"' in html


def test_record_the_claim_starts_with_the_selection_the_conflict_and_the_source_read_nearby(
        client, site_tree, conflict, page_editor):
    source = AnonymousSourceFactory(public_label="a security source")
    article = make_article(site_tree["news"], conflict=conflict, body=[("paragraph", f"<p>{PARAGRAPH}</p>")])
    client.force_login(page_editor)
    response = client.get(reverse("annotation_claim_chooser:choose"),
                          {"page": article.pk, "q": "Turkey sent troops to Idlib", "context": PARAGRAPH})
    form = response.context["creation_form"]
    assert form.initial == {"statement": "Turkey sent troops to Idlib", "conflict": conflict.pk, "source": source.pk}


def test_a_source_not_on_record_is_proposed_as_a_new_one(client, site_tree, conflict, page_editor):
    article = make_article(site_tree["news"], conflict=conflict, body=[("paragraph", f"<p>{PARAGRAPH}</p>")])
    client.force_login(page_editor)
    response = client.get(reverse("annotation_claim_chooser:choose"),
                          {"page": article.pk, "q": "Turkey sent troops to Idlib", "context": PARAGRAPH})
    initial = response.context["creation_form"].initial
    assert (initial["new_source_label"], initial["new_source_kind"]) == ("a security source", "anonymous")


def test_a_page_the_user_cannot_edit_lends_nothing_to_the_head_start(client, site_tree, conflict):
    make_claim(statement="Troops moved.", conflict=conflict)
    article = make_article(site_tree["news"], conflict=conflict, body=[("paragraph", f"<p>{PARAGRAPH}</p>")])
    records_only = UserFactory()
    records_only.user_permissions.set(Permission.objects.filter(codename__in=["access_admin", "add_claim"]))
    client.force_login(records_only)
    response = client.get(reverse("annotation_claim_chooser:choose"),
                          {"page": article.pk, "q": "Turkey sent troops", "context": PARAGRAPH})
    assert response.context["creation_form"].initial == {
        "statement": "Turkey sent troops", "new_source_label": "a security source", "new_source_kind": "anonymous"}


def test_a_new_named_source_recorded_with_a_claim_needs_no_anonymity_reason(client, conflict, page_editor):
    client.force_login(page_editor)
    response = client.post(reverse("annotation_claim_chooser:create"), {
        "statement": "Troops moved.", "conflict": conflict.pk, "status": "unconfirmed",
        "new_source_label": "the Syrian Observatory for Human Rights", "new_source_kind": "named_organisation",
    })
    assert response.status_code == 200, response.content
    source = Claim.objects.get().attributions.get().source
    assert (source.public_label, source.kind, source.is_anonymous) == (
        "the Syrian Observatory for Human Rights", "named_organisation", False)
