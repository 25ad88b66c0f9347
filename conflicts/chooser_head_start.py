"""The head start of the annotation choosers opened from a page's editor: the page's own records
first, and the create form filled in from the selected words and what the assistant reads there."""

from django import forms
from django.db.models import Case, IntegerField, When
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from .assistant import AssistantInputError, annotations_suggest, figure_fields, figures_find, vocabulary_load
from .choices import AnnotationKind
from .models import Claim, Figure, Location, Source
from .selectors import annotation_record_ids_for_page

CHOOSER_KINDS = {
    Claim: AnnotationKind.CLAIM, Source: AnnotationKind.SOURCE, Location: AnnotationKind.PLACE,
    Figure: AnnotationKind.FIGURE,
}


SEARCH_MATCHES = 500


class PageFirstSearchForm(forms.Form):
    """The chooser's search, keeping the listing's order so the page's own records stay first."""

    q = forms.CharField(label="Search term", required=False, widget=forms.TextInput(attrs={"placeholder": "Search"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_searching = self.is_filtering_by_collection = False
        self.search_query = None

    def filter(self, objects):
        query = self.cleaned_data.get("q")
        if query:
            # The search index cannot sort by the page-first annotation: filter by its matches instead.
            matches = get_search_backend().autocomplete(query, objects.model._default_manager.all(),
                                                        order_by_relevance=False)
            objects = objects.filter(pk__in=[match.pk for match in matches[:SEARCH_MATCHES]])
            self.is_searching, self.search_query = True, query
        return objects


class HeadStartMixin:
    """A chooser opened from a page's editor (?page=<id>&q=<selected words>&context=<its paragraph>)
    lists the records already annotated in that page first, and the create form starts filled in."""

    preserve_url_parameters = ["multiple", "page"]
    filter_form_class = PageFirstSearchForm

    def editing_page(self):
        try:
            page = Page.objects.get(pk=int(self.request.GET.get("page", "")))
        except (ValueError, Page.DoesNotExist):
            return None
        return page if page.permissions_for_user(self.request.user).can_edit() else None

    def get_object_list(self):
        objects = super().get_object_list()
        page = self.editing_page()
        ids = annotation_record_ids_for_page(page, CHOOSER_KINDS[self.model_class]) if page else ()
        if not ids:
            return objects
        first = Case(When(pk__in=ids, then=0), default=1, output_field=IntegerField())
        return objects.annotate(on_page=first).order_by("on_page", *self.model_class._meta.ordering)

    def get_creation_form_kwargs(self):
        kwargs = super().get_creation_form_kwargs()
        if self.request.method == "GET":
            kwargs["initial"] = creation_head_start(self.model_class, self.request.GET, self.editing_page())
        return kwargs


def creation_head_start(model, params, page):
    """The create form's first values: the selected words; for a claim or a figure the page's conflict
    and the source the assistant reads for those words in their paragraph; for a figure its range."""
    selected = params.get("q", "").strip()[:2000]
    if model is Source:
        return {"public_label": selected[:200]}
    if model not in (Claim, Figure):
        return {}
    initial = {"statement": selected} if model is Claim else figure_read(selected)
    draft = page.specific.get_latest_revision_as_object() if page else None
    if getattr(draft, "conflict_id", None):
        initial["conflict"] = draft.conflict_id
    source = source_read_near(selected, params.get("context", "")[:5000])
    if source and source["record_id"]:
        initial["source"] = source["record_id"]
    elif source and model is Claim:
        initial.update(new_source_label=source["text"], new_source_kind=source["kind"])
    return initial


def figure_read(selected):
    """A figure's fields as the assistant reads the selected words ("between 10,000 and 15,000 troops")."""
    found = figures_find(selected)
    if not found:
        return {"words": selected[:255]}
    fields = figure_fields(found[0])
    fields["words"] = selected[:255]
    return {name: value for name, value in fields.items() if value not in (None, "")}


def source_read_near(selected, context):
    """The source the assistant attributes the selected words to in their paragraph, or None."""
    at = context.find(selected) if selected else -1
    if at < 0:
        return None
    try:
        attributions = annotations_suggest(context, vocabulary=vocabulary_load())["attributions"]
    except AssistantInputError:
        return None
    end = at + len(selected)
    for attribution in attributions:
        claim = attribution["claim"]
        if claim["start"] < end and at < claim["end"]:
            return attribution["source"]
    return None
