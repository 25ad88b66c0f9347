"""The standards desk's Withdraw action in the page editor: a confirmation form with the reason, for users
with the withdrawal permission only (anyone else is refused, whatever page permissions they have)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.models import Page

from .conf import reporting_models
from .models import WITHDRAW_PERMISSION
from .services.withdrawals import page_withdraw


class WithdrawalForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Why the story is withdrawn (legal or safety). Kept in the newsroom: readers and partners never see it.",
    )


def _may_withdraw(user, page):
    return user.has_perm(WITHDRAW_PERMISSION) and page.live and isinstance(page.specific, reporting_models())


class WithdrawMenuItem(ActionMenuItem):
    label = "Withdraw (legal or safety)"
    name = "action-withdraw"
    icon_name = "warning"
    order = 45

    def is_shown(self, context):
        return context["view"] == "edit" and _may_withdraw(context["request"].user, context["page"])

    def get_url(self, context):
        return reverse("conflicts_page_withdraw", args=[context["page"].pk])


def page_withdraw_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not request.user.has_perm(WITHDRAW_PERMISSION):
        raise PermissionDenied
    form = WithdrawalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            page_withdraw(page=page, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"“{page.title}” is withdrawn: its address answers 410 Gone and partners are told to remove it.")
            return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(request, "conflicts/admin/page_withdraw.html", {"page": page, "form": form})


urlpatterns = [path("pages/<int:page_id>/withdraw/", page_withdraw_view, name="conflicts_page_withdraw")]
