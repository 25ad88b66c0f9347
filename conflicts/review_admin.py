"""The sourcing review screen: the revision under a Sourcing review task as the standards desk
checks it, for the users who may decide that task only."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from wagtail.models import TaskState

from .models import SourcingReviewTask
from .sourcing_review import sourcing_review_show


def review_task_state_for_user(task_state_id, user):
    """The task state and its Sourcing review task, or PermissionDenied if the user may not review it."""
    task_state = get_object_or_404(TaskState.objects.select_related("revision", "task"), pk=task_state_id)
    task = task_state.task.specific
    if not isinstance(task, SourcingReviewTask) or not task.user_can_review(user):
        raise PermissionDenied
    return task_state, task


def sourcing_review_view(request, task_state_id):
    task_state, task = review_task_state_for_user(task_state_id, request.user)
    review = sourcing_review_show(task_state.revision, user=request.user)
    return TemplateResponse(request, "conflicts/admin/sourcing_review.html", {
        "task_state": task_state,
        "task": task,
        "review": review,
        "in_progress": task_state.status == TaskState.STATUS_IN_PROGRESS,
    })


urlpatterns = [
    path("sourcing-review/<int:task_state_id>/", sourcing_review_view, name="conflicts_sourcing_review"),
]
