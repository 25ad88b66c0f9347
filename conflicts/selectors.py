"""Reads shared by pages, admin and API; each decides its joins so query counts are fixed here."""

from collections import Counter
from contextlib import nullcontext

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from wagtail.rich_text import RichText, expand_db_html

from . import coverage, structured_data
from .audience import carrying_conditions, public_claims, public_pages
from .body_text import body_text_spans, normalize_newlines, spans_for_annotations
from .choices import OPEN_STATUSES, AnnotationKind, ArticleUpdateKind, ClaimStatus
from .conf import article_models, explainer_models
from .fragments import fragment_cached, page_fragment_key
from .geojson import CENTRE_PRECISIONS, location_map_geometry
from .keyset import cursor_parse, keyset_page
from .links import public_url, rich_text_for_rendering, syndicated_rendering
from .models import Annotation, Claim, ClaimAttribution, ClaimStatusChange, Conflict, Figure, Location, Source
from .models.sources import CONFIDENTIAL_SOURCE_FIELDS
from .spans import annotation_refs, label_for_note, note_id, records_prefetched


def attribution_list_public():
    """Attributions with their sources' public fields: the confidential ones are never read (nor
    decrypted) for a public page or a partner."""
    confidential = [f"source__{name}" for name in CONFIDENTIAL_SOURCE_FIELDS]
    return ClaimAttribution.objects.select_related("source").defer(*confidential).order_by("sort_order")


def claim_queryset_with_sources():
    """Claims with their conflict and attributed sources loaded in two extra queries."""
    return Claim.objects.select_related("conflict").prefetch_related(
        Prefetch("attributions", queryset=attribution_list_public())
    )


ARTICLE_LIST_RELATIONS = {"select": ("conflict", "dateline_place")}
EXPLAINER_LIST_RELATIONS = {"select": ("conflict",)}


def article_list_latest(*, parent=None, limit=20):
    pages = coverage.articles().live().public()
    if parent is not None:
        pages = pages.child_of(parent)
    return coverage.specific_pages(pages.order_by("-first_published_at", "-pk")[:limit], **ARTICLE_LIST_RELATIONS)


def explainer_list_latest(*, parent=None, limit=20):
    pages = coverage.explainers().live().public()
    if parent is not None:
        pages = pages.child_of(parent)
    return coverage.specific_pages(pages.order_by("-last_published_at", "-pk")[:limit], **EXPLAINER_LIST_RELATIONS)


def page_places(page):
    return list(page.places.all().select_related("parent").order_by("name"))


def article_page_context(page, request=None):
    related = sorted(page.child_rows("related_explainers", select=["explainer"]), key=lambda row: row.sort_order or 0)
    picks = [row.explainer for row in related if row.explainer.live]
    parts = annotated_page_parts_cached(page, request)
    places = page_places(page)
    if hasattr(page, "update_log"):
        prefetch_related_objects([page], "update_log")  # read by the log and by the JSON-LD's corrections
    return {
        **parts,
        "places": places,
        "map": map_features(places),
        "related_explainers": picks + explainer_list_related(
            page, exclude=[p.pk for p in picks], place_ids=[place.pk for place in places]
        ),
        "update_log": article_update_log(page, parts["cited_claims"]),
    }


def reporting_page_context(page, request):
    """Everything an article's or explainer's template shows beside its fields: the annotated
    body, the sourcing notes and summary, places and map, updates log, related pages, JSON-LD."""
    if isinstance(page, article_models()):
        context = article_page_context(page, request)
        context["disclosures"] = structured_data.disclosure_links(request)
        context["jsonld"] = structured_data.news_article(
            page, request, places=context["places"], cited_claims=context["cited_claims"],
            lead_image=page_lead_image(page),
        )
        return context
    context = explainer_page_context(page, request)
    context["jsonld"] = structured_data.background_news_article(
        page, request, places=context["places"], key_claims=context["key_claims"], lead_image=page_lead_image(page),
    )
    return context


def explainer_page_context(page, request=None):
    key_claims = claim_queryset_with_sources().filter(
        pk__in=[row.claim_id for row in page.child_rows("key_claims")]
    )
    places = page_places(page)
    return {
        **annotated_page_parts_cached(page, request),
        "places": places,
        "map": map_features(places),
        "key_claims": list(key_claims.order_by("pk")),
        "related_articles": article_list_related(page, place_ids=[place.pk for place in places]),
    }



# Annotations


def body_annotation_refs(body):
    """(kind, pk) of every annotation span in a body, read from its stored rich text: a RichTextField
    value, or a StreamField whose rich-text blocks carry the spans."""
    if isinstance(body, str):
        return annotation_refs(body)
    refs = []
    for block in body or ():
        source = getattr(block.value, "source", None)
        if source:
            refs += annotation_refs(source)
    return refs


def annotation_record_ids_for_page(page, kind):
    """Ids of the records of `kind` annotated in the page: its live rows and its latest draft's body."""
    field = {
        AnnotationKind.CLAIM: "claim_id", AnnotationKind.SOURCE: "source_id", AnnotationKind.PLACE: "location_id",
        AnnotationKind.FIGURE: "figure_id",
    }[kind]
    ids = set(Annotation.objects.filter(page_id=page.pk, kind=kind).values_list(field, flat=True))
    draft = page.specific.get_latest_revision_as_object()
    ids |= {pk for ref_kind, pk in body_annotation_refs(getattr(draft, "annotated_body", None)) if ref_kind == kind}
    return ids


def annotation_records_load(refs):
    """The records a body refers to, {kind: {pk: record}}, in a fixed number of queries whatever their number
    (none for a kind the body does not annotate)."""
    wanted = {kind: set() for kind in AnnotationKind.values}
    for kind, pk in refs:
        wanted[kind].add(pk)
    public_source_fields = (
        "pk", "public_label", "kind", "is_anonymous", "anonymity_reason", "reliability", "updated_at",
    )
    return {
        AnnotationKind.CLAIM: claim_queryset_with_sources().in_bulk(wanted[AnnotationKind.CLAIM]),
        AnnotationKind.SOURCE: Source.objects.only(*public_source_fields).in_bulk(wanted[AnnotationKind.SOURCE]),
        AnnotationKind.PLACE: Location.objects.in_bulk(wanted[AnnotationKind.PLACE]),
        AnnotationKind.FIGURE: figure_queryset_for_notes().in_bulk(wanted[AnnotationKind.FIGURE]),
    }


def figure_queryset_for_notes():
    """Figures with what a reader is told about them: tally, and the source's public label only."""
    return Figure.objects.select_related("tally", "source").only(
        *[field.name for field in Figure._meta.concrete_fields],
        "tally__name", "tally__is_published", "source__public_label", "source__kind",
    )


def annotated_body(page, *, syndicated=False, request=None):
    """The page body rendered with its annotations, and the sourcing note for each record cited.

    Claim statuses are read at render time, so a status change shows on the next view of
    every page citing the claim without a re-publish. `syndicated` renders the HTML partners
    publish: absolute links and images, no reference to the page's notes; same text.
    """
    body = page.annotated_body
    refs = body_annotation_refs(body)
    records = annotation_records_load(refs)
    rendering = syndicated_rendering(public_url(request, page.get_url(request))) if syndicated else nullcontext()
    with records_prefetched(records), rendering:
        if isinstance(body, str):
            rendered = expand_db_html(rich_text_for_rendering(RichText(body)).source)
        else:
            rendered = body.render_as_block() if body else ""
        body_html = mark_safe(normalize_newlines(rendered))
    notes, seen = [], set()
    for kind, pk in refs:
        record = records[kind].get(pk)
        if record is None or (kind, pk) in seen:
            continue
        seen.add((kind, pk))
        notes.append({"id": note_id(kind, pk), "kind": kind, "record": record, "text": label_for_note(kind, record)})
    return {"body_html": body_html, "annotation_notes": notes, "annotation_records": records}


def annotated_page_parts(page):
    """What a reader page shows of the records its body annotates: the body, the sourcing notes
    (rendered), the sourcing summary and the claims it cites (statement, status and address only).
    Plain values, so that they can be kept in the shared cache."""
    body = annotated_body(page)
    return {
        "body_html": body["body_html"],
        "annotation_notes_html": render_to_string(
            "conflicts/includes/annotation_notes.html", {"notes": body["annotation_notes"]}
        ),
        "sourcing": sourcing_summary(body["annotation_notes"]),
        "cited_claims": [
            Claim(pk=claim.pk, statement=claim.statement, status=claim.status)
            for claim in body["annotation_records"][AnnotationKind.CLAIM].values()
        ],
    }


def annotated_page_parts_cached(page, request):
    """annotated_page_parts(), rendered once per version of the page and of what it shows
    (conflicts.fragments). `annotation_notes` (the notes with their records, for a site's own
    templates) is read only if a template asks for it."""
    parts = fragment_cached(page_fragment_key(page, request, "annotated"), lambda: annotated_page_parts(page))
    return {**parts, "annotation_notes": SimpleLazyObject(lambda: annotated_body(page)["annotation_notes"])}


def page_lead_image(page):
    """The first image of a StreamField body (an image block, or a block with an `image`), or None
    (a RichTextField body has no image blocks)."""
    from wagtail.images.models import AbstractImage

    body = page.annotated_body
    if isinstance(body, str):
        return None
    for block in body or ():
        image = block.value
        if not isinstance(image, AbstractImage):
            image = image.get("image") if hasattr(image, "get") else None
        if isinstance(image, AbstractImage):
            return image
    return None


def annotation_list_for_page(page):
    """The page's annotation rows (live version) with their records, in body order."""
    return Annotation.objects.filter(page_id=page.pk).select_related(
        "claim", "source", "location", "figure__tally", "figure__source"
    ).only(
        *[f.name for f in Annotation._meta.concrete_fields],
        "claim__statement", "claim__status", "source__public_label", "source__kind", "location__name",
        "location__slug", "figure__status", "figure__counts", "figure__counts_label", "figure__low", "figure__best",
        "figure__high", "figure__words", "figure__tally__is_published", "figure__source__public_label",
    ).order_by("sequence")


def annotation_list_located(annotations, body_html):
    """The annotation rows found in body_html, with quote, prefix, suffix and position read from it.

    Offsets and context are those of the HTML being served (never saved), so they select the
    annotated text in it exactly; a row whose span is not in it is left out.
    """
    _text, spans = body_text_spans(body_html)
    located = []
    for annotation, span in spans_for_annotations(annotations, spans):
        annotation.quote, annotation.prefix, annotation.suffix = span.exact, span.prefix, span.suffix
        annotation.position = span.start
        located.append(annotation)
    return located


def article_update_log(page, claims):
    """The editorial corrections and updates log, with a line for every later status change of a cited claim."""
    entries = [
        {"date": entry.date, "kind": entry.kind, "label": entry.get_kind_display(), "text": entry.text}
        for entry in page.child_rows("update_log")
    ]
    if claims and page.first_published_at:
        changes = ClaimStatusChange.objects.filter(
            claim__in=claims, changed_at__gt=page.first_published_at
        ).exclude(from_status="").select_related("claim")
        for change in changes:
            statement = change.claim.statement
            short = statement if len(statement) <= 90 else statement[:89] + "…"
            entries.append({
                "date": change.changed_at,
                "kind": ArticleUpdateKind.CLAIM_STATUS,
                "label": ArticleUpdateKind.CLAIM_STATUS.label,
                "text": f"Claim “{short}” now {change.get_to_status_display().lower()}, "
                        f"{change.changed_at.day} {change.changed_at:%b %Y}.",
                "claim": change.claim,
            })
    return sorted(entries, key=lambda entry: entry["date"])


# Reader pages


def sourcing_summary(notes):
    """How the page is sourced, from its annotations: claims by status, sources by kind, anonymity."""
    claims = [note["record"] for note in notes if note["kind"] == AnnotationKind.CLAIM]
    sources = [note["record"] for note in notes if note["kind"] == AnnotationKind.SOURCE]
    statuses = Counter(claim.status for claim in claims)
    kinds = Counter(source.get_kind_display() for source in sources)
    anonymous = [source for source in sources if source.is_anonymous]
    reasons = list(dict.fromkeys(source.anonymity_reason for source in anonymous if source.anonymity_reason))
    return {
        "claim_count": len(claims),
        "claims_by_status": [
            {"status": status, "label": label, "count": statuses[status]}
            for status, label in ClaimStatus.choices
            if statuses[status]
        ],
        "source_count": len(sources),
        "source_kinds": sorted(kinds.items(), key=lambda item: (-item[1], item[0])),
        "anonymous_count": len(anonymous),
        "anonymity_reasons": reasons,
    }


def map_features(locations):
    """Places as a GeoJSON FeatureCollection for the page's map, drawn as precisely as they are known.

    Places without a position, and regions and countries known only by their centre, are left out
    (the page lists them). `fit` marks the precise places: the map opens on them.
    """
    features = []
    for location in locations:
        geometry = location_map_geometry(location)
        if geometry:
            features.append({
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    "name": location.name, "url": location.get_absolute_url(), "precision": location.geo_precision,
                    "fit": location.geo_precision not in CENTRE_PRECISIONS,
                },
            })
    return {"type": "FeatureCollection", "features": features}


def explainer_list_related(page, *, exclude=(), limit=5, place_ids=None):
    """Live explainers sharing the page's conflict or one of its places (`place_ids`, when read)."""
    if place_ids is None:
        place_ids = [place.pk for place in page.places.all()]
    condition = Q(places__in=place_ids)
    if page.conflict_id:
        condition |= Q(conflict_id=page.conflict_id)
    explainers = coverage.explainers(condition).live().public().exclude(pk__in=[page.pk, *exclude])
    return coverage.specific_pages(explainers.order_by("-last_published_at", "-pk")[:limit], **EXPLAINER_LIST_RELATIONS)


def article_list_related(page, *, limit=5, place_ids=None):
    """Live articles sharing the page's conflict or one of its places (`place_ids`, when read)."""
    if place_ids is None:
        place_ids = [place.pk for place in page.places.all()]
    condition = Q(places__in=place_ids)
    if page.conflict_id:
        condition |= Q(conflict_id=page.conflict_id)
    articles = coverage.articles(condition).live().public().exclude(pk=page.pk)
    return coverage.specific_pages(articles.order_by("-first_published_at", "-pk")[:limit], **ARTICLE_LIST_RELATIONS)


def location_with_descendants(location):
    """The ids of a place and every place inside it, one query per level."""
    ids, frontier = {location.pk}, [location.pk]
    while frontier:
        frontier = [pk for pk in Location.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
                    if pk not in ids]
        ids.update(frontier)
    return ids


CLAIMS_PER_PLACE_PAGE = 50
CITING_PAGES_PER_CLAIM_PAGE = 20


def location_page_context(location, *, place_ids=None, cursor=None):
    """The latest articles and explainers about the place, and its claims CLAIMS_PER_PLACE_PAGE at a
    time from `cursor` (keyset, latest change first). `place_ids`: the place and the places inside
    it, when already read. Each page is probed by its own annotations, newest first, so a place
    mentioned by thousands of pages costs what a quiet one costs."""
    ids = location_with_descendants(location) if place_ids is None else place_ids
    about = Q(places__in=ids) | Exists(Annotation.objects.filter(page_id=OuterRef("pk"), location_id__in=ids))
    articles = coverage.articles(about | Q(dateline_place__in=ids)).live().public()
    explainers = coverage.explainers(about).live().public()
    placed = Exists(Claim.places.through.objects.filter(claim_id=OuterRef("pk"), location_id__in=ids))
    claims, next_cursor = keyset_page(
        [public_claims().filter(placed).select_related("conflict")], "status_changed_at", cursor, CLAIMS_PER_PLACE_PAGE
    )
    children = list(Location.objects.filter(parent=location).order_by("name"))
    return {
        "children": children,
        "articles": coverage.specific_pages(
            articles.order_by("-first_published_at", "-pk")[:20], **ARTICLE_LIST_RELATIONS
        ),
        "explainers": coverage.specific_pages(
            explainers.order_by("-last_published_at", "-pk")[:20], **EXPLAINER_LIST_RELATIONS
        ),
        "claims": claims,
        "cursor": cursor_parse(cursor) and cursor,
        "next_cursor": next_cursor,
        "map": map_features([location, *children]),
    }


def claim_page_context(claim, *, cursor=None):
    """A public claim with its timeline, who says it and the live pages that carry it, latest first,
    CITING_PAGES_PER_CLAIM_PAGE at a time from `cursor` (keyset: a claim cited by every article costs
    what a claim cited once costs).

    `reported_at` is when the desk recorded the claim (its first history row), shown beside
    when the event happened (`claim.event_label`).
    """
    public = public_pages().select_related("content_type")
    carrying = [public.filter(condition) for condition in carrying_conditions(claim)]
    pages, next_cursor = keyset_page(carrying, "first_published_at", cursor, CITING_PAGES_PER_CLAIM_PAGE)
    status_changes = list(claim.status_changes.order_by("changed_at", "pk"))
    return {
        "claim": claim,
        "status_changes": status_changes,
        "merged_status_changes": claim_merged_history(claim),
        "reported_at": status_changes[0].changed_at if status_changes else None,
        "cursor": cursor_parse(cursor) and cursor,
        "next_cursor": next_cursor,
        "pages": pages,
    }


def claim_merged_history(claim):
    """The status histories of the duplicates merged into the claim, each as it was recorded:
    [(duplicate, [changes])], oldest duplicate first."""
    changes = ClaimStatusChange.objects.filter(claim__merged_into=claim).select_related("claim").order_by(
        "claim_id", "changed_at", "pk"
    )
    histories = {}
    for change in changes:
        histories.setdefault(change.claim, []).append(change)
    return list(histories.items())


def conflict_page_context(conflict):
    places = list(conflict.locations.select_related("parent").order_by("name"))
    open_claims = public_claims().filter(conflict=conflict, status__in=OPEN_STATUSES).prefetch_related(
        Prefetch("attributions", queryset=attribution_list_public())
    )
    return {
        "places": places,
        "map": map_features(places),
        "articles": coverage.specific_pages(
            coverage.articles(conflict=conflict).live().public().order_by("-first_published_at", "-pk")[:10],
            **ARTICLE_LIST_RELATIONS,
        ),
        "explainers": coverage.specific_pages(
            coverage.explainers(conflict=conflict).live().public().order_by("-last_published_at", "-pk")[:10],
            **EXPLAINER_LIST_RELATIONS,
        ),
        "open_claims": list(open_claims.order_by("-status_changed_at", "pk")[:50]),
    }


EXPLAINERS_PER_PAGE = 10


def explainer_index_context(index, params):
    """The index's explainers filtered by conflict and place slugs, paginated; unknown values show nothing."""


    listed = coverage.explainers().live().public().child_of(index)
    conflict, place = params.get("conflict", ""), params.get("place", "")
    explainers = listed
    if conflict:
        explainers = explainers.filter(pk__in=coverage.explainers(conflict__slug=conflict))
    if place:
        mentioned = Annotation.objects.filter(location__slug=place).values("page_id")
        explainers = explainers.filter(pk__in=coverage.explainers(Q(places__slug=place) | Q(pk__in=mentioned)))
    page_obj = Paginator(explainers.order_by("-last_published_at", "-pk"), EXPLAINERS_PER_PAGE).get_page(
        params.get("page")
    )
    page_obj.object_list = coverage.specific_pages(page_obj.object_list, **EXPLAINER_LIST_RELATIONS)
    return {
        "page_obj": page_obj,
        "filter_conflicts": Conflict.objects.filter(
            coverage.pointed_to_by(explainer_models(), listed, "conflict")
        ).order_by("name"),
        "filter_places": Location.objects.filter(
            coverage.pointed_to_by(explainer_models(), listed, "places")
        ).order_by("name"),
        "selected_conflict": conflict,
        "selected_place": place,
    }
