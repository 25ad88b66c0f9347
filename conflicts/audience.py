"""What is public and what each partner may receive: the confidentiality line, defined once.

Every surface that publishes (reader pages, search, feeds, sitemap, the partner API and its
webhooks) starts from these querysets, so a record is visible on one surface exactly when it is
visible on the others. Each is built from subqueries, so its SQL does not grow with coverage, and each "shown with"
test is a correlated `EXISTS` driven by an index, never `IN (…) OR IN (…)`, which PostgreSQL
hashes or rescans in full.
"""

from django.db.models import Exists, OuterRef, Q
from wagtail.models import Page, PageViewRestriction

from . import coverage
from .conf import key_claim_models, reporting_models
from .models import Annotation, Claim, Conflict, Figure, Location, Source, Tally


def public_pages():
    """Live pages outside every private section: what readers may open."""
    return Page.objects.live().public()


def section_restrictions(page):
    """The view restrictions over the page's section, its own and its ancestors' (read by tree path,
    as `public()` reads them): a page with none is public."""
    paths = [page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)]
    return PageViewRestriction.objects.filter(page__path__in=paths)


def public_claims():
    """Claims that public coverage carries, in its text or as an explainer's key claims."""
    return Claim.objects.current().carried_by(public_pages())


def public_sources():
    """Sources cited in public coverage, or saying a claim it carries."""
    return Source.objects.current().cited_by(public_pages())


def conflicts_covered_by(pages):
    """Conflicts that one of `pages` (articles or explainers) covers."""
    return Conflict.objects.filter(coverage.pointed_to_by(reporting_models(), pages, "conflict"))


def tallies_shown_with(pages):
    """Tallies an editor published, of a conflict that one of `pages` covers: the one rule for
    tallies and their figures, on the site and for partners."""
    return Tally.objects.filter(is_published=True, conflict__in=conflicts_covered_by(pages).values("pk"))


def public_tallies():
    return tallies_shown_with(public_pages())


def figures_shown_with(pages, tallies):
    """Figures of one of `tallies`, or annotated in the text of one of `pages`: readers of a page
    see its figures, so partners receiving the page may receive them too."""
    annotated = Annotation.objects.filter(figure=OuterRef("pk"), page__in=pages.values("pk"))
    return Figure.objects.filter(Q(tally__in=tallies.values("pk")) | Exists(annotated))


def public_figures():
    """Figures of a public tally or in the text of a public page; any other figure is not published."""
    pages = public_pages()
    return figures_shown_with(pages, tallies_shown_with(pages))


def carrying_conditions(claim):
    """The ways a page carries the claim, one condition each: in its text, as one of its key claims."""
    conditions = [Exists(Annotation.objects.filter(page=OuterRef("pk"), claim=claim))]
    for key_claims in key_claim_models():
        conditions.append(Exists(key_claims.objects.filter(page=OuterRef("pk"), claim=claim)))
    return conditions


def pages_carrying(claim, pages):
    """Those of `pages` that carry the claim, in their text or as a key claim."""
    carried = Q()
    for condition in carrying_conditions(claim):
        carried |= condition
    return pages.filter(carried)


# Partners


def partner_conflict_ids(partner):
    return partner.conflicts.values("pk")


def partner_articles(partner):
    return coverage.articles(conflict__in=partner_conflict_ids(partner)).live().public()


def partner_explainers(partner):
    return coverage.explainers(conflict__in=partner_conflict_ids(partner)).live().public()


def partner_pages(partner, *, live=True):
    """Public articles and explainers of the partner's conflicts.

    `live=False` also counts pages no longer live, to decide who is told that a page was removed.
    """
    pages = coverage.pages_of(reporting_models(), conflict__in=partner_conflict_ids(partner)).public()
    return pages.live() if live else pages


def partner_claims(partner, *, pages=None):
    """Claims of the partner's conflicts that its coverage (`pages`, by default partner_pages())
    carries, in the text or as key claims."""
    pages = partner_pages(partner) if pages is None else pages
    return Claim.objects.current().filter(conflict__in=partner_conflict_ids(partner)).carried_by_each(pages)


def partner_sources(partner):
    """Sources cited in the partner's coverage, or saying one of its claims."""
    pages = partner_pages(partner)
    return Source.objects.current().cited_by(pages, claims=partner_claims(partner, pages=pages))


def partner_locations(partner):
    """Places of the partner's conflicts, and places its coverage mentions."""
    of_conflicts = Location.conflicts.through.objects.filter(
        location=OuterRef("pk"), conflict__in=partner_conflict_ids(partner)
    )
    mentioned = Annotation.objects.filter(location=OuterRef("pk"), page__in=partner_pages(partner).values("pk"))
    return Location.objects.current().filter(Exists(of_conflicts) | Exists(mentioned))


def partner_tallies(partner, *, pages=None):
    """Published tallies of the partner's conflicts that coverage the partner receives covers."""
    pages = partner_pages(partner) if pages is None else pages
    return tallies_shown_with(pages).filter(conflict__in=partner_conflict_ids(partner))


def partner_figures(partner):
    """Figures of the tallies the partner receives, or in the text of pages it receives."""
    pages = partner_pages(partner)
    return figures_shown_with(pages, partner_tallies(partner, pages=pages)).filter(
        conflict__in=partner_conflict_ids(partner)
    )


def with_tombstones(records):
    """`records` and the tombstones of the duplicates merged into them: a partner that may receive a
    record is told which records it replaces (tombstones carry no more than their id and the record kept)."""
    model = records.model
    # Only the records that duplicates were merged into are looked up for tombstones, so the
    # subquery is as small as the number of merges, not the number of records.
    merge_targets = model.objects.filter(merged_into__isnull=False).values("merged_into_id")
    kept = records.filter(pk__in=merge_targets).values("pk")
    return records.order_by() | model.objects.filter(merged_into__in=kept)


def partner_may_receive(partner, record, *, removed=False):
    """Whether the partner may receive this claim, source, place, figure, tally or page through the
    API (or, for a page just removed, whether it could until now): the webhooks' rule, the API's own
    querysets."""
    if isinstance(record, Claim):
        return partner_claims(partner).filter(pk=record.pk).exists()
    if isinstance(record, Source):
        return partner_sources(partner).filter(pk=record.pk).exists()
    if isinstance(record, Location):
        return partner_locations(partner).filter(pk=record.pk).exists()
    if isinstance(record, Figure):
        return partner_figures(partner).filter(pk=record.pk).exists()
    if isinstance(record, Tally):
        return partner_tallies(partner).filter(pk=record.pk).exists()
    return partner_pages(partner, live=not removed).filter(pk=record.pk).exists()


def partner_conflicts(partner):
    return Conflict.objects.filter(pk__in=partner_conflict_ids(partner))
