"""Builds the demo site from newsroom/demo/content.py; running it again changes nothing."""

from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.html import escape
from wagtail.models import GroupPagePermission, Locale, Page, Site, Workflow, WorkflowPage, WorkflowTask

from conflicts.links import site_address
from conflicts.models import (
    Claim,
    Conflict,
    DisclosureSettings,
    Figure,
    Location,
    Partner,
    Source,
    SourcingReviewTask,
    Tally,
)
from conflicts.services.claims import claim_change_status, claim_create
from conflicts.services.figures import figure_create, tally_create

from ..models import (
    ArticleIndexPage,
    ArticlePage,
    ArticleRelatedExplainer,
    ArticleUpdate,
    ExplainerIndexPage,
    ExplainerKeyClaim,
    ExplainerPage,
    HomePage,
    StandardsPage,
)
from . import content

ADMIN_USERNAME = "admin"
EDITOR_USERNAME = "editor"
STANDARDS_USERNAME = "standards"
EDITOR_GROUP = "Conflict desk editors"
STANDARDS_GROUP = "Standards editors"
SOURCING_REVIEW = "Sourcing review"
CONFIDENTIAL_GROUP = "Source protection"
DEMO_PARTNER = "Demo Partner"


@transaction.atomic
def demo_load(*, admin_password, site_url="", stdout=None):
    """Loads everything and returns the admin user; records are matched by slug or label.

    `site_url` (e.g. https://news.example.org) is where the site is served: the default Site
    is set to it, so every published URL is on that origin; without it a new Site is
    localhost:80 and an existing one is left as it is.
    """
    address = site_address(site_url) if site_url else None
    admin = _users(admin_password)
    conflicts = _conflicts()
    locations = _locations(conflicts)
    sources = _sources()
    claims = _claims(conflicts, locations, sources, admin)
    figures = _tallies(conflicts, locations, sources, admin)
    figures.update(_figures(conflicts["idlib"], content.FIGURES, locations, sources, admin))
    home, news, explainers_index = _site_tree()
    if address:
        hostname, port = address
        Site.objects.filter(is_default_site=True).update(hostname=hostname, port=port)
    explainers = {
        spec["slug"]: _explainer(explainers_index, spec, conflicts, locations, claims)
        for spec in content.EXPLAINERS
    }
    _article(news, conflicts, locations, sources, claims, figures, explainers)
    _sourcing_review(news, explainers_index)
    _standards(home)
    _partner(conflicts)
    return admin


def _partner(conflicts):
    partner, created = Partner.objects.get_or_create(
        name=DEMO_PARTNER,
        defaults={"contact_name": "Syndication desk", "contact_email": "syndication@partner.example"},
    )
    if created:
        partner.conflicts.set(conflicts.values())
        partner.save()
    return partner


def _users(admin_password):
    User = get_user_model()
    admin = User.objects.filter(username=ADMIN_USERNAME).first()
    if admin is None:
        admin = User.objects.create_superuser(ADMIN_USERNAME, "admin@example.com", admin_password)
    editors, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="conflicts",
            codename__regex=r"^(add|change|delete|view)_(conflict|location|source|claim|figure|tally)$",
        ),
        *Permission.objects.filter(codename="access_admin"),
    )
    confidential, _ = Group.objects.get_or_create(name=CONFIDENTIAL_GROUP)
    confidential.permissions.add(Permission.objects.get(codename="view_confidential_source"))
    wagtail_editors = Group.objects.filter(name="Editors")
    standards, _ = Group.objects.get_or_create(name=STANDARDS_GROUP)
    standards.permissions.add(Permission.objects.get(codename="review_sourcing"))
    for username, groups in ((EDITOR_USERNAME, [editors]), (STANDARDS_USERNAME, [editors, standards])):
        if not User.objects.filter(username=username).exists():
            user = User.objects.create_user(username, f"{username}@example.com", admin_password)
            user.groups.add(*groups, *wagtail_editors)
    return admin


def _sourcing_review(news, explainers):
    """The article index under the Sourcing review workflow: editors write and submit articles, the
    Standards editors review and publish them; editors publish explainers themselves."""
    editors, standards = Group.objects.get(name=EDITOR_GROUP), Group.objects.get(name=STANDARDS_GROUP)
    for group, section, permission_types in (
        (editors, news, ("add", "change")), (editors, explainers, ("add", "change", "publish")), (standards, news, ("publish",)),
    ):
        for permission_type in permission_types:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{permission_type}_page")
            GroupPagePermission.objects.get_or_create(group=group, page=section, permission=permission)
    task = SourcingReviewTask.objects.filter(name=SOURCING_REVIEW).first()
    if task is None:
        task = SourcingReviewTask.objects.create(name=SOURCING_REVIEW)
        task.groups.set([standards])
    workflow, created = Workflow.objects.get_or_create(name=SOURCING_REVIEW)
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.get_or_create(page=news, defaults={"workflow": workflow})


def _conflicts():
    conflicts = {}
    for spec in content.CONFLICTS:
        conflicts[spec["slug"]], _ = Conflict.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "summary": spec["summary"],
                "started_on": date.fromisoformat(spec["started_on"]),
            },
        )
    return conflicts


def _locations(conflicts):
    locations = {}
    for spec in content.LOCATIONS:
        location = Location.objects.filter(slug=spec["slug"]).first()
        if location is None:
            location = Location(
                slug=spec["slug"],
                name=spec["name"],
                kind=spec["kind"],
                parent=locations.get(spec.get("parent")),
                alternative_names=spec.get("alternative_names", ""),
                latitude=Decimal(spec["lat"]),
                longitude=Decimal(spec["lon"]),
                geo_precision=spec["precision"],
                geometry=spec.get("geometry"),
                geonames_id=spec.get("geonames_id"),
                wikidata_id=spec.get("wikidata_id", ""),
                osm_id=spec.get("osm_id", ""),
            )
            location.full_clean()
            location.save()
            location.conflicts.set([conflicts[slug] for slug in spec["conflicts"]])
        locations[spec["slug"]] = location
    return locations


def _sources():
    sources = {}
    for spec in content.SOURCES:
        fields = {k: v for k, v in spec.items() if k != "key"}
        source = Source.objects.filter(public_label=spec["public_label"]).first()
        if source is None:
            source = Source(**fields)
            source.full_clean()
            source.save()
        sources[spec["key"]] = source
    return sources


def _claims(conflicts, locations, sources, admin):
    claims = {}
    for spec in content.CLAIMS:
        claim = Claim.objects.filter(statement=spec["statement"]).first()
        if claim is None:
            claim = claim_create(
                statement=spec["statement"],
                conflict=conflicts["idlib"],
                by=admin,
                note="Reported in the desk's coverage; not independently verified.",
                places=[locations[slug] for slug in spec["places"]],
                attributions=[
                    {"source": sources[key], "how_obtained": how, "credibility": credibility}
                    for key, how, credibility in spec["sources"]
                ],
                **_event(spec.get("event")),
            )
            for status, note in spec["history"]:
                claim_change_status(claim=claim, to=status, by=admin, note=note)
        claims[spec["key"]] = claim
    return claims


def _event(event):
    """(start, end, precision) as a service's event_* arguments; nothing for an unknown time."""
    if not event:
        return {}
    start, end, precision = event
    return {
        "event_start": date.fromisoformat(start),
        "event_end": date.fromisoformat(end) if end else None,
        "event_precision": precision,
    }


def _tallies(conflicts, locations, sources, admin):
    """Published tallies of the demo conflict, each with the figures its sources give; returns the
    figures by key."""
    found = {}
    for spec in content.TALLIES:
        conflict = conflicts[spec["conflict"]]
        specs = {key: {**figure, "event": spec["event"]} for key, figure in spec["figures"].items()}
        figures = _figures(conflict, specs, locations, sources, admin)
        found.update(figures)
        if not Tally.objects.filter(name=spec["name"]).exists():
            tally_create(
                name=spec["name"], conflict=conflict, figures=list(figures.values()),
                used_figure=figures[spec["used"]], is_published=True, **_event(spec["event"]),
            )
    return found


def _figures(conflict, specs, locations, sources, admin):
    """The figures of `specs` by key, found by what they count and their words, or recorded."""
    figures = {}
    for key, spec in specs.items():
        fields = {name: value for name, value in spec.items() if name not in ("source", "places", "event")}
        figures[key] = Figure.objects.filter(
            conflict=conflict, counts=spec["counts"], words=spec["words"]
        ).first() or figure_create(
            **fields, **_event(spec["event"]), conflict=conflict, by=admin,
            source=sources[spec["source"]] if spec["source"] else None,
            places=[locations[slug] for slug in spec["places"]],
            note="As reported; not independently verified.",
        )
    return figures


def _child(parent, model, slug, **fields):
    """Returns the live child page with this slug, creating and publishing it if missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    return page, True


def _publish(page):
    page.save_revision().publish()


def tree_root():
    """Wagtail's root page, recreated with the default locale if the database was emptied."""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant

    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))


def _site_tree():

    root = tree_root()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(slug="conflict-desk", **content.INDEX_PAGES["home"])
        root.add_child(instance=home)
        _publish(home)
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Conflict Desk"},
        )
        # Wagtail's placeholder welcome page is replaced by the home page.
        Page.objects.filter(depth=2, content_type__model="page").exclude(pk=home.pk).delete()
    pages = []
    for key, model in (("news", ArticleIndexPage), ("explainers", ExplainerIndexPage)):
        page, created = _child(home, model, **content.INDEX_PAGES[key])
        if created:
            _publish(page)
        pages.append(page)
    return home, *pages


def _standards(home):
    """The desk's policies as standards pages, each set in the default Site's Disclosures unless
    that policy is already set there (to a page or a URL)."""
    disclosures = DisclosureSettings.for_site(Site.objects.get(is_default_site=True))
    changed = False
    for spec in content.STANDARDS:
        page, created = _child(
            home, StandardsPage, spec["slug"], title=spec["title"], intro=spec["intro"],
            body=[{"type": "section", "value": {"heading": heading, "text": f"<p>{escape(text)}</p>"}}
                  for heading, text in spec["sections"]],
        )
        if created:
            _publish(page)
        policy = spec["policy"]
        if getattr(disclosures, f"{policy}_page_id") is None and not getattr(disclosures, f"{policy}_url"):
            setattr(disclosures, f"{policy}_page", page)
            changed = True
    if changed:
        disclosures.save()


def _paragraph_blocks(paragraphs, spans=(), records=None):
    """Rich-text paragraphs; `spans` are (paragraph, phrase, kind, key) annotations to mark up."""
    blocks = []
    for index, text in enumerate(paragraphs):
        html, cursor = [], 0
        for _index, phrase, kind, key in [span for span in spans if span[0] == index]:
            start = text.index(phrase, cursor)
            html.append(escape(text[cursor:start]))
            html.append(f'<a linktype="{kind}" id="{records[kind][key].pk}">{escape(phrase)}</a>')
            cursor = start + len(phrase)
        html.append(escape(text[cursor:]))
        blocks.append(("paragraph", f"<p>{''.join(html)}</p>"))
    return blocks


def _explainer(parent, spec, conflicts, locations, claims):

    page, created = _child(
        parent,
        ExplainerPage,
        spec["slug"],
        title=spec["title"],
        summary=spec["summary"],
        conflict=conflicts[spec["conflict"]],
        last_reviewed=date.fromisoformat(spec["last_reviewed"]),
        body=_paragraph_blocks(spec["paragraphs"]),
    )
    if created:
        page.places.set([locations[slug] for slug in spec["places"]])
        page.key_claims.set(
            [ExplainerKeyClaim(claim=claims[key], sort_order=i) for i, key in enumerate(spec["key_claims"])]
        )
        _publish(page)
    return page


def _article(parent, conflicts, locations, sources, claims, figures, explainers):

    spec = content.ARTICLE
    standfirst, paragraphs, _credit = content.article_paragraphs()
    page, created = _child(
        parent,
        ArticlePage,
        spec["slug"],
        title=spec["title"],
        standfirst=standfirst,
        byline=spec["byline"],
        dateline_place=locations[spec["dateline"]],
        conflict=conflicts[spec["conflict"]],
        body=_paragraph_blocks(
            paragraphs,
            content.ARTICLE_ANNOTATIONS,
            {"claim": claims, "source": sources, "place": locations, "figure": figures},
        ),
    )
    if not created:
        return page
    page.places.set([locations[slug] for slug in spec["places"]])
    page.related_explainers.set(
        [ArticleRelatedExplainer(explainer=explainers[slug], sort_order=i)
         for i, slug in enumerate(spec["related_explainers"])]
    )
    page.update_log.set(
        [ArticleUpdate(date=datetime.fromisoformat(when), kind=kind, text=text, sort_order=i)
         for i, (when, kind, text) in enumerate(spec["update_log"])]
    )
    _publish(page)
    first_published = datetime.fromisoformat(spec["first_published_at"])
    ArticlePage.objects.filter(pk=page.pk).update(first_published_at=first_published)
    page.first_published_at = first_published
    return page
