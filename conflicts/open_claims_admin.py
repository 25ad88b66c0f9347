"""The open-claims desk in the admin: a report with filters and exports, and a dashboard panel.

Both are for users who can change claims; a status changes from either through the claim's
change-status view, so through the service that writes the history.
"""

from datetime import timedelta

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from wagtail.admin.filters import MultipleUserFilter, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn, UserColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.permissions import policy_registry

from .autocomplete import record_filter
from .choices import OPEN_STATUSES
from .models import Claim
from .open_claims import claim_list_open, claim_list_open_for

REPORT_URL_NAME = "conflicts_open_claims"
PANEL_SIZE = 10


def may_chase_claims(user):
    """Whether the user sees the open-claims desk: those who can change claims."""
    return policy_registry.get_by_type(Claim).user_has_permission(user, "change")


def change_status_url(claim, *, back_to):
    url = reverse("wagtailsnippets_conflicts_claim:change_status", args=[claim.pk])
    return f"{url}?{urlencode({'next': back_to})}"


def assignee_label(user):
    if user is None:
        return ""
    return user.get_full_name().strip() or user.get_username()


def assignee_choices(request):
    """Users holding an open claim: the assignee filter lists only them, never every user."""
    holders = Claim.objects.open().filter(assignee__isnull=False).values("assignee")
    return get_user_model().objects.filter(pk__in=holders).order_by("first_name", "last_name", "pk")


class OpenClaimsFilterSet(WagtailFilterSet):
    conflict = record_filter("conflict")
    status = django_filters.ChoiceFilter(
        choices=[(status.value, status.label) for status in OPEN_STATUSES],
        widget=forms.RadioSelect,
        empty_label="All",
    )
    assignee = MultipleUserFilter(queryset=assignee_choices, label="Assignee")
    mine = django_filters.BooleanFilter(label="Assigned to me", method="filter_mine", widget=BooleanRadioSelect)
    assigned = django_filters.BooleanFilter(
        label="Assigned", field_name="assignee", lookup_expr="isnull", exclude=True, widget=BooleanRadioSelect
    )
    min_age = django_filters.NumberFilter(
        label="Open for at least (days)",
        method="filter_min_age",
        min_value=0,
        max_value=36500,
        help_text="Days since the claim was recorded.",
    )

    class Meta:
        model = Claim
        fields = ["conflict", "status", "assignee", "mine", "assigned", "min_age"]

    def filter_mine(self, queryset, name, value):
        if value is None:
            return queryset
        mine = {"assignee": self.request.user}
        return queryset.filter(**mine) if value else queryset.exclude(**mine)

    def filter_min_age(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(created_at__lte=timezone.now() - timedelta(days=float(value)))


class ChangeStatusColumn(Column):
    cell_template_name = "conflicts/admin/open_claims/change_status_cell.html"

    def __init__(self, *, back_to, **kwargs):
        super().__init__("change_status", label="", **kwargs)
        self.back_to = back_to

    def get_value(self, instance):
        return change_status_url(instance, back_to=self.back_to)


class OpenClaimsReportView(ReportView):
    """Open claims, the longest recorded first, with their citing pages, last change and assignee."""

    model = Claim
    permission_required = "change"
    page_title = "Open claims"
    header_icon = "info-circle"
    filterset_class = OpenClaimsFilterSet
    index_url_name = REPORT_URL_NAME
    index_results_url_name = f"{REPORT_URL_NAME}_results"
    verbose_name_plural = "open claims"
    export_filename = "open-claims"
    list_export = [
        "statement", "conflict.name", "get_status_display", "public_page_count", "created_at",
        "last_status_change_at", "assignee",
    ]
    export_headings = {
        "statement": "Statement",
        "conflict.name": "Conflict",
        "get_status_display": "Status",
        "public_page_count": "Live public pages citing it",
        "created_at": "Recorded",
        "last_status_change_at": "Last status change",
        "assignee": "Assignee",
    }
    custom_field_preprocess = {"assignee": {"csv": assignee_label, "xlsx": assignee_label}}

    def get_base_queryset(self):
        return claim_list_open().select_related("assignee__wagtail_userprofile")

    @property
    def columns(self):
        return [
            TitleColumn("statement", label="Claim", accessor=str,
                        url_name="wagtailsnippets_conflicts_claim:edit"),
            Column("conflict", label="Conflict"),
            Column("status", label="Status", accessor="get_status_display"),
            Column("public_page_count", label="Live public pages", sort_key="public_page_count"),
            DateColumn("created_at", label="Recorded", sort_key="created_at"),
            DateColumn("last_status_change_at", label="Last status change", sort_key="last_status_change_at"),
            UserColumn("assignee", label="Assignee", blank_display_name="Unassigned"),
            ChangeStatusColumn(back_to=self.current_url),
        ]

    @property
    def current_url(self):
        query = self.request.GET.copy()
        for name in ("_w_filter_fragment", "export"):
            query.pop(name, None)
        return f"{self.index_url}?{query.urlencode()}" if query else self.index_url


class OpenClaimsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_chase_claims(request.user)


def open_claims_menu_item():
    return OpenClaimsMenuItem("Open claims", reverse(REPORT_URL_NAME), name="open-claims",
                              icon_name="info-circle", order=650)


class OpenClaimsPanel(Component):
    """The dashboard's oldest open claims, the user's own first, with a link to the whole report."""

    name = "open_claims"
    template_name = "conflicts/admin/open_claims/panel.html"
    order = 120

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        request = parent_context["request"]
        home = reverse("wagtailadmin_home")
        claims = list(claim_list_open_for(request.user)[:PANEL_SIZE])
        context.update({
            "rows": [(claim, change_status_url(claim, back_to=home)) for claim in claims],
            "report_url": reverse(REPORT_URL_NAME),
            "user": request.user,
        })
        return context


def open_claims_panel(request, panels):
    if may_chase_claims(request.user):
        panels.append(OpenClaimsPanel())


urlpatterns = [
    path("reports/open-claims/", OpenClaimsReportView.as_view(), name=REPORT_URL_NAME),
    path("reports/open-claims/results/", OpenClaimsReportView.as_view(results_only=True),
         name=f"{REPORT_URL_NAME}_results"),
]
