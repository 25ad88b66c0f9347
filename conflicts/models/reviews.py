"""Sourcing review: a workflow step where the standards desk approves a story's sourcing or sends it back."""

from django import forms
from django.contrib.auth.models import Group
from django.db import models
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask, TaskState

REVIEW_SOURCING_PERMISSION = "conflicts.review_sourcing"


class SourcingChangesForm(TaskStateCommentForm):
    """Changes are never requested without saying which: the author gets the comment."""

    comment = forms.CharField(
        label="What must change",
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": "Say what the author must fix in the sourcing."},
    )


class SourcingReviewTask(AbstractGroupApprovalTask):
    """Approved or sent back with a comment by users holding the review permission or in the task's groups.

    Both decisions open the review screen first (the actions need the modal), so no one decides
    on a revision without its sourcing and warnings in front of them.
    """

    groups = models.ManyToManyField(
        Group,
        blank=True,
        related_name="+",
        verbose_name="groups",
        help_text="Members of these groups review sourcing here, as well as everyone with "
        "'Can review the sourcing of a story before publication'.",
    )

    class Meta:
        verbose_name = "Sourcing review"
        verbose_name_plural = "Sourcing reviews"
        permissions = [("review_sourcing", "Can review the sourcing of a story before publication")]

    def user_can_review(self, user):
        return user.is_active and (user.has_perm(REVIEW_SOURCING_PERMISSION) or self._user_in_groups(user))

    def user_can_access_editor(self, obj, user):
        return self.user_can_review(user)

    def locked_for_user(self, obj, user):
        return not self.user_can_review(user)

    def user_can_lock(self, obj, user):
        return self.user_can_review(user)

    def get_actions(self, obj, user):
        if not self.user_can_review(user):
            return []
        return [("reject", "Request changes to sourcing", True), ("approve", "Approve sourcing", True)]

    def get_form_for_action(self, action):
        return SourcingChangesForm if action == "reject" else TaskStateCommentForm

    def get_template_for_action(self, action):
        return "conflicts/admin/sourcing_review_action.html"

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if self.user_can_review(user):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

    @classmethod
    def get_description(cls):
        return "The standards desk checks the sourcing of the revision: anonymous sources, claims, figures, warnings"
