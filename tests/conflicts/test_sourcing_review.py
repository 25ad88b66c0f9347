"""The Sourcing review workflow task: who decides, what each decision does, and what the review screen shows."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import (
    GroupPagePermission,
    ModelLogEntry,
    Page,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from conflicts.choices import Reliability, SourceKind
from conflicts.models import Source, SourcingReviewTask
from conflicts.services.sources import CONFIDENTIAL_VIEW_ACTION
from conflicts.sourcing_review import sourcing_review_for_revision
from tests.factories import AnonymousSourceFactory, SourceFactory, UserFactory, make_article, make_claim, make_figure

pytestmark = pytest.mark.django_db

REVIEW_SCREEN_QUERIES = 23


@pytest.fixture
def review_workflow(site_tree):
    task = SourcingReviewTask.objects.create(name="Sourcing review")
    workflow = Workflow.objects.create(name="Sourcing review")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=site_tree["news"], workflow=workflow)
    return workflow


def section_group(name, section, permission_types, *permissions):
    group = Group.objects.create(name=name)
    group.permissions.add(Permission.objects.get(codename="access_admin"), *permissions)
    for permission_type in permission_types:
        GroupPagePermission.objects.create(group=group, page=section, permission_type=permission_type)
    return group


@pytest.fixture
def page_editor(db, site_tree):
    """An editor who adds and edits articles in the news section, and neither publishes nor reviews sourcing."""
    user = UserFactory()
    user.groups.add(section_group("Writers", site_tree["news"], ("add", "change")))
    return user


@pytest.fixture
def standards_editor(db, site_tree):
    """An editor who reviews sourcing and publishes in the news section (without the confidential permission)."""
    user = UserFactory()
    review = Permission.objects.get(codename="review_sourcing")
    user.groups.add(section_group("Standards editors", site_tree["news"], ("add", "change", "publish"), review))
    return user


def paragraph(html):
    return [("paragraph", f"<p>{html}</p>")]


def submitted(site_tree, workflow, user, body, *, conflict=None, title="Troops at Morek"):
    page = make_article(site_tree["news"], title=title, body=body, publish=False, conflict=conflict, live=False)
    page.save_revision(user=user)
    workflow.start(page, user)
    return Page.objects.get(pk=page.pk).specific


def task_state_of(page):
    return TaskState.objects.get(workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS)


def action_url(page, action, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def review_of(page, user):
    return sourcing_review_for_revision(page.get_latest_revision(), user=user)


def warning_kinds(review):
    return [warning.kind for warning in review["warnings"]]


# Decisions


def test_approving_publishes_the_revision_under_review(client, site_tree, review_workflow, page_editor, standards_editor):
    page = submitted(site_tree, review_workflow, page_editor, paragraph("Text."))
    client.force_login(standards_editor)

    response = client.post(action_url(page, "approve", task_state_of(page)), {"comment": "Sourcing holds."})

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_APPROVED
    assert TaskState.objects.get(workflow_state=state).comment == "Sourcing holds."


def test_requesting_changes_returns_the_story_to_its_author_with_the_comment(
    client, site_tree, review_workflow, page_editor, standards_editor
):
    page = submitted(site_tree, review_workflow, page_editor, paragraph("Text."))
    task_state = task_state_of(page)
    client.force_login(standards_editor)

    client.post(action_url(page, "reject", task_state), {"comment": "Who is the security source?"})

    page.refresh_from_db()
    task_state.refresh_from_db()
    assert not page.live
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == "Who is the security source?"
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES


def test_changes_are_not_requested_without_a_comment(client, site_tree, review_workflow, page_editor, standards_editor):
    page = submitted(site_tree, review_workflow, page_editor, paragraph("Text."))
    task_state = task_state_of(page)
    client.force_login(standards_editor)

    response = client.post(action_url(page, "reject", task_state), {"comment": "  "},
                           headers={"x-requested-with": "XMLHttpRequest"})

    assert response.status_code == 200
    assert "Say what the author must fix in the sourcing." in response.json()["html"]
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS


def test_a_resubmitted_story_is_reviewed_again_and_published_on_approval(
    client, site_tree, review_workflow, page_editor, standards_editor
):
    page = submitted(site_tree, review_workflow, page_editor, paragraph("Text."))
    client.force_login(standards_editor)
    client.post(action_url(page, "reject", task_state_of(page)), {"comment": "Hedge it."})
    page.body = paragraph("Text, reportedly.")
    page.save_revision(user=page_editor)
    page.current_workflow_state.resume(page_editor)

    client.post(action_url(page, "approve", task_state_of(page)), {"comment": ""})

    page.refresh_from_db()
    assert page.live
    assert "reportedly" in str(page.body)


# Permissions


def test_an_editor_without_the_permission_is_offered_no_decision_and_cannot_approve(
    client, site_tree, review_workflow, page_editor
):
    page = submitted(site_tree, review_workflow, page_editor, paragraph("Text."))
    task_state = task_state_of(page)
    task = task_state.task.specific
    assert task.get_actions(page, page_editor) == []
    assert task.locked_for_user(page, page_editor)
    client.force_login(page_editor)

    response = client.post(action_url(page, "approve", task_state), {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"})

    assert response.status_code == 403
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not Page.objects.get(pk=page.pk).live


def test_an_editor_without_publish_permission_cannot_publish_past_the_review(
    client, site_tree, review_workflow, page_editor
):
    page = submitted(site_tree, review_workflow, page_editor, paragraph("Text."))
    client.force_login(page_editor)

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    assert edit.status_code == 200
    assert b'name="action-publish"' not in edit.content
    assert not page.permissions_for_user(page_editor).can_publish()
    assert task_state_of(page).status == TaskState.STATUS_IN_PROGRESS


def test_a_standards_editor_is_offered_both_decisions_with_the_review(
    client, site_tree, review_workflow, page_editor, standards_editor
):
    page = submitted(site_tree, review_workflow, page_editor, paragraph("Text."))
    task_state = task_state_of(page)
    assert [name for name, _label, modal in task_state.task.specific.get_actions(page, standards_editor) if modal] == [
        "reject", "approve",
    ]
    client.force_login(standards_editor)

    response = client.get(action_url(page, "approve", task_state), headers={"x-requested-with": "XMLHttpRequest"})

    assert response.status_code == 200
    assert "Warnings" in response.json()["html"]
    assert reverse("conflicts_sourcing_review", args=[task_state.pk]) in response.json()["html"]


def test_members_of_the_task_groups_review_without_the_permission(site_tree, review_workflow, page_editor):
    group = Group.objects.create(name="Desk chiefs")
    task = SourcingReviewTask.objects.get()
    task.groups.set([group])
    chief = UserFactory()
    chief.groups.add(group)
    assert task.user_can_review(chief)
    assert not task.user_can_review(page_editor)


def test_the_review_screen_is_refused_to_an_editor_who_cannot_review(
    client, site_tree, review_workflow, page_editor, standards_editor
):
    page = submitted(site_tree, review_workflow, page_editor, paragraph("Text."))
    url = reverse("conflicts_sourcing_review", args=[task_state_of(page).pk])
    client.force_login(page_editor)
    refused = client.get(url)
    client.force_login(standards_editor)
    assert client.get(url).status_code == 200
    assert (refused.status_code, refused.url) == (302, reverse("wagtailadmin_home"))


# The review screen


def test_a_clean_revision_has_no_warning(site_tree, review_workflow, page_editor, standards_editor, conflict):
    source = AnonymousSourceFactory(public_label="a security source", reliability=Reliability.B)
    claim = make_claim(statement="Troops left Morek.", conflict=conflict, sources=[source])
    body = paragraph(f'<a linktype="source" id="{source.pk}">A security source</a> said '
                     f'<a linktype="claim" id="{claim.pk}">troops left Morek</a>.')
    page = submitted(site_tree, review_workflow, page_editor, body, conflict=conflict)

    review = review_of(page, standards_editor)

    assert review["warnings"] == []
    assert [use.source for use in review["anonymous_sources"]] == [source]
    assert review["claims"] == [claim]


def test_an_anonymous_source_without_a_reason_is_a_warning(site_tree, review_workflow, page_editor, standards_editor):
    source = SourceFactory(kind=SourceKind.ANONYMOUS, is_anonymous=False, anonymity_reason="", reliability="B")
    page = submitted(site_tree, review_workflow, page_editor,
                     paragraph(f'<a linktype="source" id="{source.pk}">A source</a> spoke twice. '
                               f'<a linktype="source" id="{source.pk}">The source</a> again.'))

    assert warning_kinds(review_of(page, standards_editor)) == ["anonymous_without_reason"]


def test_an_unconfirmed_claim_stated_bare_is_a_warning_and_a_hedged_one_is_not(
    site_tree, review_workflow, page_editor, standards_editor, conflict
):
    source = SourceFactory(reliability="B")
    bare = make_claim(statement="Troops left Morek.", conflict=conflict, sources=[source])
    hedged = make_claim(statement="Troops reached Idlib.", conflict=conflict, sources=[source])
    body = [("paragraph", f'<p><a linktype="claim" id="{bare.pk}">Troops left Morek</a> on Friday.</p>'),
            ("paragraph", f'<p>Troops <a linktype="claim" id="{hedged.pk}">reportedly reached Idlib</a>.</p>')]
    page = submitted(site_tree, review_workflow, page_editor, body, conflict=conflict)

    review = review_of(page, standards_editor)

    assert warning_kinds(review) == ["unconfirmed_without_hedge"]
    assert "Troops left Morek" in review["warnings"][0].message


def test_a_claim_with_no_source_is_a_warning(site_tree, review_workflow, page_editor, standards_editor, conflict):
    claim = make_claim(statement="Troops left Morek.", conflict=conflict, status="confirmed")
    page = submitted(site_tree, review_workflow, page_editor,
                     paragraph(f'<a linktype="claim" id="{claim.pk}">Troops left Morek</a>.'), conflict=conflict)

    assert warning_kinds(review_of(page, standards_editor)) == ["claim_without_source"]


def test_an_unreliable_source_used_once_is_a_warning(site_tree, review_workflow, page_editor, standards_editor, conflict):
    source = SourceFactory(public_label="a channel online", reliability=Reliability.E)
    claim = make_claim(statement="Troops left Morek.", conflict=conflict, status="confirmed", sources=[source])
    page = submitted(site_tree, review_workflow, page_editor,
                     paragraph(f'<a linktype="source" id="{source.pk}">A channel online</a> says '
                               f'<a linktype="claim" id="{claim.pk}">troops left Morek</a>.'), conflict=conflict)

    review = review_of(page, standards_editor)

    assert warning_kinds(review) == ["single_unreliable_source"]
    assert "a channel online" in review["warnings"][0].message


def test_the_review_reads_the_revision_under_review_not_the_live_page(
    site_tree, review_workflow, page_editor, standards_editor, conflict
):
    source = SourceFactory(reliability="B")
    live_claim = make_claim(statement="Live claim.", conflict=conflict, sources=[source])
    draft_claim = make_claim(statement="Draft claim.", conflict=conflict, sources=[source])
    page = make_article(site_tree["news"], conflict=conflict,
                        body=paragraph(f'It was said <a linktype="claim" id="{live_claim.pk}">live</a>.'))
    page.body = paragraph(f'It was said <a linktype="claim" id="{draft_claim.pk}">draft</a>.')
    page.save_revision(user=page_editor)
    review_workflow.start(page, page_editor)

    review = sourcing_review_for_revision(task_state_of(page).revision, user=standards_editor)

    assert review["claims"] == [draft_claim]


def test_figures_the_text_carries_are_listed(site_tree, review_workflow, page_editor, standards_editor, conflict):
    source = SourceFactory(reliability="B")
    figure = make_figure(conflict=conflict, counts="troops", low=10000, high=15000,
                         words="between 10,000 and 15,000", source=source)
    page = submitted(site_tree, review_workflow, page_editor,
                     paragraph("Turkey has between 10,000 and 15,000 troops in Idlib, officials said. "
                               "At least seven soldiers were killed."), conflict=conflict)

    figures = review_of(page, standards_editor)["figures"]

    assert figures["recorded"] == [figure]
    assert figures["unrecorded"] == ["At least seven"]


def test_the_review_screen_hides_confidential_fields_without_the_permission(
    client, site_tree, review_workflow, page_editor, standards_editor, conflict
):
    source = AnonymousSourceFactory(confidential_identity="Colonel Secret", confidential_notes="Signal only")
    claim = make_claim(statement="Troops left Morek.", conflict=conflict, sources=[source])
    page = submitted(site_tree, review_workflow, page_editor,
                     paragraph(f'A source said <a linktype="claim" id="{claim.pk}">troops left Morek</a>.'),
                     conflict=conflict)
    url = reverse("conflicts_sourcing_review", args=[task_state_of(page).pk])
    client.force_login(standards_editor)

    hidden = client.get(url).content.decode()
    standards_editor.user_permissions.add(Permission.objects.get(codename="view_confidential_source"))
    shown = client.get(url).content.decode()

    assert source.public_label in hidden and source.anonymity_reason in hidden
    assert "Colonel Secret" not in hidden and "Signal only" not in hidden
    assert "Colonel Secret" in shown and "Signal only" in shown
    assert list(ModelLogEntry.objects.filter(action=CONFIDENTIAL_VIEW_ACTION).values_list("object_id", "user")) == [
        (str(source.pk), standards_editor.pk),
    ]


def test_the_review_screen_reads_a_fixed_number_of_queries(
    client, site_tree, review_workflow, page_editor, standards_editor, conflict, django_assert_num_queries
):
    def page_with(count, title):
        sources = [AnonymousSourceFactory() for _ in range(count)]
        claims = [make_claim(statement=f"Claim {i}.", conflict=conflict, sources=[s]) for i, s in enumerate(sources)]
        html = " ".join(f'A source said <a linktype="claim" id="{c.pk}">claim {i}</a>.' for i, c in enumerate(claims))
        return submitted(site_tree, review_workflow, page_editor, paragraph(html), conflict=conflict, title=title)

    small, large = page_with(1, "Small"), page_with(4, "Large")
    client.force_login(standards_editor)
    client.get(reverse("conflicts_sourcing_review", args=[task_state_of(small).pk]))
    for page in (small, large):
        url = reverse("conflicts_sourcing_review", args=[task_state_of(page).pk])
        with django_assert_num_queries(REVIEW_SCREEN_QUERIES):
            assert client.get(url).status_code == 200
    assert Source.objects.count() == 5
