"""Reads shared by pages, admin and API; each decides its joins so query counts are fixed here."""

from django.apps import apps
from django.db.models import Prefetch

from .choices import AnnotationKind, ArticleUpdateKind
from .conf import conflicts_setting
from .models import Annotation, Claim, ClaimAttribution, ClaimStatusChange, Location, Source
from .rich_text import annotation_refs, label_for_note, note_id, records_prefetched


def article_model():
    return apps.get_model(conflicts_setting("ARTICLE_PAGE_MODEL"))


def explainer_model():
    return apps.get_model(conflicts_setting("EXPLAINER_PAGE_MODEL"))


def claim_queryset_with_sources():
    """Claims with their conflict and attributed sources loaded in two extra queries."""
    return Claim.objects.select_related("conflict").prefetch_related(
        Prefetch(
            "attributions",
            queryset=ClaimAttribution.objects.select_related("source").order_by("sort_order"),
        )
    )


def article_list_latest(*, parent=None, limit=20):
    articles = article_model().objects.live().public()
    if parent is not None:
        articles = articles.child_of(parent)
    return articles.select_related("conflict", "dateline_place").order_by(
        "-first_published_at", "-pk"
    )[:limit]


def explainer_list_latest(*, parent=None, limit=20):
    explainers = explainer_model().objects.live().public()
    if parent is not None:
        explainers = explainers.child_of(parent)
    return explainers.select_related("conflict").order_by("-last_published_at", "-pk")[:limit]


def page_places(page):
    return list(page.places.all().select_related("parent").order_by("name"))


def article_page_context(page):
    related = list(
        page.related_explainers.all().select_related("explainer").order_by("sort_order")
    )
    body = annotated_body(page)
    cited_claims = list(body["annotation_records"][AnnotationKind.CLAIM].values())
    return {
        **body,
        "places": page_places(page),
        "related_explainers": [
            row.explainer for row in related if row.explainer.live
        ],
        "update_log": article_update_log(page, cited_claims),
    }


def explainer_page_context(page):
    key_claims = claim_queryset_with_sources().filter(
        pk__in=page.key_claims.values("claim_id")
    )
    return {
        **annotated_body(page),
        "places": page_places(page),
        "key_claims": list(key_claims.order_by("pk")),
    }



# Annotations


def body_annotation_refs(body):
    """(kind, pk) of every annotation span in a StreamField body, read from its stored rich text."""
    refs = []
    for block in body or ():
        source = getattr(block.value, "source", None)
        if source:
            refs += annotation_refs(source)
    return refs


def annotation_records_load(refs):
    """The records a body refers to, {kind: {pk: record}}, in four queries whatever their number."""
    wanted = {kind: set() for kind in AnnotationKind.values}
    for kind, pk in refs:
        wanted[kind].add(pk)
    public_source_fields = ("pk", "public_label", "kind", "is_anonymous", "anonymity_reason", "reliability")
    return {
        AnnotationKind.CLAIM: claim_queryset_with_sources().in_bulk(wanted[AnnotationKind.CLAIM]),
        AnnotationKind.SOURCE: Source.objects.only(*public_source_fields).in_bulk(wanted[AnnotationKind.SOURCE]),
        AnnotationKind.PLACE: Location.objects.in_bulk(wanted[AnnotationKind.PLACE]),
    }


def annotated_body(page):
    """The page body rendered with its annotations, and the sourcing note for each record cited.

    Claim statuses are read at render time, so a status change shows on the next view of
    every page citing the claim without a re-publish.
    """
    refs = body_annotation_refs(page.body)
    records = annotation_records_load(refs)
    with records_prefetched(records):
        body_html = page.body.render_as_block()
    notes, seen = [], set()
    for kind, pk in refs:
        record = records[kind].get(pk)
        if record is None or (kind, pk) in seen:
            continue
        seen.add((kind, pk))
        notes.append({"id": note_id(kind, pk), "kind": kind, "record": record, "text": label_for_note(kind, record)})
    return {"body_html": body_html, "annotation_notes": notes, "annotation_records": records}


def annotation_list_for_page(page):
    """The page's annotation rows (live version) with their records, in body order."""
    return Annotation.objects.filter(page_id=page.pk).select_related("claim", "source", "location").only(
        *[f.name for f in Annotation._meta.concrete_fields],
        "claim__statement", "claim__status", "source__public_label", "source__kind", "location__name",
        "location__slug",
    ).order_by("sequence")


def page_list_citing(record):
    """Live pages with a span annotated with this claim, source or place."""
    from wagtail.models import Page

    field = {Claim: "claim", Source: "source", Location: "location"}[type(record)]
    return Page.objects.live().public().filter(
        pk__in=Annotation.objects.filter(**{field: record}).values("page_id")
    ).specific()


def article_update_log(page, claims):
    """The editorial corrections and updates log, with a line for every later status change of a cited claim."""
    entries = [
        {"date": entry.date, "kind": entry.kind, "label": entry.get_kind_display(), "text": entry.text}
        for entry in page.update_log.all()
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
