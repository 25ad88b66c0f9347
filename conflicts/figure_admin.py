"""Admin listings, inspect views and status forms for figures and tallies (in the "Conflict desk" menu)."""

from django.utils.html import format_html_join
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import InspectView, SnippetViewSet

from .autocomplete import record_filter
from .models import Figure, Tally
from .models.figures import EVENT_PANEL
from .services.figures import figure_change_status, figure_history_start
from .status_admin import (
    STATUS_PANEL,
    StatusHistoryCreateView,
    StatusHistoryEditView,
    StatusHistoryForm,
    StatusHistoryInspectView,
)


class FigureCreateView(StatusHistoryCreateView):
    def history_start(self, record, **kwargs):
        return figure_history_start(figure=record, **kwargs)


class FigureEditView(StatusHistoryEditView):
    def change_status(self, record, **kwargs):
        return figure_change_status(figure=record, **kwargs)


class FigureFilterSet(WagtailFilterSet):
    conflict = record_filter("conflict")
    tally = record_filter("tally")
    source = record_filter("source")

    class Meta:
        model = Figure
        fields = ["status", "counts", "counted", "conflict", "tally", "source"]


class FigureViewSet(SnippetViewSet):
    model = Figure
    icon = "table"
    menu_label = "Figures"
    list_display = ["__str__", "words", "counts", "source", "tally", "status", Column("event_label", label="When")]
    filterset_class = FigureFilterSet
    inspect_view_enabled = True
    inspect_view_class = StatusHistoryInspectView
    inspect_view_fields = [
        "counts", "counts_label", "counted", "counted_party", "low", "best", "high", "words", "conflict", "places",
        "source", "tally", "event_label", "status", "status_changed_at", "status_changes",
    ]
    add_view_class = FigureCreateView
    edit_view_class = FigureEditView
    edit_handler = ObjectList(
        [*Figure.panels, STATUS_PANEL],
        base_form_class=StatusHistoryForm,
    )


class TallyFilterSet(WagtailFilterSet):
    conflict = record_filter("conflict")

    class Meta:
        model = Tally
        fields = ["conflict", "is_published"]


class TallyInspectView(InspectView):
    """Shows the tally with each source's figure and which one the newsroom uses."""

    def get_field_label(self, field_name, field):
        return {"figures": "Figures", "event_label": "When it happened"}.get(field_name) or super().get_field_label(
            field_name, field
        )

    def get_figures_display_value(self):
        figures = self.object.figures.select_related("source").order_by("pk")
        return format_html_join(
            "",
            "<p>{}: {} ({}, {}){}</p>",
            (
                (
                    figure.source or "no source given", figure, figure.words or "—", figure.get_status_display(),
                    " — used in our text" if figure.pk == self.object.used_figure_id else "",
                )
                for figure in figures
            ),
        ) or "—"


class TallyViewSet(SnippetViewSet):
    model = Tally
    icon = "list-ul"
    menu_label = "Tallies"
    list_display = ["name", "conflict", Column("event_label", label="When"), "used_figure", "is_published", "updated_at"]
    filterset_class = TallyFilterSet
    inspect_view_enabled = True
    inspect_view_class = TallyInspectView
    inspect_view_fields = ["name", "conflict", "event_label", "figures", "used_figure", "is_published"]
    edit_handler = ObjectList([
        FieldPanel("name"),
        FieldPanel("conflict"),
        EVENT_PANEL,
        MultiFieldPanel([FieldPanel("used_figure"), FieldPanel("is_published")], heading="Publication"),
    ])



