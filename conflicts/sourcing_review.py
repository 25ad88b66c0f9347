"""What the standards desk checks in a revision before it is published: its anonymous sources,
claims and figures, and the warnings a reviewer must not miss.

Read from the revision under review, never from the live page, so the reviewer judges exactly
what will be published. Confidential source fields are loaded only for users who may see them.
"""

import re
from dataclasses import dataclass, field

from .assistant import figures_find, hedge_near
from .body_text import body_text_spans
from .choices import AnnotationKind, ClaimStatus, Reliability, SourceKind
from .models import CONFIDENTIAL_SOURCE_PERMISSION, Figure, ReportingPageMixin, Source
from .selectors import annotated_body
from .services.sources import source_log_confidential_view

UNRELIABLE_GRADES = (Reliability.E, Reliability.F)
BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|figcaption)>", re.IGNORECASE)


@dataclass(frozen=True)
class ReviewWarning:
    kind: str
    message: str


@dataclass
class SourceUse:
    source: Source
    claims: list = field(default_factory=list)
    mentions: int = 0
    confidential_identity: str = ""
    confidential_notes: str = ""

    @property
    def is_anonymous(self):
        return self.source.is_anonymous or self.source.kind == SourceKind.ANONYMOUS

    @property
    def uses(self):
        """How many claims of the story the source says, or, saying none, how often it is named."""
        return len(self.claims) or self.mentions


def sourcing_review_show(revision, *, user):
    """The review for a screen about to render it: each anonymous source whose confidential fields
    it will show is written to the audit log first, as every admin screen showing them does."""
    review = sourcing_review_for_revision(revision, user=user)
    if review.get("shows_confidential"):
        for use in review["anonymous_sources"]:
            source_log_confidential_view(source=use.source, by=user)
    return review


def sourcing_review_for_revision(revision, *, user):
    """The review screen's content for one revision: anonymous sources, claims, figures, warnings."""
    page = revision.as_object()
    if not isinstance(page, ReportingPageMixin):
        return {"page": page, "applies": False}
    body = annotated_body(page)
    text, spans = body_text_spans(BLOCK_END.sub(r"</\1>\n\n", str(body["body_html"])))
    claims = body["annotation_records"][AnnotationKind.CLAIM]
    uses = _source_uses(body["annotation_records"][AnnotationKind.SOURCE], claims, spans)
    if user.has_perm(CONFIDENTIAL_SOURCE_PERMISSION):
        _load_confidential(uses)
    ordered_claims = _in_order(claims, spans, AnnotationKind.CLAIM)
    return {
        "page": page,
        "applies": True,
        "anonymous_sources": [use for use in uses.values() if use.is_anonymous],
        "sources": list(uses.values()),
        "claims": ordered_claims,
        "figures": _figures(page, text),
        "warnings": _warnings(uses, ordered_claims, text, spans),
        "shows_confidential": user.has_perm(CONFIDENTIAL_SOURCE_PERMISSION),
    }


def _in_order(records, spans, kind):
    seen = {}
    for span in spans:
        if span.kind == kind and span.record_id in records:
            seen.setdefault(span.record_id, records[span.record_id])
    return list(seen.values())


def _source_uses(annotated_sources, claims, spans):
    """Every source of the story, named in the text or saying one of its claims, with its uses."""
    uses = {}
    for span in spans:
        if span.kind == AnnotationKind.SOURCE and span.record_id in annotated_sources:
            use = uses.setdefault(span.record_id, SourceUse(annotated_sources[span.record_id]))
            use.mentions += 1
    for claim in _in_order(claims, spans, AnnotationKind.CLAIM):
        for attribution in claim.attributions.all():
            use = uses.setdefault(attribution.source_id, SourceUse(attribution.source))
            use.claims.append(claim)
    return uses


def _load_confidential(uses):
    fields = Source.objects.filter(pk__in=list(uses)).values_list("pk", "confidential_identity", "confidential_notes")
    for pk, identity, notes in fields:
        uses[pk].confidential_identity, uses[pk].confidential_notes = identity, notes


def _figures(page, text):
    """Recorded figures of the story's conflict whose words the text carries, and figures the
    text states that no record holds."""
    lowered = text.lower()
    recorded = [
        figure for figure in Figure.objects.filter(conflict_id=page.conflict_id).exclude(words="").select_related("source")
        if figure.words.lower() in lowered
    ] if page.conflict_id else []
    known = {figure.words.lower() for figure in recorded}
    unrecorded = [found["text"] for found in figures_find(text) if found["text"].lower() not in known]
    return {"recorded": recorded, "unrecorded": unrecorded}


def _warnings(uses, claims, text, spans):
    warnings = []
    for use in uses.values():
        if use.is_anonymous and not use.source.anonymity_reason.strip():
            warnings.append(ReviewWarning(
                "anonymous_without_reason",
                f"The anonymous source “{use.source.public_label}” has no reason for anonymity.",
            ))
    by_pk = {claim.pk: claim for claim in claims}
    for span in spans:
        claim = by_pk.get(span.record_id) if span.kind == AnnotationKind.CLAIM else None
        if claim is not None and claim.status == ClaimStatus.UNCONFIRMED and not hedge_near(text, span.start, span.end):
            warnings.append(ReviewWarning(
                "unconfirmed_without_hedge",
                f"“{span.exact}” states an unconfirmed claim with no hedge or attribution in its sentence "
                "(“reportedly”, “said”, “according to”…).",
            ))
    for claim in claims:
        if not claim.attributions.all():
            warnings.append(ReviewWarning("claim_without_source", f"The claim “{claim.statement}” has no source."))
    for use in uses.values():
        if use.uses == 1 and use.source.reliability in UNRELIABLE_GRADES:
            warnings.append(ReviewWarning(
                "single_unreliable_source",
                f"“{use.source.public_label}” (reliability {use.source.reliability}) is used once in the story.",
            ))
    return warnings
