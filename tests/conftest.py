"""Fixtures shared by the whole suite."""

import pytest
from django.contrib.auth.models import Group, Permission

from tests.factories import UserFactory, make_site_tree


@pytest.fixture
def site_tree(db):
    home, news, explainers = make_site_tree()
    return {"home": home, "news": news, "explainers": explainers}


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def editor(db):
    """An admin user who edits every conflicts record but lacks the confidential-source permission."""
    user = UserFactory()
    group, _ = Group.objects.get_or_create(name="Test editors")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["conflicts", "newsroom", "wagtailcore"],
        ).exclude(codename="view_confidential_source")
        | Permission.objects.filter(codename="access_admin")
    )
    user.groups.add(group)
    return user


@pytest.fixture
def source_protector(editor):
    """An editor who also holds the confidential-source permission."""
    editor.user_permissions.add(Permission.objects.get(codename="view_confidential_source"))
    return type(editor).objects.get(pk=editor.pk)
