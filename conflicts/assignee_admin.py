"""Who chases a claim: a chooser of the users who can change claims, searched by name or email."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.permissions import policy_registry

from .models import Claim


class UserSearchForm(BaseFilterForm):
    """Searches users by name, username and email (users are not in the search index)."""

    q = forms.CharField(label="Search term", required=False, widget=forms.TextInput(attrs={"placeholder": "Search"}))

    def filter(self, objects):
        query = self.cleaned_data.get("q")
        if not query:
            return objects
        self.is_searching, self.search_query = True, query
        names = {field.name for field in objects.model._meta.get_fields()}
        fields = [name for name in ("first_name", "last_name", "email", objects.model.USERNAME_FIELD) if name in names]
        matching = Q()
        for name in fields:
            matching |= Q(**{f"{name}__icontains": query})
        return objects.filter(matching)


class ClaimEditorsOnlyMixin:
    """Who may be assigned a claim is shown only to those who can change claims."""

    def dispatch(self, request, *args, **kwargs):
        if not policy_registry.get_by_type(Claim).user_has_permission(request.user, "change"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AssigneeChooseView(ClaimEditorsOnlyMixin, chooser_views.ChooseView):
    filter_form_class = UserSearchForm


class AssigneeChooseResultsView(ClaimEditorsOnlyMixin, chooser_views.ChooseResultsView):
    filter_form_class = UserSearchForm


class AssigneeChosenView(ClaimEditorsOnlyMixin, chooser_views.ChosenView):
    pass


class AssigneeChooserViewSet(ChooserViewSet):
    """Chooses who chases a claim among the active users who can change claims, by search."""

    model = get_user_model()
    icon = "user"
    choose_one_text = "Choose an assignee"
    choose_another_text = "Choose another assignee"
    register_widget = False
    per_page = 20
    choose_view_class = AssigneeChooseView
    choose_results_view_class = AssigneeChooseResultsView
    chosen_view_class = AssigneeChosenView

    def get_object_list(self):
        users = policy_registry.get_by_type(Claim).users_with_permission("change")
        return users.filter(is_active=True).order_by("first_name", "last_name", "pk")


assignee_chooser = AssigneeChooserViewSet("assignee_chooser", url_prefix="conflicts/assignee-chooser")
