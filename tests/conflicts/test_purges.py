"""What a publish or a record change purges: the pages listing it are retired in the site's cache at
a cost that does not grow with the site, the CDN gets the addresses that can be listed cheaply,
and the rest of the edge is bounded by s-maxage."""

import re

import pytest
from django.db import connection
from wagtail.models import Page

from conflicts.purges import page_tags
from conflicts.services.claims import claim_change_status
from tests.conflicts.test_page_cache import cited, page_cache_on, purge_receiver, warm  # noqa: F401
from tests.factories import ConflictFactory, LocationFactory, make_article, make_claim, make_explainer


@pytest.fixture
def idlib(site_tree, page_cache_on):  # noqa: F811
    """An article and an explainer of one conflict, an explainer sharing only a place, and another
    conflict's explainer."""
    conflict = ConflictFactory(name="Syrian war: Idlib", slug="idlib")
    morek = LocationFactory(name="Morek", slug="morek")
    news, explainers = site_tree["news"], site_tree["explainers"]
    return {
        "conflict": conflict,
        "morek": morek,
        "article": make_article(news, title="Posts shelled", conflict=conflict),
        "explainer": make_explainer(explainers, title="The observation posts", conflict=conflict),
        "by_place": make_explainer(explainers, title="Morek", conflict=ConflictFactory(), places=[morek]),
        "elsewhere": make_explainer(explainers, title="The Lachin corridor", conflict=ConflictFactory()),
    }


def publish(site_tree, django_capture_on_commit_callbacks, **fields):
    with django_capture_on_commit_callbacks(execute=True):
        return make_article(site_tree["news"], **fields)


def test_a_publish_shows_at_once_in_the_related_lists_of_its_conflict_and_places(
    client, site_tree, idlib, django_capture_on_commit_callbacks
):
    pages = [idlib[name].url for name in ("article", "explainer", "by_place", "elsewhere")]
    warm(client, pages)
    article = publish(site_tree, django_capture_on_commit_callbacks, title="Breaking: Morek shelled",
                      conflict=idlib["conflict"], places=[idlib["morek"]])
    for name in ("explainer", "by_place"):
        response = client.get(idlib[name].url)
        assert response["X-Cache"] == "miss", name
        assert article.title in response.content.decode(), name
    # An article lists explainers, not articles; another conflict's explainer does not list it.
    assert client.get(idlib["article"].url)["X-Cache"] == "hit"
    assert client.get(idlib["elsewhere"].url)["X-Cache"] == "hit"


def test_an_explainer_publish_shows_at_once_in_its_conflicts_articles(
    client, site_tree, idlib, django_capture_on_commit_callbacks
):
    warm(client, [idlib["article"].url, idlib["explainer"].url])
    with django_capture_on_commit_callbacks(execute=True):
        explainer = make_explainer(site_tree["explainers"], title="What is the M4", conflict=idlib["conflict"])
    response = client.get(idlib["article"].url)
    assert response["X-Cache"] == "miss"
    assert explainer.title in response.content.decode()
    assert client.get(idlib["explainer"].url)["X-Cache"] == "hit"


def test_an_article_choosing_an_explainer_of_another_conflict_shows_its_new_title(
    client, site_tree, idlib, django_capture_on_commit_callbacks
):
    chooser = make_article(site_tree["news"], title="Corridor closed", conflict=idlib["conflict"],
                           explainers=[idlib["elsewhere"]])
    warm(client, [chooser.url])
    elsewhere = idlib["elsewhere"]
    elsewhere.title = "The Lachin corridor, explained"
    with django_capture_on_commit_callbacks(execute=True):
        elsewhere.save_revision().publish()
    response = client.get(chooser.url)
    assert response["X-Cache"] == "miss"
    assert "The Lachin corridor, explained" in response.content.decode()


def test_an_article_moved_to_another_conflict_leaves_the_old_conflicts_lists(
    client, site_tree, idlib, django_capture_on_commit_callbacks
):
    article = idlib["article"]
    warm(client, [idlib["explainer"].url, "/conflicts/idlib/", "/conflicts/idlib/feed/"])
    article.conflict = idlib["elsewhere"].conflict
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    for path in (idlib["explainer"].url, "/conflicts/idlib/", "/conflicts/idlib/feed/"):
        response = client.get(path)
        assert response["X-Cache"] == "miss", path
        assert article.title not in response.content.decode(), path
    assert article.title in client.get(idlib["elsewhere"].url).content.decode()


def test_the_cdn_gets_the_listable_addresses_and_the_related_lists_wait_for_s_maxage(
    client, site_tree, idlib, purge_receiver, django_capture_on_commit_callbacks  # noqa: F811
):
    """The explainers listing a new article are not enumerated (every page of its conflict may list
    it): the CDN keeps them at most s-maxage (600 s) plus stale-while-revalidate (60 s); the site's
    own cache retires them at once (test above)."""
    purge_receiver.clear()
    article = publish(site_tree, django_capture_on_commit_callbacks, title="Breaking: Morek shelled",
                      conflict=idlib["conflict"], places=[idlib["morek"]])
    purged = {path for _host, path in purge_receiver}
    assert {article.url, site_tree["home"].url, site_tree["news"].url, "/feeds/latest/", "/conflicts/idlib/",
            "/conflicts/idlib/feed/", "/places/morek/", "/sitemap.xml"} <= purged
    assert not purged & {idlib[name].url for name in ("article", "explainer", "by_place", "elsewhere")}
    cache_control = set(client.get(idlib["explainer"].url)["Cache-Control"].split(", "))
    assert {"s-maxage=600", "stale-while-revalidate=60"} <= cache_control


def test_publishing_costs_the_same_queries_and_tags_with_1_or_12_pages_sharing_its_conflict(
    site_tree, page_cache_on, django_assert_num_queries, django_capture_on_commit_callbacks  # noqa: F811
):
    conflict, place = ConflictFactory(), LocationFactory()
    claims = [make_claim(conflict=conflict, places=[place]) for _ in range(3)]
    body = [("paragraph", "".join(f'<p><a linktype="claim" id="{claim.pk}">Claim</a>.</p>' for claim in claims))]
    article = make_article(site_tree["news"], title="The article", conflict=conflict, places=[place], body=body)

    def republish():
        revision = article.save_revision()
        with django_assert_num_queries(PUBLISH_QUERIES[connection.vendor]), django_capture_on_commit_callbacks(execute=True):
            revision.publish()
        return page_tags(Page.objects.get(pk=article.pk))

    make_explainer(site_tree["explainers"], title="Explainer 0", conflict=conflict, places=[place])
    few = republish()
    for n in range(1, 12):
        make_article(site_tree["news"], title=f"Sibling {n}", conflict=conflict, places=[place])
        make_explainer(site_tree["explainers"], title=f"Explainer {n}", conflict=conflict, places=[place])
    assert republish() == few
    assert {tag for tag in few if tag.startswith("related:")} == {
        f"related:article:conflict:{conflict.pk}", f"related:article:place:{place.pk}",
    }


# Wagtail's publish (revision, page row, log, reference and search index) and the site's: annotation
# rows, webhooks, and the purge tags read before and after. Wagtail's database search backend
# updates a page's entry in one statement more on SQLite.
PUBLISH_QUERIES = {"postgresql": 90, "sqlite": 91}


def test_a_claim_moved_to_another_conflict_leaves_the_old_conflicts_page(
    client, site_tree, page_cache_on, django_capture_on_commit_callbacks  # noqa: F811
):
    idlib, karabakh = ConflictFactory(slug="idlib"), ConflictFactory(slug="karabakh")
    claim = make_claim(statement="A drone was shot down.", conflict=idlib)
    make_article(site_tree["news"], title="Drone", conflict=idlib, body=cited(claim, "A drone"))
    warm(client, ["/conflicts/idlib/", "/conflicts/karabakh/"])
    with django_capture_on_commit_callbacks(execute=True):
        claim.conflict = karabakh
        claim.save()
    old = client.get("/conflicts/idlib/")
    assert old["X-Cache"] == "miss"
    assert "A drone was shot down." not in old.content.decode()
    new = client.get("/conflicts/karabakh/")
    assert new["X-Cache"] == "miss"
    assert "A drone was shot down." in new.content.decode()


def test_the_cdn_drops_a_claims_first_page_and_its_older_pages_expire_at_the_edge(
    client, site_tree, page_cache_on, purge_receiver, django_capture_on_commit_callbacks  # noqa: F811
):
    """A claim's page lists 20 citing pages at a time by keyset (`?before=<cursor>`) and each page
    shows its status: the CDN is sent the first page, the site's own cache retires every page at
    once, and the older pages carry s-maxage, which bounds them at the edge."""
    claim = make_claim(statement="Posts were shelled.", conflict=ConflictFactory())
    for n in range(23):
        make_article(site_tree["news"], title=f"Story {n}", conflict=claim.conflict, body=cited(claim))
    path = claim.get_absolute_url()
    older = re.search(r'rel="next" href="\?before=([^"]+)"', client.get(path).content.decode()).group(1)
    assert client.get(path, {"before": older})["X-Cache"] == "miss"
    assert client.get(path, {"before": older})["X-Cache"] == "hit"

    purge_receiver.clear()
    with django_capture_on_commit_callbacks(execute=True):
        claim_change_status(claim=claim, to="confirmed", by=None, note="Seen.")
    assert {purged for _host, purged in purge_receiver if purged.startswith(path)} == {path}
    response = client.get(path, {"before": older})
    assert response["X-Cache"] == "miss"
    assert "status-confirmed" in response.content.decode()
    assert "s-maxage=600" in response["Cache-Control"]
