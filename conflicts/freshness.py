"""When what a page or record shows last changed, read in one query and without rendering, so a
conditional request (If-None-Match, If-Modified-Since) is answered 304 before anything is rendered.

Each moment is the latest of the `updated_at` / `last_published_at` of every record the output
shows (a claim's status change saves the claim, a source's or place's edit saves it), and of the
latest removal of a page (its tombstone), since a removed page drops out of every list.
"""

import hashlib

from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from wagtail.models import Page, PageLogEntry

from .audience import carrying_conditions
from .conf import article_models, reporting_models
from .models import (
    Annotation,
    Claim,
    ClaimAttribution,
    Conflict,
    Figure,
    Location,
    PageTombstone,
    Partner,
    Source,
    Tally,
)


def latest(queryset, field="updated_at"):
    """The latest `field` of `queryset`, as a subquery: a walk down an index on `field` when the rows
    are many (NULLs, which PostgreSQL sorts first in a descending scan, are left out)."""
    return Subquery(queryset.filter(**{f"{field}__isnull": False}).order_by(F(field).desc()).values(field)[:1])


def latest_in_index(model, field="updated_at"):
    """The latest value of a table's indexed, non-null `field`, as a subquery that PostgreSQL reads
    from the end of the index (`latest()`'s NULLS LAST ordering would sort the whole table)."""
    return Subquery(model.objects.order_by(f"-{field}").values(field)[:1])


def latest_of(record, **subqueries):
    """The latest of the record's own `updated_at` (or `last_published_at`) and of `subqueries`,
    read in one query."""
    own, model = ("last_published_at", Page) if isinstance(record, Page) else ("updated_at", type(record))
    row = model.objects.filter(pk=record.pk).values(
        own, latest_removal=latest(PageTombstone.objects.all(), "removed_at"),
        **{f"latest_{name}": subquery for name, subquery in subqueries.items()},
    ).first()
    moments = [moment for moment in (row or {}).values() if moment is not None]
    return max(moments, default=None)


def _page_place_ids(page):
    """The ids of the page's places, as a subquery on its many-to-many table."""
    field = type(page)._meta.get_field("places")
    rows = field.remote_field.through.objects.filter(**{field.m2m_field_name(): page.pk})
    return rows.values(field.m2m_reverse_field_name())


def latest_publications(name, pointing):
    """{f"{name}_{i}": the latest publication of the live pages the rows of `pointing[i]` point at},
    `pointing` being (rows, the field of a row naming its page) pairs.

    One subquery per pair, each a single EXISTS that PostgreSQL turns into a semi-join: it walks
    down the pages' publication index and stops at the first page with a row, however many pages
    there are. An OR of EXISTS cannot be turned into one and was hashed over every page instead.
    """
    return {
        f"{name}_{index}": latest(
            Page.objects.live().filter(Exists(rows.filter(**{field: OuterRef("pk")}))), "last_published_at"
        )
        for index, (rows, field) in enumerate(pointing)
    }


def _places_rows(model, place_ids):
    """(rows of the model's places table naming one of `place_ids`, the field naming the page)."""
    field = model._meta.get_field("places")
    rows = field.remote_field.through.objects.filter(**{f"{field.m2m_reverse_field_name()}__in": place_ids})
    return rows, field.m2m_field_name()


def page_moment(page, *, with_related=False):
    """An article or explainer: the page, the claims, sources, places and figures (and their
    tallies) it cites, the sources saying those claims, its places and conflict; `with_related`
    adds the reader page's lists of related articles and explainers (the latest publication of the
    conflict or a shared place)."""
    page_ids = [page.pk]
    claims = Claim.objects.carried_by_pages(page_ids)
    annotations = Annotation.objects.filter(page_id=page.pk)
    places = Q(pk__in=annotations.values("location_id")) | Q(pk__in=_page_place_ids(page))
    subqueries = {
        "claims": latest(claims),
        "sources": latest(Source.objects.filter(
            Q(pk__in=annotations.values("source_id"))
            | Q(pk__in=ClaimAttribution.objects.filter(claim__in=claims.values("pk")).values("source_id"))
        )),
        "places": latest(Location.objects.filter(places)),
        "conflict": latest(Conflict.objects.filter(pk=page.conflict_id)),
        "figures": latest(Figure.objects.filter(pk__in=annotations.values("figure_id"))),
        "tallies": latest(Tally.objects.filter(figures__in=annotations.values("figure_id"))),
    }
    if with_related:
        related = [_places_rows(model, _page_place_ids(page)) for model in reporting_models()]
        if page.conflict_id:
            related += [(model.objects.filter(conflict_id=page.conflict_id), "pk") for model in reporting_models()]
        subqueries.update(latest_publications("related", related))
    return latest_of(page, **subqueries)


def claim_moment(claim):
    """A claim's page or representation: the claim (its status and history), its sources, places and
    conflict, and the live pages that carry it (one subquery per way of carrying it, each a walk
    down the pages' publication index that stops at the first page carrying the claim)."""
    pages = {
        f"pages_{index}": latest(Page.objects.live().filter(condition), "last_published_at")
        for index, condition in enumerate(carrying_conditions(claim.pk))
    }
    return latest_of(
        claim,
        sources=latest(Source.objects.filter(attributions__claim_id=claim.pk)),
        places=latest(Location.objects.filter(claims__pk=claim.pk)),
        conflict=latest(Conflict.objects.filter(pk=claim.conflict_id)),
        **pages,
    )


def source_moment(source):
    """A source's page: the source, the claims it says and the pages carrying them or citing it."""
    claims = Claim.objects.filter(attributions__source_id=source.pk)
    citing = Q(pk__in=Annotation.objects.filter(source_id=source.pk).values("page_id"))
    citing |= Q(pk__in=Annotation.objects.filter(claim__in=claims.values("pk")).values("page_id"))
    return latest_of(
        source, claims=latest(claims), pages=latest(Page.objects.live().filter(citing), "last_published_at"),
    )


def location_moment(location, place_ids):
    """A place's page (`place_ids`: the place and every place inside it): those places, the claims
    placed there, and the live pages about, mentioning or datelined there."""
    pointing = [_places_rows(model, place_ids) for model in reporting_models()]
    pointing.append((Annotation.objects.filter(location_id__in=place_ids), "page_id"))
    pointing += [(model.objects.filter(dateline_place__in=place_ids), "pk") for model in article_models()]
    return latest_of(
        location,
        places=latest(Location.objects.filter(Q(pk__in=place_ids) | Q(parent_id__in=place_ids))),
        claims=latest(Claim.objects.filter(places__in=place_ids)),
        **latest_publications("pages", pointing),
    )


def conflict_moment(conflict):
    """A conflict's page: the conflict, its places and claims (with their sources), its figures and
    tallies, and its live pages."""
    claims = Claim.objects.filter(conflict_id=conflict.pk)
    return latest_of(
        conflict,
        places=latest(Location.objects.filter(conflicts__pk=conflict.pk)),
        claims=latest(claims),
        sources=latest(Source.objects.filter(attributions__claim__in=claims.values("pk"))),
        figures=latest(Figure.objects.filter(conflict_id=conflict.pk)),
        tallies=latest(Tally.objects.filter(conflict_id=conflict.pk)),
        **latest_publications("pages", [(model.objects.filter(conflict_id=conflict.pk), "pk")
                                        for model in reporting_models()]),
    )


def partner_lists_moment(partner):
    """A bound on when any page of any of the partner's lists last changed, content or membership:
    the latest change of the partner's settings (its conflicts), of any claim, source, place,
    conflict, figure or tally, of any page (Wagtail logs every publish, unpublish, move and change
    of privacy) and of any removal. Read from the end of each table's index, so its cost does not
    grow with coverage; a list's ETag names its exact rows, this bound answers If-Modified-Since."""
    row = Partner.objects.filter(pk=partner.pk).values(
        "updated_at",
        pages=latest_in_index(PageLogEntry, "timestamp"),
        removals=latest_in_index(PageTombstone, "removed_at"),
        **{model._meta.model_name: latest_in_index(model) for model in (Claim, Source, Location, Conflict, Figure, Tally)},
    ).first()
    return max((moment for moment in (row or {}).values() if moment is not None), default=None)


# Conditional answers


def validators(moment, *parts, modified=None):
    """(ETag, Last-Modified) for an output of `parts` (its kind, id, format...) as of `moment`;
    `modified`, when given, is the Last-Modified instead of `moment` (a bound for an output whose
    parts already name every version it shows).

    The ETag is weak: the same moment gives the same content, not the same bytes (a nonce may differ).
    """
    modified = modified or moment
    stamp = moment.isoformat() if moment else ""
    digest = hashlib.blake2b("|".join(map(str, (*parts, stamp))).encode(), digest_size=12).hexdigest()
    return f'W/"{digest}"', (http_date(modified.timestamp()) if modified else None)


def not_modified(request, moment, *parts, modified=None):
    """A 304 (or 412) when the client's copy is of `moment`, before anything is rendered; else None."""
    modified = modified or moment
    if modified is None or request.method not in ("GET", "HEAD"):
        return None
    etag, last_modified = validators(moment, *parts, modified=modified)
    response = get_conditional_response(request, etag=etag, last_modified=int(modified.timestamp()))
    if response is not None and response.status_code == 304:
        response["ETag"], response["Last-Modified"] = etag, last_modified
    return response


def mark(response, moment, *parts, modified=None):
    """Sets the ETag and Last-Modified a later conditional request is compared with."""
    if (modified or moment) is not None and response.status_code == 200:
        response["ETag"], response["Last-Modified"] = validators(moment, *parts, modified=modified)
    return response
