"""load_demo builds the reference newsroom once; running it again changes nothing."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db

COUNTED_APPS = ("conflicts", "newsroom", "wagtailcore", "auth")


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for app in COUNTED_APPS
        for model in apps.get_app_config(app).get_models()
    }


def load(**options):
    out = io.StringIO()
    call_command("load_demo", admin_password="demo-password-for-tests", stdout=out, **options)
    return out.getvalue()


def test_load_demo_twice_leaves_the_same_rows():
    first_output = load()
    after_first = row_counts()
    load()
    assert row_counts() == after_first
    assert after_first["conflicts.Location"] >= 12
    assert after_first["conflicts.Source"] == 5
    assert after_first["newsroom.ExplainerPage"] >= 3
    assert after_first["newsroom.ArticlePage"] == 1
    assert "admin / demo-password-for-tests" in first_output
    assert "/admin/" in first_output


def test_demo_places_have_real_coordinates_and_highways_are_lines():
    from conflicts.models import Location

    load()
    places = {loc.slug: loc for loc in Location.objects.all()}
    for slug in ["idlib-province", "shir-maghar", "morek", "tal-touqan", "sheik-aqil", "turkey",
                 "russia", "iran", "armenia", "azerbaijan"]:
        assert places[slug].has_point, slug
    assert 35 < float(places["morek"].latitude) < 36 and 36 < float(places["morek"].longitude) < 37
    for road in ["m4-highway", "m5-highway"]:
        assert places[road].geometry["type"] == "LineString"
    assert "Sheikh Aqil" in places["sheik-aqil"].alternative_name_list


def test_demo_claims_have_statuses_with_history():
    from conflicts.models import Claim

    load()
    statuses = {claim.status for claim in Claim.objects.all()}
    assert {"unconfirmed", "confirmed", "disputed"} <= statuses
    for claim in Claim.objects.all():
        assert claim.status_changes.last().to_status == claim.status


def test_load_demo_without_password_is_refused_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--admin-password"):
        call_command("load_demo", admin_password="", stdout=io.StringIO())


def test_demo_articles_go_through_the_sourcing_review_which_only_standards_editors_pass():
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    from conflicts.models import SourcingReviewTask
    from newsroom.models import ArticleIndexPage, ArticlePage

    load()
    load()
    news = ArticleIndexPage.objects.get()
    workflow = news.get_workflow()
    assert workflow.name == "Sourcing review"
    assert [task.specific_class for task in workflow.tasks] == [SourcingReviewTask]
    task = SourcingReviewTask.objects.get()
    article = Page.objects.type(ArticlePage).get()
    assert article.get_workflow() == workflow
    users = get_user_model().objects.in_bulk(["editor", "standards"], field_name="username")
    assert [group.name for group in task.groups.all()] == ["Standards editors"]
    assert task.get_actions(article, users["editor"]) == []
    assert not article.permissions_for_user(users["editor"]).can_publish()
    assert [name for name, _label, _modal in task.get_actions(article, users["standards"])] == ["reject", "approve"]
    assert article.permissions_for_user(users["standards"]).can_publish()


def test_the_demo_article_annotates_its_figures_and_a_tally_gives_two_sources():
    from conflicts.models import Annotation, Claim, Tally

    load()
    rows = Annotation.objects.filter(kind="figure").select_related("figure").order_by("sequence")
    assert {(row.quote, row.figure.counts) for row in rows} == {
        ("four of the outposts", "posts"), ("more than 4 million internally displaced Syrians", "displaced"),
        ("between 10,000 and 15,000 troops", "troops"), ("3.6 million Syrians", "displaced"),
    }
    tally = Tally.objects.get(name="Turkish troops in north-west Idlib")
    assert tally.figures.values("source").distinct().count() >= 2
    assert tally.used_figure.annotations.get().quote == "between 10,000 and 15,000 troops"
    reinforcements = Claim.objects.get(statement__startswith="Turkey started sending military reinforcements")
    assert (reinforcements.event_label, reinforcements.event_precision) == ("October 2020", "month")
    assert Claim.objects.filter(event_start__isnull=False).count() >= 3


def test_load_demo_publishes_the_four_policies_and_sets_them_as_the_sites_disclosures():
    from wagtail.models import Site

    from conflicts.models import DisclosureSettings
    from newsroom.models import HomePage, StandardsPage

    load()
    load()
    disclosures = DisclosureSettings.objects.get(site=Site.objects.get(is_default_site=True))
    home = HomePage.objects.get()
    pages = {
        "publishingPrinciples": disclosures.publishing_principles_page,
        "correctionsPolicy": disclosures.corrections_policy_page,
        "unnamedSourcesPolicy": disclosures.unnamed_sources_policy_page,
        "verificationFactCheckingPolicy": disclosures.verification_policy_page,
    }
    assert {prop: page.title for prop, page in pages.items()} == {
        "publishingPrinciples": "Publishing principles",
        "correctionsPolicy": "Corrections policy",
        "unnamedSourcesPolicy": "Unnamed sources",
        "verificationFactCheckingPolicy": "Verification and fact-checking",
    }
    assert StandardsPage.objects.live().child_of(home).count() == 4
    assert all(page.specific_class is StandardsPage and page.live for page in pages.values())
    assert [(prop, page is not None) for prop, _label, page, _url in disclosures.policies()] == [
        (prop, True) for prop in pages
    ]


def test_load_demo_keeps_a_policy_the_newsroom_already_set():
    from wagtail.models import Site

    from conflicts.models import DisclosureSettings

    load()
    disclosures = DisclosureSettings.objects.get()
    disclosures.corrections_policy_page = None
    disclosures.corrections_policy_url = "https://standards.example.org/corrections"
    disclosures.save()
    load()
    disclosures = DisclosureSettings.objects.get(site=Site.objects.get(is_default_site=True))
    assert disclosures.corrections_policy_page is None
    assert disclosures.corrections_policy_url == "https://standards.example.org/corrections"
    assert disclosures.publishing_principles_page.title == "Publishing principles"
