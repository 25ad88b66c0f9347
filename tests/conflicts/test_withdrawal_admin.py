"""The page editor's Withdraw action: shown to, and usable by, holders of the withdrawal permission only."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from conflicts.models import PageTombstone, PageWithdrawal
from tests.factories import UserFactory, make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_editor(site_tree):
    """Edits and publishes every page, without the withdrawal permission."""
    group = Group.objects.create(name="Page editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for permission_type in ("add", "change", "publish"):
        GroupPagePermission.objects.create(group=group, page=site_tree["home"], permission_type=permission_type)
    user = UserFactory()
    user.groups.add(group)
    return user


@pytest.fixture
def standards_editor(page_editor):
    page_editor.user_permissions.add(Permission.objects.get(codename="withdraw_page"))
    return type(page_editor).objects.get(pk=page_editor.pk)


def test_the_withdraw_action_is_offered_only_with_the_permission(client, site_tree, page_editor):
    article = make_article(site_tree["news"], title="Morek families")
    client.force_login(page_editor)
    edit = client.get(f"/admin/pages/{article.pk}/edit/")
    assert edit.status_code == 200
    withdraw_link = f'href="/admin/pages/{article.pk}/withdraw/"'.encode()
    assert withdraw_link not in edit.content
    # Wagtail's admin answers a refusal by sending the user to the dashboard with a message.
    for response in (client.get(f"/admin/pages/{article.pk}/withdraw/"),
                     client.post(f"/admin/pages/{article.pk}/withdraw/", {"reason": "Injunction."})):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    article.refresh_from_db()
    assert article.live is True
    assert not PageWithdrawal.objects.exists()

    page_editor.user_permissions.add(Permission.objects.get(codename="withdraw_page"))
    edit = client.get(f"/admin/pages/{article.pk}/edit/")
    assert withdraw_link in edit.content
    assert b"Withdraw (legal or safety)" in edit.content


def test_withdrawing_from_the_admin_records_the_reason_and_the_editor(client, site_tree, standards_editor):
    article = make_article(site_tree["news"], title="Morek families")
    client.force_login(standards_editor)
    assert client.get(f"/admin/pages/{article.pk}/withdraw/").status_code == 200

    response = client.post(f"/admin/pages/{article.pk}/withdraw/", {"reason": "Injunction 2026/118."})

    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{article.pk}/edit/"
    withdrawal = PageWithdrawal.objects.get()
    assert (withdrawal.page_id, withdrawal.reason, withdrawal.withdrawn_by) == (
        article.pk, "Injunction 2026/118.", standards_editor
    )
    article.refresh_from_db()
    assert article.live is False
    assert PageTombstone.objects.get().reason == "withdrawn"
    history = client.get(f"/admin/pages/{article.pk}/history/").content.decode()
    assert "Withdrawn (legal or safety)" in history


def test_a_withdrawal_without_a_reason_is_refused_and_the_story_stays_live(client, site_tree, standards_editor):
    article = make_article(site_tree["news"], title="Morek families")
    client.force_login(standards_editor)
    response = client.post(f"/admin/pages/{article.pk}/withdraw/", {"reason": "  "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    article.refresh_from_db()
    assert article.live is True
    assert not PageWithdrawal.objects.exists()
