"""What to purge when a record changes: the tags of exactly the outputs that show it.

Each function answers with page-cache tags (`path:<path>` for a page and all its `?page=N`
variants, `sitemap` for the sitemap's sections, `related:…` for the related lists of one
conflict or place), read from the same rows the pages read: the annotation rows, explainers' key
claims, claims' attributions and places, and pages' conflict, places and dateline.

A publish costs the same whatever the size of the site: the pages it shows up on elsewhere are
its ancestors, its records' pages, the feeds and sitemap, and the related lists of the pages
sharing its conflict or a place, which carry one `related:` tag per conflict and place instead
of being listed one by one (a third of the site at 100,000 articles).
"""


from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from wagtail.models import Page, ReferenceIndex, Site

from . import coverage
from .audience import public_pages
from .conf import key_claim_models, page_kind, reporting_models
from .models import Annotation, Claim, ClaimAttribution, Conflict, Figure, Location, Source, Tally
from .page_cache import SITEMAP_TAG, path_tag


def page_path_tags(pages):
    """The tags of the pages' paths under every Site serving them (Wagtail's page URLs: the
    url_path below the Site's root), reading the Sites once whatever the number of pages."""
    roots = Site.get_site_root_paths()
    tags = set()
    for url_path in pages.values_list("url_path", flat=True).iterator(chunk_size=2000):
        for root in roots:
            if url_path.startswith(root.root_path):
                tags.add(path_tag(url_path[len(root.root_path) - 1:]))
    return tags


def _record_tags(model, ids):
    """The pages of records addressed by their primary key (claims, sources): read as ids, never
    loaded."""
    ids = model.objects.filter(pk__in=ids).values_list("pk", flat=True).iterator(chunk_size=2000)
    return {path_tag(model(pk=pk).get_absolute_url()) for pk in ids}


def location_tags(ids):
    """The place pages of the places and of every place containing one (a place's page lists
    what its descendants carry)."""
    ids, frontier = set(ids), set(ids)
    while frontier:
        frontier = set(
            Location.objects.filter(pk__in=frontier, parent__isnull=False).values_list("parent_id", flat=True)
        ) - ids
        ids |= frontier
    return {path_tag(path) for path in _location_paths(ids)}


def _location_paths(ids):
    return [Location(pk=pk, slug=slug).get_absolute_url()
            for pk, slug in Location.objects.filter(pk__in=ids).values_list("pk", "slug")]


def _conflict_tags(ids, *, feeds=False):
    tags = set()
    for conflict in Conflict.objects.filter(pk__in=ids).only("pk", "slug"):
        tags.add(path_tag(conflict.get_absolute_url()))
        if feeds:
            tags.add(path_tag(reverse("conflicts:conflict_feed", kwargs={"slug": conflict.slug})))
    return tags


def _pages_carrying(claims):
    carried = Q(pk__in=Annotation.objects.filter(claim__in=claims).values("page_id"))
    for key_claims in key_claim_models():
        carried |= Q(pk__in=key_claims.objects.filter(claim__in=claims).values("page_id"))
    return public_pages().filter(carried)


def claim_conflict_tags(conflict_id):
    """What lists a conflict's claims: its page (open claims, timeline)."""
    return _conflict_tags([conflict_id])


def claim_tags(claim):
    """A claim shows on its page, every page carrying it, its conflict's page, the pages of its
    places and sources, and the claims section of the sitemap."""
    claims = Claim.objects.filter(pk=claim.pk).values("pk")
    source_ids = ClaimAttribution.objects.filter(claim_id=claim.pk).values("source_id")
    return (
        {path_tag(claim.get_absolute_url()), SITEMAP_TAG}
        | page_path_tags(_pages_carrying(claims))
        | claim_conflict_tags(claim.conflict_id)
        | location_tags(claim.places.values_list("pk", flat=True))
        | _record_tags(Source, source_ids)
    )


def source_tags(source):
    """A source shows on its page, the pages citing it or carrying a claim it says, those claims'
    pages and their conflicts' pages (open claims show who says them)."""
    claims = Claim.objects.filter(attributions__source_id=source.pk)
    cited = public_pages().filter(pk__in=Annotation.objects.filter(source_id=source.pk).values("page_id"))
    return (
        {path_tag(source.get_absolute_url()), SITEMAP_TAG}
        | page_path_tags(cited)
        | page_path_tags(_pages_carrying(claims.values("pk")))
        | _record_tags(Claim, claims.values("pk"))
        | _conflict_tags(claims.values("conflict_id"))
    )


def location_tags_for(location):
    """A place shows on its page and its parent's and children's, the pages about it or mentioning
    it (and the indexes listing them, which filter by place), its claims' pages and its conflicts'."""
    mentioned = Annotation.objects.filter(location_id=location.pk).values("page_id")
    pages = coverage.pages_of(
        reporting_models(), Q(places=location.pk) | Q(pk__in=mentioned)
    ) | coverage.articles(dateline_place=location.pk)
    pages = public_pages().filter(pk__in=pages.values("pk"))
    children = Location.objects.filter(parent_id=location.pk).values_list("pk", flat=True)
    return (
        {SITEMAP_TAG, path_tag(location.get_absolute_url())}
        | location_tags([location.pk])
        | {path_tag(path) for path in _location_paths(children)}
        | page_path_tags(pages)
        | page_path_tags(Page.objects.filter(pk__in=_parent_ids(pages)))
        | _record_tags(Claim, Claim.objects.filter(places=location.pk).values("pk"))
        | _conflict_tags(location.conflicts.values("pk"))
    )


def conflict_tags(conflict):
    """A conflict shows on its page and feed, the pages it groups (and their indexes, which filter
    by conflict), its claims' pages and its places' pages."""
    pages = public_pages().filter(pk__in=coverage.pages_of(reporting_models(), conflict=conflict.pk).values("pk"))
    return (
        {SITEMAP_TAG}
        | _conflict_tags([conflict.pk], feeds=True)
        | page_path_tags(pages)
        | page_path_tags(Page.objects.filter(pk__in=_parent_ids(pages)))
        | _record_tags(Claim, Claim.objects.filter(conflict=conflict.pk).values("pk"))
        | location_tags(conflict.locations.values_list("pk", flat=True))
    )


def figure_tags(figure):
    """A figure shows on the pages annotating it, its tally's page and its conflict's page (its
    tallies and timeline)."""
    annotating = public_pages().filter(pk__in=Annotation.objects.filter(figure_id=figure.pk).values("page_id"))
    tags = page_path_tags(annotating) | _conflict_tags([figure.conflict_id])
    if figure.tally_id:
        tags |= tally_tags(Tally(pk=figure.tally_id, conflict_id=figure.conflict_id))
    return tags


def tally_tags(tally):
    """A tally shows on its page, its conflict's page and the pages annotating its figures (their
    notes link to its rows)."""
    annotating = public_pages().filter(
        pk__in=Annotation.objects.filter(figure__tally_id=tally.pk).values("page_id")
    )
    return {path_tag(tally.get_absolute_url())} | _conflict_tags([tally.conflict_id]) | page_path_tags(annotating)


RECORD_TAGS = {
    Claim: claim_tags,
    Source: source_tags,
    Location: location_tags_for,
    Conflict: conflict_tags,
    Figure: figure_tags,
    Tally: tally_tags,
}


def record_tags(record):
    """What shows `record` (a claim, source, place, conflict, figure or tally), by its kind."""
    return RECORD_TAGS[type(record)](record)


def _parent_ids(pages):
    """The ids of the pages' parents, read from the pages' tree paths: two queries however many
    pages (they share a few parents, the indexes listing them)."""
    parent_paths = {
        path[:-Page.steplen] for path, depth in pages.values_list("path", "depth").iterator(chunk_size=2000)
        if depth > 1
    }
    return Page.objects.filter(path__in=parent_paths).values("pk")


def related_list_tags(kind, conflict_id, place_ids):
    """The tags of the related lists of pages of `kind` ("article" or "explainer") for a conflict
    and places: one per conflict and per place, whatever the number of pages showing them."""
    tags = {f"related:{kind}:place:{pk}" for pk in place_ids}
    if conflict_id:
        tags.add(f"related:{kind}:conflict:{conflict_id}")
    return tags


# What each kind of reporting page lists beside itself (selectors.article_page_context and
# explainer_page_context): live pages of the other kind sharing its conflict or one of its places.
RELATED_KIND_SHOWN = {"article": "explainer", "explainer": "article"}


def related_list_tags_shown(page):
    """The tags of the related lists `page` (an article or explainer) shows, to be read before it
    renders them."""
    places = [place.pk for place in page.places.all()]
    return related_list_tags(RELATED_KIND_SHOWN[page_kind(page)], page.conflict_id, places)


def _records_carried(page):
    """The ids of the claims, sources and places the page shows through its annotations and key
    claims (with the claims' sources and places): a few queries on the page's own rows."""
    rows = list(Annotation.objects.filter(page_id=page.pk).values_list("claim_id", "source_id", "location_id"))
    claims, sources, places = ({row[column] for row in rows} for column in range(3))
    for key_claims in key_claim_models():
        claims |= set(key_claims.objects.filter(page_id=page.pk).values_list("claim_id", flat=True))
    claims.discard(None)
    sources |= set(ClaimAttribution.objects.filter(claim_id__in=claims).values_list("source_id", flat=True))
    places |= set(Claim.places.through.objects.filter(claim_id__in=claims).values_list("location_id", flat=True))
    return claims, sources - {None}, places - {None}


def _pages_referring_to(page):
    """Public pages linking to or choosing the page (rich-text links, an article's chosen explainers),
    from Wagtail's reference index."""
    referring = ReferenceIndex.get_references_to(page).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    ).values_list("object_id", flat=True)
    return public_pages().filter(pk__in=[int(pk) for pk in referring])


def page_tags(page):
    """A page shows at its address, in the lists of its ancestors (indexes, home), on the pages
    linking to it, in the related lists of pages sharing its conflict or a place (their `related:`
    tags), on the pages of the claims, sources, places and conflict it carries, in the feeds and
    in the sitemap."""
    specific = page.specific_deferred
    conflict_id = getattr(specific, "conflict_id", None)
    places = set(getattr(specific, "places", Location.objects.none()).values_list("pk", flat=True))
    tags = {SITEMAP_TAG, path_tag(_feed_path())} | page_path_tags(Page.objects.ancestor_of(page, inclusive=True))
    tags |= page_path_tags(_pages_referring_to(page))
    if isinstance(specific, reporting_models()):
        tags |= related_list_tags(page_kind(specific), conflict_id, places)
    if getattr(specific, "dateline_place_id", None):
        places.add(specific.dateline_place_id)
    return tags | _conflict_tags([conflict_id], feeds=True) | location_tags(places) | page_records_tags(page)


def page_stored_tags(page):
    """The lists showing an article or explainer as stored (its related lists, its conflict's page
    and feed, its places' pages): read before a publish saves its new conflict and places, so the
    lists it leaves are purged as well as those it joins."""
    stored = type(page).objects.filter(pk=page.pk).defer_streamfields().first()
    if stored is None:
        return set()
    places = set(stored.places.values_list("pk", flat=True))
    tags = related_list_tags(page_kind(stored), stored.conflict_id, places)
    if getattr(stored, "dateline_place_id", None):
        places.add(stored.dateline_place_id)
    return tags | _conflict_tags([stored.conflict_id], feeds=True) | location_tags(places)


def page_records_tags(page):
    """The pages of the claims, sources and places the page carries in its annotation rows and key
    claims: read before a publish changes the rows as well as after, so that the records it
    stopped carrying are purged too."""
    claims, sources, places = _records_carried(page)
    return _record_tags(Claim, claims) | _record_tags(Source, sources) | location_tags(places)


def page_moved_tags(page, url_path_before):
    """The page and every descendant at their former addresses as well as at their new ones."""
    tags = page_tags(page)
    new_paths = list(Page.objects.descendant_of(page, inclusive=True).values_list("url_path", flat=True))
    for root in Site.get_site_root_paths():
        if url_path_before.startswith(root.root_path):
            old = url_path_before[len(root.root_path) - 1:]
            tags |= {path_tag(old + url_path[len(page.url_path):]) for url_path in new_paths}
    return tags


def _feed_path():
    return reverse("conflicts:latest_feed")
