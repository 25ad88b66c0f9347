"""Wagtail admin viewsets for the extension's records: listings, filters, inspect views, choosers."""

from django import forms
from django.db import transaction
from django.urls import path
from django.utils.html import format_html_join
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.snippets.views.snippets import EditView, InspectView, SnippetViewSet, SnippetViewSetGroup

from .assignee_admin import assignee_chooser
from .autocomplete import autocomplete_url_name, record_filter
from .choices import ClaimStatus, FigureCounts, SourceKind
from .chooser_head_start import HeadStartMixin
from .figure_admin import FigureViewSet, TallyViewSet
from .merge_admin import CurrentRecordsChooserViewSet, CurrentRecordsMixin, MergeView
from .models import (
    CONFIDENTIAL_SOURCE_FIELDS,
    CONFIDENTIAL_SOURCE_PERMISSION,
    Claim,
    Conflict,
    Figure,
    Location,
    Source,
)
from .models.figures import EVENT_PANEL
from .selectors import claim_merged_history
from .services.claims import claim_change_status, claim_create, claim_history_start
from .services.figures import figure_create
from .services.sources import source_create, source_log_confidential_view
from .status_admin import (
    STATUS_PANEL,
    StatusChangeView,
    StatusHistoryCreateView,
    StatusHistoryEditView,
    StatusHistoryForm,
    StatusHistoryInspectView,
    changes_display,
)
from .widgets import RecordAutocomplete, places_chooser


class ConflictViewSet(SnippetViewSet):
    model = Conflict
    icon = "globe"
    menu_label = "Conflicts"
    list_display = ["name", "is_active", "started_on", "updated_at"]
    list_filter = ["is_active"]
    inspect_view_enabled = True


class MergeableViewSetMixin:
    """Adds the "Merge into…" view (`<namespace>:merge`); its choosers offer records still in use only."""

    chooser_viewset_class = CurrentRecordsChooserViewSet

    def get_urlpatterns(self):
        merge = MergeView.as_view(model=self.model)
        return [*super().get_urlpatterns(), path("merge/<int:pk>/", merge, name="merge")]


class LocationFilterSet(WagtailFilterSet):
    conflicts = record_filter("conflict", label="Conflict")

    class Meta:
        model = Location
        fields = ["kind", "conflicts", "geo_precision"]


class LocationViewSet(MergeableViewSetMixin, SnippetViewSet):
    model = Location
    icon = "site"
    menu_label = "Places"
    list_display = ["name", "kind", "parent", Column("latitude"), Column("longitude")]
    filterset_class = LocationFilterSet
    inspect_view_enabled = True


class SourceFilterSet(WagtailFilterSet):
    class Meta:
        model = Source
        fields = ["kind", "is_anonymous", "reliability"]


class ConfidentialViewAuditMixin:
    """Every rendering of a source's confidential fields for a privileged user is written to the audit log."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.has_perm(CONFIDENTIAL_SOURCE_PERMISSION):
            source_log_confidential_view(source=self.object, by=self.request.user)
        return context


class SourceInspectView(ConfidentialViewAuditMixin, InspectView):
    """Shows confidential fields only to users holding the confidential-source permission."""

    def get_fields(self):
        fields = super().get_fields()
        if self.request.user.has_perm(CONFIDENTIAL_SOURCE_PERMISSION):
            return fields
        return [name for name in fields if name not in CONFIDENTIAL_SOURCE_FIELDS]


class SourceEditView(ConfidentialViewAuditMixin, EditView):
    pass


class SourceViewSet(MergeableViewSetMixin, SnippetViewSet):
    model = Source
    icon = "user"
    menu_label = "Sources"
    list_display = ["public_label", "kind", "is_anonymous", "reliability", "updated_at"]
    filterset_class = SourceFilterSet
    inspect_view_enabled = True
    inspect_view_class = SourceInspectView
    edit_view_class = SourceEditView


class ClaimCreateView(StatusHistoryCreateView):
    def history_start(self, record, **kwargs):
        return claim_history_start(claim=record, **kwargs)


class ClaimEditView(StatusHistoryEditView):
    def change_status(self, record, **kwargs):
        return claim_change_status(claim=record, **kwargs)


class ClaimStatusChangeView(StatusChangeView):
    model = Claim

    def change_status(self, record, **kwargs):
        return claim_change_status(claim=record, **kwargs)


class ClaimFilterSet(WagtailFilterSet):
    conflict = record_filter("conflict")
    places = record_filter("place", label="Place")

    class Meta:
        model = Claim
        fields = ["status", "conflict", "places"]


class ClaimInspectView(StatusHistoryInspectView):
    """Shows the claim with its whole status history and its sources."""

    field_labels = {
        **StatusHistoryInspectView.field_labels, "attributions": "Who says it",
        "merged_records": "Merged duplicates and their history", "merged_into": "Merged into",
    }

    def get_attributions_display_value(self):
        rows = self.object.attributions.select_related("source")
        return format_html_join(
            "",
            "<p>{} ({}), credibility {}</p>",
            ((row.source, row.how_obtained or "—", row.credibility) for row in rows),
        ) or "—"

    def get_merged_records_display_value(self):
        """Each duplicate merged into the claim, with the status history it had, as it was recorded."""
        return format_html_join("", "<div class=\"merged-history\"><p><strong>{}</strong></p>{}</div>", (
            (duplicate, changes_display(changes)) for duplicate, changes in claim_merged_history(self.object)
        )) or "—"


class ClaimViewSet(MergeableViewSetMixin, SnippetViewSet):
    model = Claim
    icon = "info-circle"
    menu_label = "Claims"
    list_display = ["__str__", "status", "conflict", "assignee", "status_changed_at"]
    filterset_class = ClaimFilterSet
    inspect_view_enabled = True
    inspect_view_class = ClaimInspectView
    inspect_view_fields = [
        "statement", "conflict", "places", "event_label", "status", "status_changed_at", "attributions",
        "status_changes", "merged_records", "merged_into",
    ]
    add_view_class = ClaimCreateView
    edit_view_class = ClaimEditView
    edit_handler = ObjectList(
        [
            FieldPanel("statement"),
            FieldRowPanel([FieldPanel("conflict"), FieldPanel("places", widget=places_chooser())]),
            EVENT_PANEL,
            STATUS_PANEL,
            FieldPanel("assignee", widget=assignee_chooser.widget_class),
            InlinePanel("attributions", heading="Who says it", label="Source"),
        ],
        base_form_class=StatusHistoryForm,
    )

    @property
    def change_status_view(self):
        """A status change on its own (from the open-claims report or the dashboard): back to `next`."""
        return self.construct_view(ClaimStatusChangeView, edit_url_name=self.get_url_name("edit"))

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(f"change-status/<{self.pk_path_converter}:pk>/", self.change_status_view, name="change_status"),
        ]


class ConflictDeskGroup(SnippetViewSetGroup):
    menu_label = "Conflict desk"
    menu_icon = "globe"
    menu_order = 150
    items = (ClaimViewSet, FigureViewSet, TallyViewSet, SourceViewSet, LocationViewSet, ConflictViewSet)


# Annotation choosers: the modals the rich-text editor opens to tie a span to a record.


class ClaimQuickCreateForm(forms.Form):
    """Records a new claim from the editor, with its status and who says it."""

    statement = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    conflict = forms.ModelChoiceField(
        queryset=Conflict.objects.all(), widget=RecordAutocomplete(autocomplete_url_name("conflict")),
    )
    status = forms.ChoiceField(choices=ClaimStatus.choices, initial=ClaimStatus.UNCONFIRMED)
    status_note = forms.CharField(required=False, label="Why this status", max_length=1000)
    source = forms.ModelChoiceField(
        queryset=Source.objects.current().only("pk", "public_label"), required=False,
        widget=RecordAutocomplete(autocomplete_url_name("source")),
        help_text="An existing source, or describe a new anonymous one below.",
    )
    new_source_label = forms.CharField(
        required=False, max_length=200, label="New source: public label",
        help_text='What readers see, e.g. "a security source".',
    )
    new_source_kind = forms.ChoiceField(
        choices=SourceKind.choices, initial=SourceKind.ANONYMOUS, label="New source: kind",
    )
    new_source_reason = forms.CharField(
        required=False, max_length=1000, label="Why anonymity was granted", help_text="For an anonymous source.",
    )
    how_obtained = forms.CharField(required=False, max_length=255, help_text='e.g. "speaking to TRT World".')

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned_data = super().clean()
        label = (cleaned_data.get("new_source_label") or "").strip()
        if label and cleaned_data.get("source"):
            raise forms.ValidationError("Choose an existing source or describe a new one, not both.")
        anonymous = cleaned_data.get("new_source_kind") == SourceKind.ANONYMOUS
        if label and anonymous and not (cleaned_data.get("new_source_reason") or "").strip():
            self.add_error("new_source_reason", "An anonymous source needs the reason anonymity was granted.")
        return cleaned_data


class SourceQuickCreateForm(forms.ModelForm):
    """A new source from the editor: public fields only."""

    class Meta:
        model = Source
        fields = ["public_label", "kind", "is_anonymous", "anonymity_reason", "reliability"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)


class FigureQuickCreateForm(forms.ModelForm):
    """Records a new figure from the editor: what it counts, its range and words, who gives it, its status."""

    status = forms.ChoiceField(choices=ClaimStatus.choices, initial=ClaimStatus.UNCONFIRMED)
    status_note = forms.CharField(required=False, label="Why this status", max_length=1000)

    class Meta:
        model = Figure
        fields = ["counts", "counts_label", "counted", "counted_party", "low", "best", "high", "words", "conflict",
                  "source", "tally"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = Source.objects.only("pk", "public_label")

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("counts") == FigureCounts.OTHER and not cleaned_data.get("counts_label", "").strip():
            self.add_error("counts_label", 'Say what an "other" figure counts.')
        return cleaned_data

    def validate_unique(self):
        """figure_create() validates the whole record when it saves it."""


class AnnotationChosenMixin:
    """Adds what the editor shows on a span (label, and a claim's status) to the chosen data."""

    def get_chosen_response_data(self, item):
        data = super().get_chosen_response_data(item)
        data["label"] = str(item)
        if isinstance(item, (Claim, Figure)):
            data["status"] = item.status
        return data


class UserFormKwargsMixin:
    def get_creation_form_kwargs(self):
        kwargs = super().get_creation_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs


class AnnotationChooseView(HeadStartMixin, AnnotationChosenMixin, UserFormKwargsMixin, CurrentRecordsMixin,
                           chooser_views.ChooseView):
    pass


class AnnotationChooseResultsView(HeadStartMixin, AnnotationChosenMixin, UserFormKwargsMixin, CurrentRecordsMixin,
                                  chooser_views.ChooseResultsView):
    pass


class AnnotationChosenView(AnnotationChosenMixin, chooser_views.ChosenView):
    pass


class AnnotationCreateView(AnnotationChosenMixin, UserFormKwargsMixin, chooser_views.CreateView):
    pass


class ClaimAnnotationCreateView(AnnotationCreateView):
    @transaction.atomic
    def save_form(self, form):
        data = form.cleaned_data
        source = data["source"]
        if data["new_source_label"].strip():
            anonymous = data["new_source_kind"] == SourceKind.ANONYMOUS
            source = source_create(
                public_label=data["new_source_label"],
                kind=data["new_source_kind"],
                is_anonymous=anonymous,
                anonymity_reason=data["new_source_reason"] if anonymous else "",
            )
        attributions = [{"source": source, "how_obtained": data["how_obtained"], "credibility": 6}] if source else []
        return claim_create(
            statement=data["statement"],
            conflict=data["conflict"],
            status=data["status"],
            by=self.request.user,
            note=data["status_note"],
            attributions=attributions,
        )


class SourceAnnotationCreateView(AnnotationCreateView):
    def save_form(self, form):
        return source_create(**{name: form.cleaned_data[name] for name in SourceQuickCreateForm.Meta.fields})


class FigureAnnotationCreateView(AnnotationCreateView):
    def save_form(self, form):
        data = form.cleaned_data
        fields = {name: data[name] for name in FigureQuickCreateForm.Meta.fields}
        return figure_create(**fields, status=data["status"], by=self.request.user, note=data["status_note"])


class AnnotationChooserViewSet(ChooserViewSet):
    choose_view_class = AnnotationChooseView
    choose_results_view_class = AnnotationChooseResultsView
    chosen_view_class = AnnotationChosenView
    create_view_class = AnnotationCreateView
    per_page = 10


class ClaimAnnotationChooserViewSet(AnnotationChooserViewSet):
    model = Claim
    icon = "info-circle"
    choose_one_text = "Choose a claim"
    creation_form_class = ClaimQuickCreateForm
    create_view_class = ClaimAnnotationCreateView
    create_action_label = "Record the claim"


class SourceAnnotationChooserViewSet(AnnotationChooserViewSet):
    model = Source
    icon = "user"
    choose_one_text = "Choose a source"
    creation_form_class = SourceQuickCreateForm
    create_view_class = SourceAnnotationCreateView
    create_action_label = "Add the source"


class PlaceAnnotationChooserViewSet(AnnotationChooserViewSet):
    model = Location
    icon = "site"
    choose_one_text = "Choose a place"


class FigureAnnotationChooserViewSet(AnnotationChooserViewSet):
    model = Figure
    icon = "table"
    choose_one_text = "Choose a figure"
    creation_form_class = FigureQuickCreateForm
    create_view_class = FigureAnnotationCreateView
    create_action_label = "Record the figure"


annotation_choosers = {
    "claim": ClaimAnnotationChooserViewSet("annotation_claim_chooser", url_prefix="annotate/claim"),
    "source": SourceAnnotationChooserViewSet("annotation_source_chooser", url_prefix="annotate/source"),
    "place": PlaceAnnotationChooserViewSet("annotation_place_chooser", url_prefix="annotate/place"),
    "figure": FigureAnnotationChooserViewSet("annotation_figure_chooser", url_prefix="annotate/figure"),
}
