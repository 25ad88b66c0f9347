"""Withdrawing a story for legal or safety reasons: recorded, unpublished through Wagtail, taken down by partners."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log

from ..conf import reporting_models
from ..models import WITHDRAW_PERMISSION, PageWithdrawal

# Page history entry written with each withdrawal (its reason is shown to editors only).
WITHDRAW_ACTION = "conflicts.withdraw"


def page_withdraw(*, page, reason, by):
    """Withdraws a live article or explainer and returns the withdrawal.

    The record is written before Wagtail unpublishes the page, in one transaction: the unpublish
    signal finds it, so the tombstone says `withdrawn` and partners are sent `article.withdrawn`
    (see conflicts.receivers), and a failure anywhere leaves the page live and nothing recorded.
    The reason stays in the newsroom; readers get 410 Gone with a short notice.
    """
    if by is not None and not by.has_perm(WITHDRAW_PERMISSION):
        raise PermissionDenied("Withdrawing a story needs the “Can withdraw a story” permission.")
    page = page.specific
    if not isinstance(page, reporting_models()):
        raise ValidationError("Only articles and explainers can be withdrawn.")
    if not page.live:
        raise ValidationError("Only a live page can be withdrawn; this one is not published.")
    withdrawal = PageWithdrawal(
        page_id=page.pk, title=page.title, url=page.url or "", reason=(reason or "").strip(), withdrawn_by=by
    )
    withdrawal.full_clean()
    with transaction.atomic():
        withdrawal.save()
        log(instance=page, action=WITHDRAW_ACTION, user=by, data={"reason": withdrawal.reason})
        UnpublishPageAction(page, user=by, log_action=True).execute(skip_permission_checks=True)
    return withdrawal


def page_withdrawals_lift(*, page):
    """Ends the withdrawals of a page published again: its address serves the page, not 410."""
    return PageWithdrawal.objects.in_force().filter(page_id=page.pk).update(lifted_at=timezone.now())
