"""Admin forms and views for records whose status changes only with a history row (claims, figures)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.views.generic import FormView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.snippets.views.snippets import CreateView, EditView, InspectView

from .choices import ClaimStatus


class StatusHistoryForm(WagtailAdminModelForm):
    """The record's form with its status: changing it requires a note, recorded in the history."""

    new_status = forms.ChoiceField(label="Status", choices=ClaimStatus.choices)
    status_note = forms.CharField(
        label="Why the status is what it is",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required when the status changes; shown to readers in the timeline.",
    )
    evidence_url = forms.URLField(label="Evidence link", required=False, max_length=500, assume_scheme="https")
    internal_note = forms.CharField(
        label="Internal note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For the newsroom only (how it was checked, who to call): never shown to readers or partners.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_status"].initial = self.instance.status

    def clean(self):
        cleaned_data = super().clean()
        changed = self.instance.pk and cleaned_data.get("new_status") != self.instance.status
        if changed and not (cleaned_data.get("status_note") or "").strip():
            self.add_error("status_note", "Say why the status changed; readers see this note.")
        return cleaned_data


class StatusChangeForm(forms.Form):
    """A status change on its own: the new status and the note readers will see, both required."""

    new_status = StatusHistoryForm.declared_fields["new_status"]
    status_note = StatusHistoryForm.declared_fields["status_note"]
    evidence_url = StatusHistoryForm.declared_fields["evidence_url"]
    internal_note = StatusHistoryForm.declared_fields["internal_note"]

    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, **kwargs)
        self.record = record
        self.fields["new_status"].initial = record.status
        self.fields["new_status"].help_text = f"Now: {record.get_status_display()}."
        self.fields["status_note"].required = True

    def clean_new_status(self):
        new_status = self.cleaned_data["new_status"]
        if new_status == self.record.status:
            raise ValidationError(f"It is already {self.record.get_status_display().lower()}: choose another status.")
        return new_status


STATUS_PANEL = MultiFieldPanel(
    [FieldPanel("new_status"), FieldPanel("status_note"), FieldPanel("evidence_url"), FieldPanel("internal_note")],
    heading="Status",
)


def _status_fields(form):
    return {name: form.cleaned_data[name] for name in ("evidence_url", "internal_note")}


class StatusHistoryCreateView(CreateView):
    """Saves the record with its chosen status, then starts its history through `history_start`."""

    def history_start(self, record, **kwargs):
        raise NotImplementedError("Name the service that starts the record's history.")

    def save_instance(self):
        self.form.instance.status = self.form.cleaned_data["new_status"]
        record = super().save_instance()
        self.history_start(record, by=self.request.user, note=self.form.cleaned_data["status_note"],
                           **_status_fields(self.form))
        return record


class StatusHistoryEditView(EditView):
    """Saves the record, then changes its status (if asked) through `change_status`, with the note."""

    def change_status(self, record, **kwargs):
        raise NotImplementedError("Name the service that changes the record's status.")

    def save_instance(self):
        record = super().save_instance()
        new_status = self.form.cleaned_data["new_status"]
        if new_status != record.status:
            self.change_status(record, to=new_status, by=self.request.user,
                               note=self.form.cleaned_data["status_note"], **_status_fields(self.form))
        return record


class StatusHistoryInspectView(InspectView):
    """Shows the record with its whole status history, internal notes included (admin only)."""

    field_labels = {"status_changes": "Status history", "event_label": "When it happened"}

    def get_field_label(self, field_name, field):
        return self.field_labels.get(field_name) or super().get_field_label(field_name, field)

    def get_status_changes_display_value(self):
        return changes_display(self.object.status_changes.select_related("changed_by"))


def changes_display(changes):
    """A status history for the admin: when, from and to, who, why, and the internal note."""
    return format_html_join(
        "",
        "<p>{} – {} → {} by {}: {}{}</p>",
        (
            (
                date_format(change.changed_at, "DATETIME_FORMAT"),
                change.get_from_status_display() or "new",
                change.get_to_status_display(),
                change.changed_by or "system",
                change.note,
                format_html(" <em>(internal: {})</em>", change.internal_note) if change.internal_note else "",
            )
            for change in changes
        ),
    )


class StatusChangeView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Changes one record's status through `change_status` with its note, then returns to `next`
    (the report or dashboard it was opened from) or to the record's edit view."""

    model = None
    permission_required = "change"
    form_class = StatusChangeForm
    template_name = "wagtailadmin/generic/form.html"
    page_title = "Change status"
    header_icon = "info-circle"
    edit_url_name = None

    def change_status(self, record, **kwargs):
        raise NotImplementedError("Name the service that changes the record's status.")

    def setup(self, request, *args, pk, **kwargs):
        super().setup(request, *args, pk=pk, **kwargs)
        self.object = get_object_or_404(self.model, pk=pk)

    def get_page_subtitle(self):
        return str(self.object)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "record": self.object}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action_url=self.request.get_full_path(), submit_button_label="Change status", **kwargs
        )

    def form_valid(self, form):
        try:
            self.change_status(self.object, to=form.cleaned_data["new_status"], by=self.request.user,
                               note=form.cleaned_data["status_note"], **_status_fields(form))
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        messages.success(self.request, f"“{self.object}” is now {self.object.get_status_display().lower()}.")
        next_url = get_valid_next_url_from_request(self.request)
        return redirect(next_url) if next_url else redirect(self.edit_url_name, self.object.pk)
