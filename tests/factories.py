"""Records for tests, built through the same services the product uses."""

import factory
from django.contrib.auth import get_user_model
from django.utils.text import slugify
from wagtail.models import Site

from conflicts.choices import LocationKind, SourceKind
from conflicts.models import Conflict, Location, Source
from conflicts.services.claims import claim_create
from conflicts.services.figures import figure_create, tally_create
from newsroom.demo.loader import tree_root


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ConflictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conflict
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Conflict {n}")
    slug = factory.LazyAttribute(lambda c: slugify(c.name))
    summary = "A theatre covered by the desk."


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    name = factory.Sequence(lambda n: f"Place {n}")
    slug = factory.LazyAttribute(lambda loc: slugify(loc.name))
    kind = LocationKind.TOWN
    latitude = factory.Sequence(lambda n: 35 + (n % 100) / 100)
    longitude = factory.Sequence(lambda n: 36 + (n % 100) / 100)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    public_label = factory.Sequence(lambda n: f"a source {n}")
    kind = SourceKind.OFFICIAL_STATEMENT


class AnonymousSourceFactory(SourceFactory):
    kind = SourceKind.ANONYMOUS
    is_anonymous = True
    anonymity_reason = "The source could face reprisals."
    confidential_identity = factory.Sequence(lambda n: f"Confidential person {n}")
    confidential_notes = "Met at the bureau."


def make_claim(*, statement="Troops moved overnight.", conflict=None, status="unconfirmed",
               places=(), sources=(), by=None):
    return claim_create(
        statement=statement,
        conflict=conflict or ConflictFactory(),
        status=status,
        by=by,
        places=places,
        attributions=[{"source": s, "how_obtained": "", "credibility": 3} for s in sources],
    )


def make_figure(*, conflict, counts="killed", low=None, best=None, high=None, words="", source=None,
                places=(), tally=None, **fields):
    return figure_create(
        counts=counts, conflict=conflict, low=low, best=best, high=high, words=words, source=source,
        places=places, tally=tally, **fields,
    )


def make_tally(*, conflict, figures=(), name="Killed in the strike on Morek", is_published=True, used_figure=None,
               **fields):
    return tally_create(
        name=name, conflict=conflict, figures=list(figures), is_published=is_published, used_figure=used_figure,
        **fields,
    )


def make_site_tree():
    """A home page with a news and an explainers index, as the default site's root."""
    from newsroom.models import ArticleIndexPage, ExplainerIndexPage, HomePage

    root = tree_root()
    home = root.add_child(instance=HomePage(title="Home", slug="home-test"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "port": 80}
    )
    news = home.add_child(instance=ArticleIndexPage(title="News", slug="news"))
    explainers = home.add_child(instance=ExplainerIndexPage(title="Explainers", slug="explainers"))
    return home, news, explainers


def make_article(parent, *, title="An article", conflict=None, places=(), body=None, publish=True,
                 explainers=(), **fields):
    from newsroom.models import ArticlePage, ArticleRelatedExplainer

    page = ArticlePage(
        title=title,
        slug=slugify(title),
        standfirst=fields.pop("standfirst", "What happened, in one paragraph."),
        byline=fields.pop("byline", "Desk staff"),
        conflict=conflict or ConflictFactory(),
        body=body if body is not None else [("paragraph", "<p>Text of the article.</p>")],
        **fields,
    )
    parent.add_child(instance=page)
    page.places.set(places)
    page.related_explainers.set(
        [ArticleRelatedExplainer(explainer=e, sort_order=i) for i, e in enumerate(explainers)]
    )
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def make_explainer(parent, *, title="An explainer", conflict=None, places=(), claims=(), publish=True,
                   **fields):
    from newsroom.models import ExplainerKeyClaim, ExplainerPage

    page = ExplainerPage(
        title=title,
        slug=slugify(title),
        summary=fields.pop("summary", "The background."),
        conflict=conflict or ConflictFactory(),
        body=fields.pop("body", [("paragraph", "<p>Background text.</p>")]),
        **fields,
    )
    parent.add_child(instance=page)
    page.places.set(places)
    page.key_claims.set([ExplainerKeyClaim(claim=c, sort_order=i) for i, c in enumerate(claims)])
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page
