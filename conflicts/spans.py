"""Annotation spans in stored rich text (`<a linktype="claim|source|place|figure" id="<pk>">`): reading
and checking them, and what readers are told about each record. Free of Wagtail's admin, so
models, forms and selectors can import it while models load."""

import re
from contextlib import contextmanager
from contextvars import ContextVar

from django.apps import apps

from .choices import AnnotationKind

ANNOTATION_LINK = re.compile(r'<a\b[^>]*\blinktype="(claim|source|place|figure)"[^>]*>', re.IGNORECASE)
ID_ATTRIBUTE = re.compile(r'\bid="([^"]*)"')
RECORD_MODELS = {"claim": "Claim", "source": "Source", "place": "Location", "figure": "Figure"}
MAX_RECORD_ID = 2**63 - 1


def parse_id(value):
    """A record id from an attribute, or None if it is not one (databases store up to 2**63 - 1)."""
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    return pk if 0 < pk <= MAX_RECORD_ID else None


def annotation_refs(html):
    """(kind, pk) of every annotation span in database-format rich text, in order."""
    refs = []
    for match in ANNOTATION_LINK.finditer(html or ""):
        id_match = ID_ATTRIBUTE.search(match.group(0))
        pk = parse_id(id_match.group(1)) if id_match else None
        if pk:
            refs.append((match.group(1).lower(), pk))
    return refs


def annotation_refs_replace(html, kind, old_pk, new_pk):
    """(html with every `kind` span naming old_pk naming new_pk instead, how many were changed).

    Only the id attribute of those spans changes: the text, the other attributes and every other
    span stay as they were, byte for byte."""
    count = 0

    def replace(match):
        nonlocal count
        id_match = ID_ATTRIBUTE.search(match.group(0))
        if match.group(1).lower() != kind or not id_match or parse_id(id_match.group(1)) != old_pk:
            return match.group(0)
        count += 1
        tag = match.group(0)
        return tag[:id_match.start()] + f'id="{new_pk}"' + tag[id_match.end():]

    return ANNOTATION_LINK.sub(replace, html or ""), count


def mergeable(model):
    """Whether records of `model` can be merged into another (claims, sources, places; not figures):
    only those have a `merged_into` tombstone field."""
    return any(field.name == "merged_into" for field in model._meta.get_fields())


def annotation_refs_follow_merges(html):
    """The html with each span naming a merged record naming the record it was merged into: text
    edited while the record was merged is saved pointing at the record kept. One query per kind
    with spans at most."""
    wanted = {}
    for kind, pk in annotation_refs(html):
        wanted.setdefault(kind, set()).add(pk)
    for kind, pks in wanted.items():
        model = apps.get_model("conflicts", RECORD_MODELS[kind])
        if not mergeable(model):
            continue
        merged = model.objects.filter(pk__in=pks, merged_into__isnull=False)
        for old_pk, new_pk in merged.values_list("pk", "merged_into_id"):
            html = annotation_refs_replace(html, kind, old_pk, new_pk)[0]
    return html


def annotation_reference_errors(html):
    """Why the annotation spans of database-format rich text cannot be saved, or [] if they can.

    Each span must name an existing record by a positive integer id; one query per kind at most.
    """
    errors, wanted = [], {kind: set() for kind in RECORD_MODELS}
    for match in ANNOTATION_LINK.finditer(html or ""):
        kind = match.group(1).lower()
        id_match = ID_ATTRIBUTE.search(match.group(0))
        raw = id_match.group(1) if id_match else ""
        pk = parse_id(raw)
        if pk is None:
            errors.append(f"A {kind} annotation refers to {raw[:40]!r}, which is not a record id. "
                          f"Remove the annotation and choose the {kind} again.")
        else:
            wanted[kind].add(pk)
    for kind, pks in wanted.items():
        if not pks:
            continue
        found = set(apps.get_model("conflicts", RECORD_MODELS[kind]).objects.filter(pk__in=pks).values_list("pk", flat=True))
        for pk in sorted(pks - found):
            errors.append(f"The {kind} with id {pk} no longer exists. Remove that annotation or choose another {kind}.")
    return errors


# Records already loaded for the body being rendered, by kind then pk; see records_prefetched().
_prefetched = ContextVar("annotation_records", default=None)


def note_id(kind, pk):
    """The id of the sourcing note that describes one record on a page."""
    return f"annotation-note-{kind}-{pk}"


def prefetched_records(kind):
    """{pk: record} of one kind loaded by records_prefetched(), or None outside it."""
    return (_prefetched.get() or {}).get(kind)


@contextmanager
def records_prefetched(records):
    """Renders rich text with records loaded once for the whole body: {kind: {pk: record}}."""
    token = _prefetched.set(records)
    try:
        yield
    finally:
        _prefetched.reset(token)


def label_for_note(kind, record):
    """Plain text readers hear when a span is focused; built only from public fields."""
    if kind == AnnotationKind.CLAIM:
        sources = ", ".join(
            f"{row.source.public_label} ({row.how_obtained})" if row.how_obtained else row.source.public_label
            for row in record.attributions.all()
        )
        return f"Claim, {record.get_status_display().lower()}. Who says it: {sources or 'no source given'}."
    if kind == AnnotationKind.SOURCE:
        return f"Source: {record.public_label} ({record.get_kind_display().lower()})."
    if kind == AnnotationKind.FIGURE:
        return figure_label(record)
    return f"Place: {record.name}."


def figure_label(figure):
    """What readers are told about an annotated figure: its range, who gives it and its status."""
    source = figure.source.public_label if figure.source_id else "no source given"
    return f"Figure, {figure.get_status_display().lower()}: {figure}. Who gives it: {source}."
