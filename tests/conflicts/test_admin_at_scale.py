"""Admin forms stay usable with thousands of records: relations are chosen, never listed as options."""

import re

import pytest
from django.urls import reverse

from conflicts.models import Conflict, Location, Source
from tests.factories import ConflictFactory, LocationFactory, SourceFactory, make_article, make_claim, make_explainer

pytestmark = pytest.mark.django_db

MANY = 300


@pytest.fixture
def records(site_tree):
    conflict = ConflictFactory(name="Idlib")
    place, source = LocationFactory(name="Morek"), SourceFactory(public_label="a security source")
    claim = make_claim(conflict=conflict, places=[place], sources=[source])
    article = make_article(site_tree["news"], conflict=conflict, places=[place])
    explainer = make_explainer(site_tree["explainers"], conflict=conflict, places=[place], claims=[claim])
    return {"conflict": conflict, "place": place, "source": source, "claim": claim, "article": article,
            "explainer": explainer, "news": site_tree["news"], "explainers": site_tree["explainers"]}


def add_many():
    conflicts = Conflict.objects.bulk_create(Conflict(name=f"Conflict {n}", slug=f"conflict-{n}") for n in range(MANY))
    Location.objects.bulk_create(
        Location(name=f"Village {n}", slug=f"village-{n}", kind="village") for n in range(MANY))
    Source.objects.bulk_create(Source(public_label=f"Source {n}", kind="news_agency") for n in range(MANY))
    for n in range(MANY // 10):
        make_claim(statement=f"Claim {n}", conflict=conflicts[n])


def form_urls(records):
    def snippet(model, view, *args):
        return reverse(f"wagtailsnippets_conflicts_{model}:{view}", args=args)

    figure_claim = records["claim"]
    return {
        "claim add": snippet("claim", "add"),
        "claim edit": snippet("claim", "edit", figure_claim.pk),
        "figure add": snippet("figure", "add"),
        "tally add": snippet("tally", "add"),
        "source add": snippet("source", "add"),
        "source edit": snippet("source", "edit", records["source"].pk),
        "place add": snippet("location", "add"),
        "place edit": snippet("location", "edit", records["place"].pk),
        "conflict add": snippet("conflict", "add"),
        "partner add": reverse("partners:add"),
        "article add": reverse("wagtailadmin_pages:add", args=["newsroom", "articlepage", records["news"].pk]),
        "article edit": reverse("wagtailadmin_pages:edit", args=[records["article"].pk]),
        "explainer add": reverse("wagtailadmin_pages:add",
                                 args=["newsroom", "explainerpage", records["explainers"].pk]),
        "explainer edit": reverse("wagtailadmin_pages:edit", args=[records["explainer"].pk]),
        "claim chooser (new claim)": reverse("annotation_claim_chooser:choose"),
        "source chooser (new source)": reverse("annotation_source_chooser:choose"),
    }


def listing_urls():
    urls = {model: reverse(f"wagtailsnippets_conflicts_{model}:list")
            for model in ("claim", "figure", "tally", "location")}
    return {**urls, "partners": reverse("partners:index"), "open claims": reverse("conflicts_open_claims")}


def options(html):
    return len(re.findall(r"<option\b", html))


def test_no_admin_form_lists_every_record_as_an_option(client, superuser, records):
    client.force_login(superuser)
    urls = form_urls(records)
    before = {name: options(client.get(url).content.decode()) for name, url in urls.items()}
    add_many()
    after = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        after[name] = options(response.content.decode())
    assert after == before


def test_forms_show_the_chosen_records_and_a_chooser(client, superuser, records):
    add_many()
    client.force_login(superuser)
    html = client.get(reverse("wagtailsnippets_conflicts_claim:edit", args=[records["claim"].pk])).content.decode()
    assert f'<option value="{records["place"].pk}" selected>Morek</option>' in html
    assert 'data-chooser-url="/admin/snippets/choose/conflicts/location/"' in html and "Choose places" in html
    assert "Village 7" not in html


def test_the_claim_form_saves_places_chosen_among_many(client, superuser, records):
    from tests.conflicts.test_admin_claims import claim_form

    add_many()
    claim, chosen = records["claim"], list(Location.objects.filter(name__in=["Village 5", "Village 250"]))
    client.force_login(superuser)
    response = client.post(reverse("wagtailsnippets_conflicts_claim:edit", args=[claim.pk]), {
        **claim_form(claim, conflict=claim.conflict, status="unconfirmed"),
        "places": [place.pk for place in chosen],
    })
    assert response.status_code == 302
    assert set(claim.places.all()) == set(chosen)


def test_place_and_partner_forms_save_conflicts_chosen_among_many(client, superuser, records):
    add_many()
    chosen = list(Conflict.objects.filter(name__in=["Conflict 3", "Conflict 299"]))
    client.force_login(superuser)
    response = client.post(reverse("wagtailsnippets_conflicts_location:add"), {
        "name": "Saraqib", "slug": "saraqib", "kind": "town", "alternative_names": "[]",
        "conflicts": [conflict.pk for conflict in chosen], "geo_precision": "settlement", "geometry": "",
    })
    assert response.status_code == 302, response.context["form"].errors
    assert set(Location.objects.get(slug="saraqib").conflicts.all()) == set(chosen)
    response = client.post(reverse("partners:add"), {
        "name": "Another outlet", "contact_name": "", "contact_email": "", "is_active": "on",
        "rate_limit": "100/minute", "conflicts": [conflict.pk for conflict in chosen],
        "webhooks-TOTAL_FORMS": "0", "webhooks-INITIAL_FORMS": "0", "webhooks-MIN_NUM_FORMS": "0",
        "webhooks-MAX_NUM_FORMS": "1000",
    })
    assert response.status_code == 302, response.context["form"].errors
    from conflicts.models import Partner

    assert set(Partner.objects.get(name="Another outlet").conflicts.all()) == set(chosen)


def test_the_article_form_saves_places_chosen_among_many(client, superuser, records):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    add_many()
    article = records["article"]
    chosen = list(Location.objects.filter(name__in=["Village 1", "Village 200"]))
    client.force_login(superuser)
    form = nested_form_data({
        "title": article.title, "slug": article.slug, "standfirst": article.standfirst,
        "byline": article.byline, "dateline_place": "", "conflict": article.conflict_id,
        "body": streamfield([("paragraph", rich_text("<p>Text.</p>"))]),
        "related_explainers": inline_formset([]), "update_log": inline_formset([]), "comments": inline_formset([]),
        "updated_at": "", "go_live_at": "", "expire_at": "",
    })
    form["places"] = [place.pk for place in chosen]
    response = client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), form)
    assert response.status_code == 302
    article.refresh_from_db()
    assert set(article.get_latest_revision_as_object().places.all()) == set(chosen)


def test_a_claim_recorded_from_the_editor_takes_its_conflict_and_source_by_autocomplete(client, superuser, records):
    add_many()
    conflict, source = Conflict.objects.get(name="Conflict 123"), Source.objects.get(public_label="Source 45")
    client.force_login(superuser)
    form = client.get(reverse("annotation_claim_chooser:choose")).json()["html"]
    assert 'data-autocomplete-url="/admin/conflicts/autocomplete/conflict/"' in form
    assert 'data-autocomplete-url="/admin/conflicts/autocomplete/source/"' in form
    response = client.post(reverse("annotation_claim_chooser:create"), {
        "statement": "Shelling near Saraqib.", "conflict": conflict.pk, "status": "unconfirmed",
        "source": source.pk, "new_source_kind": "anonymous",
    })
    assert response.status_code == 200 and '"step": "chosen"' in response.content.decode()
    from conflicts.models import Claim

    claim = Claim.objects.get(statement="Shelling near Saraqib.")
    assert claim.conflict == conflict and [row.source for row in claim.attributions.all()] == [source]


def test_autocomplete_finds_records_by_the_start_of_a_word_and_caps_the_matches(client, superuser, records):
    for n in range(25):
        LocationFactory(name=f"Hamlet {n}")
    client.force_login(superuser)
    url = reverse("conflicts_autocomplete_place")
    assert [row["label"] for row in client.get(url, {"q": "Morek"}).json()["results"]] == ["Morek"]
    assert len(client.get(url, {"q": "Haml"}).json()["results"]) == 20
    labels = [row["label"] for row in client.get(reverse("conflicts_autocomplete_source"), {"q": "security"}).json()[
        "results"]]
    assert labels == ["a security source"]


def test_autocomplete_is_refused_to_users_without_permission_on_the_records(client, records):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse("conflicts_autocomplete_source"), {"q": "security"})
    assert response.status_code == 302 and "security" not in response.content.decode()


def test_listing_filters_find_records_by_typing_instead_of_listing_them(client, superuser, records):
    client.force_login(superuser)
    urls = listing_urls()
    before = {name: options(client.get(url).content.decode()) for name, url in urls.items()}
    add_many()
    assert {name: options(client.get(url).content.decode()) for name, url in urls.items()} == before


def test_a_listing_filter_on_a_record_found_by_typing_filters(client, superuser, records):
    add_many()
    client.force_login(superuser)
    place = records["place"]
    response = client.get(reverse("wagtailsnippets_conflicts_claim:list"), {"places": place.pk})
    assert [claim.pk for claim in response.context["object_list"]] == [records["claim"].pk]
    html = response.content.decode()
    assert f'<option value="{place.pk}" selected>Morek</option>' in html
    assert client.get(reverse("wagtailsnippets_conflicts_claim:list"), {"places": "x"}).status_code == 200
