"""The sourcing review inside Wagtail's workflow action modal, whose view the extension does not own."""

from django import template

from ..sourcing_review import sourcing_review_show

register = template.Library()


@register.simple_tag(takes_context=True)
def sourcing_review(context, task_state):
    """`{% sourcing_review task_state as review %}`: the review of the revision the task state is on,
    for the requesting user (confidential fields only with their permission)."""
    return sourcing_review_show(task_state.revision, user=context["request"].user)
