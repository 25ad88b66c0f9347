"""Standard formats partners already read: IPTC ninjs 2.2, GeoJSON (RFC 7946), W3C Web Annotation, CSV (RFC 4180)."""

import csv
import io

from django.urls import reverse
from rest_framework.renderers import JSONRenderer

from ...body_text import BODY_ELEMENT_SELECTOR, body_text
from ...choices import AnnotationKind
from ...conf import conflicts_setting, page_kind
from ...geojson import location_geometry
from .serializers import absolute

NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json"
ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# ninjs 2.2 has no field for these: they are descriptions with their own role.
CONTENT_WARNING_ROLE = "contentwarning"
BACKSTORY_ROLE = "backstory"
SOURCING_POLICY_ROLE = "https://www.trustingnews.org/trust-indicators/best-practices"
CLAIM_ROLE = "https://schema.org/ClaimReview"
# A figure in the text is a statistical observation some source makes (schema.org Observation).
FIGURE_ROLE = "https://schema.org/Observation"


class NinjsRenderer(JSONRenderer):
    media_type = "application/ninjs+json"
    format = "ninjs"


class GeoJSONRenderer(JSONRenderer):
    media_type = "application/geo+json"
    format = "geojson"


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


class CSVRenderer(JSONRenderer):
    """RFC 4180 CSV from {"columns": [...], "rows": [[...], ...]}: a header row, CRLF line ends,
    fields quoted when they hold a comma, a quote or a line break (quotes doubled)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if not isinstance(data, dict) or "columns" not in data:
            return super().render(data, accepted_media_type, renderer_context)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(data["columns"])
        writer.writerows(["" if value is None else value for value in row] for row in data["rows"])
        return out.getvalue().encode(self.charset)


FIGURE_CSV_COLUMNS = [
    "id", "counts", "counts_label", "counted", "counted_party", "low", "best", "high", "words",
    "event_start", "event_end", "event_precision", "status", "status_changed_at", "conflict", "places",
    "source_id", "source", "tally_id", "updated_at", "api_url",
]


def figure_csv(figures):
    """One row per figure (serialized by FigureSerializer); places are slugs joined by "|"."""
    rows = [
        [
            figure["id"], figure["counts"], figure["counts_label"], figure["counted"], figure["counted_party"],
            figure["low"], figure["best"], figure["high"], figure["words"],
            figure["event"]["start"], figure["event"]["end"], figure["event"]["precision"],
            figure["status"], figure["status_changed_at"], figure["conflict"]["slug"],
            "|".join(place["slug"] for place in figure["places"]),
            figure["source"]["id"] if figure["source"] else None,
            figure["source"]["public_label"] if figure["source"] else None,
            figure["tally"], figure["updated_at"], figure["api_url"],
        ]
        for figure in figures
    ]
    return {"columns": FIGURE_CSV_COLUMNS, "rows": rows}


def _iso(value):
    return value.isoformat() if value else None


def location_feature(location, request):
    return {
        "type": "Feature",
        "id": location.pk,
        "geometry": location_geometry(location),
        "properties": {
            "slug": location.slug,
            "name": location.name,
            "kind": location.kind,
            "parent": location.parent_id,
            "alternative_names": location.alternative_name_list,
            "geo_precision": location.geo_precision,
            "precision": location.geo_precision,
            "geonames_id": location.geonames_id,
            "wikidata_id": location.wikidata_id or None,
            "osm_id": location.osm_id or None,
            "url": absolute(request, location.get_absolute_url()),
            "merged_into": location.merged_into_id,
        },
    }


def feature_collection(features, *, next_url=None, previous_url=None):
    """A FeatureCollection of features made by location_feature()."""
    collection = {"type": "FeatureCollection", "features": list(features)}
    # Foreign members (RFC 7946 §6.1) carry the cursor links.
    collection["links"] = [
        {"rel": rel, "href": url} for rel, url in (("next", next_url), ("prev", previous_url)) if url
    ]
    return collection


def _ninjs_place(location, request, rel):
    place = {
        "name": location.name,
        "rel": rel,
        "uri": absolute(request, location.get_absolute_url()),
        "literal": location.slug,
    }
    geometry = location_geometry(location)
    if geometry:
        place["geojson"] = geometry
    return place


def _descriptions(article):
    """The standfirst, then the content warning and "how we reported this" where the article has them."""
    descriptions = [{"role": "summary", "contenttype": "text/plain", "value": article.standfirst}]
    if article.content_warning_text:
        descriptions.append({"role": CONTENT_WARNING_ROLE, "contenttype": "text/plain", "value": article.content_warning_text})
    if article.backstory:
        descriptions.append({"role": BACKSTORY_ROLE, "contenttype": "text/plain", "value": article.backstory})
    return descriptions


def tombstone_ninjs(tombstone, request, *, notice):
    """A removed article as a partial ninjs item, `pubstatus: canceled`: its uri is the article's, so a
    partner's system matches it to the copy it holds. Nothing of the story is repeated."""
    return {
        "uri": absolute(request, tombstone.url),
        "standard": {"name": "ninjs", "version": "2.2", "schema": NINJS_SCHEMA},
        "type": "text",
        "representationtype": "partial",
        "profile": "conflict-desk-article",
        "pubstatus": "canceled",
        "versioncreated": _iso(tombstone.removed_at),
        "ednote": notice,
        "altids": [{"role": "api", "value": absolute(request, reverse("api:v1:tombstone-detail", args=[tombstone.page_id]))}],
    }


def article_ninjs(article, request, *, body_html, annotations, records):
    """One article as an IPTC ninjs 2.2 news item; counts are of the body's decoded text (`&amp;` is one character)."""
    uri = absolute(request, article.get_url(request))
    text = body_text(body_html)
    places = {}
    for location in article.places.all():
        places[location.pk] = _ninjs_place(location, request, "about")
    for location in records[AnnotationKind.PLACE].values():
        places.setdefault(location.pk, _ninjs_place(location, request, "mentioned"))
    sources = {}
    for annotation in annotations:
        if annotation.kind == AnnotationKind.SOURCE and annotation.source_id in records[AnnotationKind.SOURCE]:
            sources[annotation.source_id] = records[AnnotationKind.SOURCE][annotation.source_id]
    for claim in records[AnnotationKind.CLAIM].values():
        for attribution in claim.attributions.all():
            sources.setdefault(attribution.source_id, attribution.source)
    trust = [
        {
            "role": SOURCING_POLICY_ROLE,
            "title": "Sourcing policy",
            "href": absolute(request, conflicts_setting("SOURCING_POLICY_URL")),
        }
    ]
    for claim in records[AnnotationKind.CLAIM].values():
        trust.append({
            "role": CLAIM_ROLE,
            "title": f"Claim ({claim.get_status_display().lower()}): {claim.statement}",
            "href": absolute(request, claim.get_absolute_url()),
        })
    annotated = records.get(AnnotationKind.FIGURE, {})
    in_order = dict.fromkeys(row.figure_id for row in annotations if row.kind == AnnotationKind.FIGURE)
    figures = [annotated[pk] for pk in in_order if pk in annotated]
    for figure in figures:
        trust.append({"role": FIGURE_ROLE, "title": figure_description(figure), "href": figure_uri(figure, request)})
    item = {
        "uri": uri,
        "standard": {"name": "ninjs", "version": "2.2", "schema": NINJS_SCHEMA},
        "type": "text",
        "representationtype": "full",
        "profile": "conflict-desk-article",
        "version": str(article.live_revision_id or 1),
        "language": "en",
        "pubstatus": "usable",
        "firstcreated": _iso(article.first_published_at),
        "versioncreated": _iso(article.last_published_at),
        "contentcreated": _iso(article.first_published_at),
        "headlines": [{"role": "main", "value": article.title}],
        "descriptions": _descriptions(article),
        "bodies": [{
            "role": "main",
            "contenttype": "text/html",
            "value": body_html,
            "charcount": len(text),
            "wordcount": len(text.split()),
        }],
        "by": article.byline,
        "located": article.dateline_place.name if article.dateline_place else "",
        "places": list(places.values()),
        "subjects": [{
            "name": article.conflict.name,
            "rel": "about",
            "uri": absolute(request, article.conflict.get_absolute_url()),
            "literal": article.conflict.slug,
        }] if article.conflict else [],
        "events": _ninjs_tallies(figures, request),
        "infosources": [
            {
                "name": source.public_label,
                "role": "source",
                "uri": absolute(request, source.get_absolute_url()),
                "literal": source.get_kind_display(),
            }
            for source in sources.values()
        ],
        "trustindicators": trust,
        "usageterms": conflicts_setting("USAGE_TERMS"),
        "altids": [{"role": "api", "value": absolute(request, reverse("api:v1:article-detail", args=[article.pk]))}],
    }
    for empty in ("located", "events"):
        if not item[empty]:
            del item[empty]
    return item


def _ninjs_tallies(figures, request):
    """The published tallies the article's figures count, as ninjs events (ninjs has no field for figures)."""
    tallies = {figure.tally_id: figure.tally for figure in figures if figure.tally_id and figure.tally.is_published}
    return [
        {"name": tally.name, "rel": "counted", "uri": absolute(request, tally.get_absolute_url()),
         "literal": f"tally-{tally.pk}"}
        for tally in tallies.values()
    ]


def figure_uri(figure, request):
    """The figure's row on its tally's public page, or its API resource for a figure outside a tally."""
    return absolute(request, figure.get_absolute_url() or reverse("api:v1:figure-detail", args=[figure.pk]))


def figure_description(figure):
    """A figure in plain text: status, what it counts, the words used and who gives it."""
    source = figure.source.public_label if figure.source_id else "no source given"
    words = f" (“{figure.words}”)" if figure.words else ""
    return f"Figure ({figure.get_status_display().lower()}): {figure}{words}, from {source}"


def _annotation_bodies(annotation, record, request):
    """What the span is: the record itself (identified by its public page) and a plain-text description."""
    if annotation.kind == AnnotationKind.CLAIM:
        description = f"{record.statement} ({record.get_status_display().lower()})"
    elif annotation.kind == AnnotationKind.SOURCE:
        description = f"{record.public_label} ({record.get_kind_display().lower()})"
    elif annotation.kind == AnnotationKind.FIGURE:
        description = figure_description(record)
    else:
        description = record.name
    uri = figure_uri(record, request) if annotation.kind == AnnotationKind.FIGURE else absolute(
        request, record.get_absolute_url()
    )
    return [
        {
            "type": "SpecificResource",
            "source": uri,
            "purpose": "identifying",
        },
        {
            "type": "TextualBody",
            "value": description,
            "format": "text/plain",
            "language": "en",
            "purpose": "describing",
        },
    ]


def _text_selectors(annotation):
    """The span within the page's body element, by quote and by position, as two alternative selectors."""
    refinements = [
        {"type": "TextQuoteSelector", "exact": annotation.quote, "prefix": annotation.prefix, "suffix": annotation.suffix},
        {"type": "TextPositionSelector", "start": annotation.position, "end": annotation.position + len(annotation.quote)},
    ]
    return [{"type": "CssSelector", "value": BODY_ELEMENT_SELECTOR, "refinedBy": refinement} for refinement in refinements]


def annotation_page(page, annotations, request):
    """The page's annotations as a W3C Web Annotation AnnotationPage.

    Each target is the public page's body element (CssSelector) refined by text selectors
    counted on its text content, which is also the text of the API's body_html (see
    conflicts.body_text); `annotations` must be located in that HTML (annotation_list_located).
    """
    source = absolute(request, page.get_url(request))
    page_id = absolute(request, reverse(f"api:v1:{page_kind(page)}-annotations", args=[page.pk]))
    items = []
    for annotation in annotations:
        record = annotation.record
        if record is None:
            continue
        items.append({
            "id": f"{page_id}#{annotation.sequence}",
            "type": "Annotation",
            "motivation": "identifying" if annotation.kind == AnnotationKind.PLACE else "describing",
            "created": _iso(page.last_published_at),
            "body": _annotation_bodies(annotation, record, request),
            "target": {"type": "SpecificResource", "source": source, "selector": _text_selectors(annotation)},
        })
    return {
        "@context": ANNOTATION_CONTEXT,
        "id": page_id,
        "type": "AnnotationPage",
        "partOf": {"id": source, "total": len(items)},
        "startIndex": 0,
        "items": items,
    }
