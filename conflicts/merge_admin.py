"""The standards desk's "Merge into…" action on claims, sources and places: choose the record to keep,
review what will move and any cross-conflict warning, then confirm. Needs change and delete permission."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View
from wagtail.admin.widgets.button import Button
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.widgets import AdminSnippetChooser

from .services.merges import MERGE_KINDS, merge_allowed, merge_plan, merge_records
from .spans import mergeable

TEMPLATE = "conflicts/admin/merge.html"


def merge_url(record):
    return reverse(record.snippet_viewset.get_url_name("merge"), args=[record.pk])


def may_merge(user, record):
    return type(record) in MERGE_KINDS and not record.merged_into_id and merge_allowed(user, type(record))


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(queryset=None, label="Merge into (the record to keep)")
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
        help_text="Why the two are the same record. Kept in both records' history.",
    )
    confirm_cross_conflict = forms.BooleanField(
        required=False, label="They are the same record, although they belong to different conflicts",
    )

    def __init__(self, *args, duplicate, **kwargs):
        super().__init__(*args, **kwargs)
        model = type(duplicate)
        self.fields["keep"].queryset = model.objects.current().exclude(pk=duplicate.pk)
        self.fields["keep"].widget = AdminSnippetChooser(model)
        self.fields["keep"].error_messages["invalid_choice"] = (
            f"Choose another {model._meta.verbose_name}: not this one, nor one already merged."
        )


class MergeView(View):
    """GET: the form. POST: the review (what will move, any warning). POST with `confirm`: the merge."""

    model = None

    def dispatch(self, request, pk):
        if not merge_allowed(request.user, self.model):
            raise PermissionDenied
        self.duplicate = get_object_or_404(self.model.objects.all(), pk=pk)
        if self.duplicate.merged_into_id:
            messages.warning(request, f"“{self.duplicate}” has already been merged into “{self.duplicate.merged_into}”.")
            return redirect(self.duplicate.snippet_viewset.get_url_name("edit"), self.duplicate.merged_into_id)
        return super().dispatch(request, pk)

    def render(self, form, plan=None):
        return TemplateResponse(self.request, TEMPLATE, {
            "duplicate": self.duplicate, "form": form, "plan": plan,
            "verbose_name": self.model._meta.verbose_name, "action_url": merge_url(self.duplicate),
            "cancel_url": reverse(self.duplicate.snippet_viewset.get_url_name("edit"), args=[self.duplicate.pk]),
        })

    def get(self, request, pk):
        return self.render(MergeForm(duplicate=self.duplicate))

    def post(self, request, pk):
        form = MergeForm(request.POST, duplicate=self.duplicate)
        if not form.is_valid():
            return self.render(form)
        keep = form.cleaned_data["keep"]
        plan = merge_plan(keep=keep, duplicate=self.duplicate)
        if not request.POST.get("confirm"):
            return self.render(form, plan)
        try:
            merge_records(
                keep=keep, duplicate=self.duplicate, user=request.user, note=form.cleaned_data["note"],
                allow_cross_conflict=form.cleaned_data["confirm_cross_conflict"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.render(form, plan)
        messages.success(request, f"“{self.duplicate}” is merged into “{keep}”: {plan.annotation_count} annotations "
                                  f"on {plan.page_count} pages now name it, and its address redirects here.")
        return redirect(keep.snippet_viewset.get_url_name("edit"), keep.pk)


def merge_listing_buttons(snippet, user, next_url=None):
    """The listing's "Merge into…" item, for records that can be merged by this user."""
    if may_merge(user, snippet):
        yield Button("Merge into…", url=merge_url(snippet), icon_name="resubmit", priority=40)


class MergeMenuItem(ActionMenuItem):
    """"Merge into…" in the edit view's action menu."""

    label = "Merge into…"
    name = "action-merge"
    icon_name = "resubmit"
    order = 90

    def is_shown(self, context):
        return context["view"] == "edit" and may_merge(context["request"].user, context["instance"])

    def get_url(self, parent_context):
        return merge_url(parent_context["instance"])


def merge_menu_item(model):
    return MergeMenuItem() if model in MERGE_KINDS else None


# Choosers that offer only records still in use: a merged record is a tombstone.


class CurrentRecordsMixin:
    def get_object_list(self):
        records = super().get_object_list()
        return records.current() if mergeable(records.model) else records


class CurrentChooseView(CurrentRecordsMixin, ChooseView):
    pass


class CurrentChooseResultsView(CurrentRecordsMixin, ChooseResultsView):
    pass


class CurrentRecordsChooserViewSet(SnippetChooserViewSet):
    choose_view_class = CurrentChooseView
    choose_results_view_class = CurrentChooseResultsView
