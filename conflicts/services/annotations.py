"""Keeping a page's annotations as data: one row per annotated span of its live body."""

from django.db import transaction

from ..body_text import body_text_spans
from ..choices import AnnotationKind
from ..models import Annotation, ReportingPageMixin
from ..selectors import annotated_body

RECORD_FIELDS = {
    AnnotationKind.CLAIM: "claim",
    AnnotationKind.SOURCE: "source",
    AnnotationKind.PLACE: "location",
    AnnotationKind.FIGURE: "figure",
}
CONTEXT_COLUMN_CHARS = Annotation._meta.get_field("prefix").max_length


@transaction.atomic
def annotations_sync(*, page):
    """Rebuilds the page's annotation rows from its rendered body in one transaction.

    Called whenever a page is published, so the rows describe the live version that readers
    and partners see. Quote, context and position are read from the rendered HTML, the text
    partners and readers get (see conflicts.body_text); spans whose record no longer exists
    render as plain text and are left out. The API reads them again from the HTML it serves
    (selectors.annotation_list_located), so text that changes without a publish (a quote
    captioned with its source's label) cannot leave partners with offsets that select other text.
    """
    page = page.specific
    Annotation.objects.filter(page_id=page.pk).delete()
    if not isinstance(page, ReportingPageMixin) or page.annotated_body is None or not page.live:
        return []
    _text, spans = body_text_spans(annotated_body(page)["body_html"])
    spans = [span for span in spans if span.kind in RECORD_FIELDS]
    rows = [
        Annotation(
            page_id=page.pk,
            kind=span.kind,
            quote=span.exact,
            prefix=span.prefix[-CONTEXT_COLUMN_CHARS:],
            suffix=span.suffix[:CONTEXT_COLUMN_CHARS],
            position=span.start,
            sequence=sequence,
            **{f"{RECORD_FIELDS[span.kind]}_id": span.record_id},
        )
        for sequence, span in enumerate(spans)
    ]
    return Annotation.objects.bulk_create(rows)


def annotations_clear(*, page):
    """Removes the rows of a page that is no longer live."""
    Annotation.objects.filter(page_id=page.pk).delete()
