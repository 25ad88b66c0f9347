"""Keeping a page's annotations as data: one row per annotated span of its live body."""

from html import unescape
from html.parser import HTMLParser

from django.db import transaction

from ..choices import AnnotationKind
from ..models import Annotation, Claim, Location, Source
from ..spans import parse_id

CONTEXT_CHARS = 32
BLOCK_SEPARATOR = "\n\n"
RECORD_FIELDS = {
    AnnotationKind.CLAIM: ("claim", Claim),
    AnnotationKind.SOURCE: ("source", Source),
    AnnotationKind.PLACE: ("location", Location),
}


class _SpanCollector(HTMLParser):
    """Reads database-format rich text into plain text and the annotated spans in it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = []
        self.length = 0
        self.spans = []
        self._open = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            kind = (attrs.get("linktype") or "").lower()
            pk = parse_id(attrs.get("id"))
            self._open.append((kind, pk, self.length) if kind in RECORD_FIELDS and pk else None)
        elif tag in ("p", "li", "h2", "h3", "h4", "br") and self.length:
            self._append("\n")

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            span = self._open.pop()
            if span is not None:
                kind, pk, start = span
                self.spans.append((kind, pk, start, self.length))

    def handle_data(self, data):
        self._append(data)

    def _append(self, text):
        self.text.append(text)
        self.length += len(text)


def _block_text_and_spans(block):
    source = getattr(block.value, "source", None)
    if block.block_type == "paragraph" and source is not None:
        collector = _SpanCollector()
        collector.feed(source)
        collector.close()
        return "".join(collector.text), collector.spans
    if block.block_type == "quote":
        return unescape(str(block.value.get("text", ""))), []
    return None, []


def body_text_and_spans(body):
    """The body's plain text and its spans as (kind, pk, start, end), in document order."""
    parts, spans, offset = [], [], 0
    for block in body:
        text, block_spans = _block_text_and_spans(block)
        if text is None:
            continue
        if parts:
            parts.append(BLOCK_SEPARATOR)
            offset += len(BLOCK_SEPARATOR)
        spans += [(kind, pk, offset + start, offset + end) for kind, pk, start, end in block_spans]
        parts.append(text)
        offset += len(text)
    return "".join(parts), spans


def _existing_ids(spans):
    wanted = {}
    for kind, pk, _start, _end in spans:
        wanted.setdefault(kind, set()).add(pk)
    return {
        kind: set(RECORD_FIELDS[kind][1]._default_manager.filter(pk__in=ids).values_list("pk", flat=True))
        for kind, ids in wanted.items()
    }


@transaction.atomic
def annotations_sync(*, page):
    """Rebuilds the page's annotation rows from its body in one transaction.

    Called whenever a page is published, so the rows describe the live version that readers
    and partners see; spans whose record no longer exists are left out.
    """
    page = page.specific
    body = getattr(page, "body", None)
    Annotation.objects.filter(page_id=page.pk).delete()
    if body is None or not page.live:
        return []
    text, spans = body_text_and_spans(body)
    existing = _existing_ids(spans)
    rows = []
    for kind, pk, start, end in spans:
        if pk not in existing.get(kind, ()):
            continue
        field_name = RECORD_FIELDS[kind][0]
        rows.append(
            Annotation(
                page_id=page.pk,
                kind=kind,
                quote=text[start:end],
                prefix=text[max(0, start - CONTEXT_CHARS):start],
                suffix=text[end:end + CONTEXT_CHARS],
                position=start,
                sequence=len(rows),
                **{f"{field_name}_id": pk},
            )
        )
    return Annotation.objects.bulk_create(rows)


def annotations_clear(*, page):
    """Removes the rows of a page that is no longer live."""
    Annotation.objects.filter(page_id=page.pk).delete()
