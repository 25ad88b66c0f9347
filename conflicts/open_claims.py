"""The open-claims desk's reads: claims not yet settled, oldest first, with what the desk weighs."""

from django.db.models import Case, F, Func, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce

from . import audience
from .models import Claim, ClaimStatusChange


def _public_page_count():
    """How many public pages carry the claim of the outer row: audience's rule, as one subquery."""
    pages = audience.pages_carrying(OuterRef(OuterRef("pk")), audience.public_pages())
    counted = pages.order_by().annotate(count=Func(F("pk"), function="COUNT")).values("count")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _last_status_change_at():
    latest = ClaimStatusChange.objects.filter(claim=OuterRef("pk")).order_by("-changed_at", "-pk")
    return Subquery(latest.values("changed_at")[:1])


def claim_list_open():
    """Open claims (unconfirmed or disputed), the longest recorded first.

    Each carries `public_page_count` (live public pages that cite it), `last_status_change_at` (from
    its status history), its conflict and its assignee: one query, whatever the number of rows.
    """
    return (
        Claim.objects.open()
        .select_related("conflict", "assignee")
        .annotate(public_page_count=_public_page_count(), last_status_change_at=_last_status_change_at())
        .order_by("created_at", "pk")
    )


def claim_list_open_for(user):
    """Open claims with those assigned to `user` first, then the longest recorded first."""
    mine_first = Case(When(assignee=user, then=Value(0)), default=Value(1), output_field=IntegerField())
    return claim_list_open().order_by(mine_first, "created_at", "pk")
