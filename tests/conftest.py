"""Fixtures shared by the whole suite."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from conflicts.models import Partner
from conflicts.services.partners import partner_key_issue
from tests.factories import ConflictFactory, UserFactory, make_site_tree


@pytest.fixture
def site_tree(db):
    home, news, explainers = make_site_tree()
    return {"home": home, "news": news, "explainers": explainers}


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def editor(db):
    """An admin user who edits every conflicts record but lacks the confidential-source and withdrawal permissions."""
    user = UserFactory()
    group, _ = Group.objects.get_or_create(name="Test editors")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["conflicts", "newsroom", "wagtailcore"],
        ).exclude(codename__in=["view_confidential_source", "withdraw_page"])
        | Permission.objects.filter(codename="access_admin")
    )
    user.groups.add(group)
    return user


@pytest.fixture
def source_protector(editor):
    """An editor who also holds the confidential-source permission."""
    editor.user_permissions.add(Permission.objects.get(codename="view_confidential_source"))
    return type(editor).objects.get(pk=editor.pk)



@pytest.fixture
def conflict(db):
    return ConflictFactory(name="Syrian war: Idlib", slug="idlib")


@pytest.fixture
def partner(conflict):
    """A partner outlet allowed the Idlib conflict."""
    partner = Partner.objects.create(name="Partner Outlet", rate_limit="1000/minute")
    partner.conflicts.set([conflict])
    partner.save()
    return partner


@pytest.fixture
def partner_key(partner):
    return partner_key_issue(partner=partner)[1]


@pytest.fixture
def client_for(partner_key):
    """A test client sending the partner's API key."""
    return Client(HTTP_AUTHORIZATION=f"Api-Key {partner_key}")


@pytest.fixture(autouse=True)
def _post_migrate_data(request):
    """Content types and permissions for every transactional test, as after `migrate`.

    A transactional test flushes the database when it ends and serialized_rollback should
    put the migrated data back; a browser test run right after a transactional test of
    another module was seen to start with an empty SQLite database all the same, so the
    data `migrate` creates is recreated here when it is missing.
    """
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    request.getfixturevalue("transactional_db")
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.sql import emit_post_migrate_signal

    if not ContentType.objects.exists():
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
