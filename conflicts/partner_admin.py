"""Wagtail admin for partners: the partner record with its webhooks, API keys, and the delivery log."""

from django import forms
from django.template.response import TemplateResponse
from django.utils.html import format_html_join
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import CreateView, EditView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .autocomplete import record_filter
from .models import Partner, PartnerKey, WebhookDelivery
from .services.partners import partner_key_issue, partner_key_revoke


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """The log records what happened: nobody adds, edits or deletes entries through the admin."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


register_permission_policy(WebhookDelivery, ReadOnlyPermissionPolicy(WebhookDelivery))


class PartnerInspectView(InspectView):
    """The partner with its webhooks, including the secret it needs to check our signatures."""

    def get_field_label(self, field_name, field):
        return "Webhooks" if field_name == "webhooks" else super().get_field_label(field_name, field)

    def get_webhooks_display_value(self):
        return format_html_join(
            "",
            "<p>{}<br>Events: {}<br>Signing secret: <code>{}</code>{}</p>",
            (
                (webhook.url, ", ".join(webhook.events), webhook.secret, "" if webhook.is_active else " (inactive)")
                for webhook in self.object.webhooks.all()
            ),
        ) or "None"

    def get_field_display_value(self, field_name, field):
        if field_name == "webhooks":
            return self.get_webhooks_display_value()
        return super().get_field_display_value(field_name, field)


class PartnerFilterSet(WagtailFilterSet):
    conflicts = record_filter("conflict", label="Conflict")

    class Meta:
        model = Partner
        fields = ["is_active", "conflicts"]


class PartnerViewSet(ModelViewSet):
    model = Partner
    icon = "group"
    menu_label = "Partners"
    copy_view_enabled = False
    list_display = ["name", "is_active", "rate_limit", "contact_email", "updated_at"]
    filterset_class = PartnerFilterSet
    search_fields = ["name"]
    inspect_view_enabled = True
    inspect_view_fields = ["name", "contact_name", "contact_email", "is_active", "rate_limit", "conflicts", "webhooks"]
    inspect_view_class = PartnerInspectView


class PartnerKeyCreateForm(WagtailAdminModelForm):
    class Meta:
        model = PartnerKey
        fields = ["partner", "name"]


class PartnerKeyEditForm(WagtailAdminModelForm):
    revoke = forms.BooleanField(
        required=False, help_text="Requests with this key are refused from now on. This cannot be undone."
    )

    class Meta:
        model = PartnerKey
        fields = ["name"]


class PartnerKeyCreateView(CreateView):
    """Issues the key and shows it once; it is not stored and cannot be shown again."""

    def form_valid(self, form):
        key, plaintext = partner_key_issue(
            partner=form.cleaned_data["partner"], name=form.cleaned_data["name"], by=self.request.user
        )
        response = TemplateResponse(
            self.request,
            "conflicts/admin/partner_key_created.html",
            {"key": key, "plaintext": plaintext, "header_title": f"New API key for {key.partner}",
             "index_url": self.get_success_url()},
        )
        response["Cache-Control"] = "no-store"
        return response


class PartnerKeyEditView(EditView):
    def save_instance(self):
        key = super().save_instance()
        if self.form.cleaned_data.get("revoke"):
            partner_key_revoke(key=key)
        return key


class PartnerKeyViewSet(ModelViewSet):
    model = PartnerKey
    icon = "key"
    menu_label = "API keys"
    copy_view_enabled = False
    list_display = ["partner", "name", "prefix", DateColumn("created_at"), DateColumn("last_used_at"),
                    DateColumn("revoked_at", label="Revoked")]
    list_filter = ["partner"]
    add_view_class = PartnerKeyCreateView
    edit_view_class = PartnerKeyEditView

    def get_form_class(self, for_update=False):
        return PartnerKeyEditForm if for_update else PartnerKeyCreateForm


class WebhookDeliveryViewSet(ModelViewSet):
    """The delivery log: read-only, one row per event sent (or being retried) to a partner's URL."""

    model = WebhookDelivery
    icon = "history"
    menu_label = "Webhook deliveries"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "event", Column("webhook", label="Webhook URL"), "status", "attempts", "last_response_code",
        DateColumn("created_at"), DateColumn("delivered_at"),
    ]
    list_filter = ["status", "event"]
    inspect_view_fields = [
        "event_id", "event", "webhook", "status", "attempts", "last_response_code", "last_error",
        "created_at", "next_attempt_at", "delivered_at", "payload",
    ]
    form_fields = []


class PartnerGroup(ViewSetGroup):
    menu_label = "Partners"
    menu_icon = "group"
    menu_order = 160
    items = (
        PartnerViewSet("partners"),
        PartnerKeyViewSet("partner_keys"),
        WebhookDeliveryViewSet("webhook_deliveries"),
    )
