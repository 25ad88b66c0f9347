"""What a partner may receive: live, public coverage of its conflicts, and the records it cites."""

from django.db.models import Q

from ..models import Annotation, Claim, ClaimAttribution, Conflict, Location, Source
from ..selectors import article_model, explainer_model


def partner_conflict_ids(partner):
    return partner.conflicts.values("pk")


def partner_articles(partner):
    return article_model().objects.live().public().filter(conflict__in=partner_conflict_ids(partner))


def partner_explainers(partner):
    return explainer_model().objects.live().public().filter(conflict__in=partner_conflict_ids(partner))


def _partner_page_ids(partner):
    return list(partner_articles(partner).values_list("pk", flat=True)) + list(
        partner_explainers(partner).values_list("pk", flat=True)
    )


def partner_claims(partner):
    """Claims of the partner's conflicts that live coverage carries (in the text or as key claims)."""
    from newsroom.models import ExplainerKeyClaim

    pages = _partner_page_ids(partner)
    return Claim.objects.filter(conflict__in=partner_conflict_ids(partner)).filter(
        Q(pk__in=Annotation.objects.filter(page_id__in=pages).values("claim_id"))
        | Q(pk__in=ExplainerKeyClaim.objects.filter(page_id__in=pages).values("claim_id"))
    )


def partner_sources(partner):
    """Sources cited in live coverage of the partner's conflicts, or saying its published claims."""
    pages = _partner_page_ids(partner)
    return Source.objects.filter(
        Q(pk__in=Annotation.objects.filter(page_id__in=pages).values("source_id"))
        | Q(pk__in=ClaimAttribution.objects.filter(claim__in=partner_claims(partner)).values("source_id"))
    )


def partner_locations(partner):
    pages = _partner_page_ids(partner)
    return Location.objects.filter(
        Q(conflicts__in=partner_conflict_ids(partner))
        | Q(pk__in=Annotation.objects.filter(page_id__in=pages).values("location_id"))
    ).distinct()


def partner_conflicts(partner):
    return Conflict.objects.filter(pk__in=partner_conflict_ids(partner))
