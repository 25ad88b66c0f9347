"""The extension's records, one module per concept."""

from .annotations import Annotation
from .claims import Claim, ClaimAttribution, ClaimStatusChange, StatusChangeOutsideHistory
from .conflicts import Conflict
from .disclosures import DisclosureSettings
from .figures import Figure, FigureStatusChange, Tally
from .locations import Location
from .page_cache import PageCacheGeneration
from .pages import (
    AbstractKeyClaim,
    AbstractPageUpdate,
    ArticlePageMixin,
    ExplainerPageMixin,
    ReportingPageMixin,
)
from .partners import PageTombstone, Partner, PartnerKey, Webhook, WebhookDelivery
from .reviews import REVIEW_SOURCING_PERMISSION, SourcingReviewTask
from .sources import CONFIDENTIAL_SOURCE_FIELDS, CONFIDENTIAL_SOURCE_PERMISSION, Source
from .suggestions import DismissedSuggestion, suggestion_key, suggestion_text_normalise
from .withdrawals import WITHDRAW_PERMISSION, PageWithdrawal

__all__ = [
    "AbstractKeyClaim",
    "AbstractPageUpdate",
    "ArticlePageMixin",
    "ExplainerPageMixin",
    "ReportingPageMixin",
    "Annotation",
    "CONFIDENTIAL_SOURCE_FIELDS",
    "CONFIDENTIAL_SOURCE_PERMISSION",
    "Claim",
    "ClaimAttribution",
    "ClaimStatusChange",
    "Conflict",
    "DisclosureSettings",
    "DismissedSuggestion",
    "Figure",
    "FigureStatusChange",
    "Location",
    "PageCacheGeneration",
    "PageTombstone",
    "PageWithdrawal",
    "Partner",
    "PartnerKey",
    "REVIEW_SOURCING_PERMISSION",
    "Source",
    "SourcingReviewTask",
    "StatusChangeOutsideHistory",
    "WITHDRAW_PERMISSION",
    "suggestion_key",
    "Tally",
    "suggestion_text_normalise",
    "Webhook",
    "WebhookDelivery",
]
