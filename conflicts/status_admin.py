"""Admin forms and views for records whose status changes only with a history row (claims, figures)."""

from django import forms
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
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
