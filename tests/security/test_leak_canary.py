"""Confidential source data never leaves the newsroom: not on any public page, feed, search
result, error page, partner API response, log line, unprivileged admin screen, nor in the
database in plain text.

A unique canary is planted in every confidential field of the demo sources, then every
surface is requested and searched for it. `test_the_canary_catches_a_planted_leak` shows
the check failing when a field is deliberately exposed.
"""

import io
import logging
import os
import subprocess

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse
from rest_framework import serializers

from conflicts.models import Source
from tests.factories import UserFactory
from tests.security.canary import Canary, alternate_links, concrete_paths, sitemap_paths

ARTICLE_PATH = "/news/turkey-withdraw-idlib-observation-posts/"

# Committed transactions, so the PostgreSQL dump sees the data; the serialized rollback
# restores Wagtail's root page and locale for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def canary():
    call_command("load_demo", admin_password="canary-demo-password", stdout=io.StringIO())
    canary = Canary()
    canary.plant()
    return canary


@pytest.fixture
def captured_logs(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


def unprivileged_editor():
    from django.contrib.auth.models import Group

    editor = UserFactory(username="canary-editor")
    editor.groups.add(Group.objects.get(name="Conflict desk editors"), *Group.objects.filter(name="Editors"))
    assert not editor.has_perm("conflicts.view_confidential_source")
    return editor


def public_paths(client, canary):
    paths = set(sitemap_paths(client))
    assert ARTICLE_PATH in paths, "the sitemap must list the demo article"
    for path in list(paths):
        if path.rstrip("/").count("/") <= 2:
            html = client.get(path).content.decode()
            paths.update(link for link in alternate_links(html) if link.startswith("/"))
    labels = list(Source.objects.values_list("public_label", flat=True))
    for query in [canary.token, *labels]:
        paths.add(f"/search/?q={query}")
    paths.add(f"/no-such-page-{canary.token}/")
    paths.add(f"/sources/{Source.objects.first().pk}/")
    return sorted(paths)


def test_canary_appears_nowhere_public_or_unprivileged(canary, captured_logs, capsys):
    anonymous = Client()
    for path in public_paths(anonymous, canary):
        response = anonymous.get(path)
        assert response.status_code in (200, 301, 302, 404), (path, response.status_code)
        canary.check_response(f"public {path}", response)

    server_error = RequestFactory().get("/")
    from django.views.defaults import server_error as handler500

    canary.check("500 page", handler500(server_error).content)

    check_admin_as_editor(canary)
    check_sourcing_review_as_standards_editor(canary)
    check_partner_api(canary)

    canary.check("application log records", "\n".join(r.getMessage() for r in captured_logs.records))
    out, err = capsys.readouterr()
    canary.check("stdout/stderr", out + err)
    assert len(canary.checked) > 40


def check_admin_as_editor(canary):
    from newsroom.models import ArticlePage

    editor = unprivileged_editor()
    client = Client()
    client.force_login(editor)
    article = ArticlePage.objects.get()
    paths = [reverse("wagtailsnippets_conflicts_source:list")]
    for source in Source.objects.all():
        for view in ["edit", "inspect", "history", "usage", "delete"]:
            paths.append(reverse(f"wagtailsnippets_conflicts_source:{view}", args=[source.pk]))
    for claim_pk in article.annotations.filter(kind="claim").values_list("claim_id", flat=True)[:3]:
        paths.append(reverse("wagtailsnippets_conflicts_claim:edit", args=[claim_pk]))
        paths.append(reverse("wagtailsnippets_conflicts_claim:inspect", args=[claim_pk]))
    paths += [
        reverse("wagtailsnippetchoosers_conflicts_source:choose"),
        reverse("annotation_source_chooser:choose"),
        reverse("annotation_source_chooser:choose_results") + "?q=source",
        reverse("annotation_claim_chooser:choose"),
        reverse("annotation_claim_chooser:choose_results") + "?q=Turkey",
        reverse("wagtailsnippetchoosers_conflicts_source:choose_results") + "?q=source",
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        reverse("wagtailadmin_pages:history", args=[article.pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[article.pk]),
        reverse("wagtailadmin_pages:search") + f"?q={canary.token}",
        reverse("wagtailadmin_pages:search") + "?q=security",
        reverse("wagtailadmin_reports:site_history"),
    ]
    revision = article.latest_revision
    paths.append(reverse("wagtailadmin_pages:revisions_compare", args=[article.pk, "live", revision.pk]))
    for path in paths:
        response = client.get(path)
        assert response.status_code in (200, 302, 403), (path, response.status_code)
        canary.check_response(f"admin (editor) {path}", response, admin=True)

    anonymous = Client()
    preview = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    canary.check_response(f"preview as anonymous {preview}", anonymous.get(preview))


def check_sourcing_review_as_standards_editor(canary):
    """A standards editor without the confidential permission reviews the demo article's sourcing."""
    from django.contrib.auth.models import Group

    from newsroom.models import ArticlePage

    reviewer = UserFactory(username="canary-standards")
    reviewer.groups.add(*Group.objects.filter(name__in=["Conflict desk editors", "Standards editors"]))
    assert reviewer.has_perm("conflicts.review_sourcing") and not reviewer.has_perm("conflicts.view_confidential_source")
    article = ArticlePage.objects.get()
    article.save_revision()
    task_state = article.get_workflow().start(article, None).current_task_state
    client = Client()
    client.force_login(reviewer)
    review = client.get(reverse("conflicts_sourcing_review", args=[task_state.pk]))
    assert review.status_code == 200 and b"a security source" in review.content
    canary.check_response("admin (standards editor) sourcing review", review, admin=True)
    for action in ["approve", "reject"]:
        url = reverse("wagtailadmin_pages:collect_workflow_action_data", args=[article.pk, action, task_state.pk])
        modal = client.get(url, headers={"x-requested-with": "XMLHttpRequest"})
        assert modal.status_code == 200
        canary.check(f"admin (standards editor) {action} modal", modal.json()["html"], admin=True)


def check_partner_api(canary):
    try:
        from conflicts.models import Partner
        from conflicts.services.partners import partner_key_issue
    except ImportError:
        pytest.fail("The partner API is part of the leak check: conflicts.services.partners is missing")
    partner = Partner.objects.get(name="Demo Partner")
    key = partner_key_issue(partner=partner, by=None)
    key = getattr(key, "plaintext", key)
    if isinstance(key, tuple):
        key = next(part for part in key if isinstance(part, str))
    client = Client(HTTP_AUTHORIZATION=f"Api-Key {key}")
    schema = client.get("/api/v1/schema/", {"format": "json"})
    assert schema.status_code == 200
    canary.check_response("api schema", schema)
    for path in schema.json()["paths"]:
        for concrete in concrete_paths(path):
            for fmt in ["json", "ninjs", "geojson", "api"]:
                response = client.get(concrete, {"format": fmt})
                assert response.status_code < 500, (concrete, fmt, response.status_code)
                canary.check_response(f"api {concrete}?format={fmt}", response)
            response = client.get(concrete, {"q": canary.token})
            canary.check_response(f"api {concrete}?q=canary", response)


def test_canary_is_not_in_the_database_in_plain_text(canary):
    if connection.vendor == "sqlite":
        dump = "\n".join(connection.connection.iterdump())
        assert "conflicts_source" in dump
    else:
        settings_dict = connection.settings_dict
        result = subprocess.run(
            ["pg_dump", "--data-only", "-h", settings_dict["HOST"] or "127.0.0.1",
             "-p", str(settings_dict["PORT"] or 5432), "-U", settings_dict["USER"], settings_dict["NAME"]],
            capture_output=True, text=True, env={**os.environ, "PGPASSWORD": settings_dict["PASSWORD"] or ""},
            check=True,
        )
        dump = result.stdout
        assert "conflicts_source" in dump
    canary.check("database dump", dump)
    assert Source.objects.filter(is_anonymous=True).first().confidential_identity.startswith(canary.token)


class LeakySourceSerializer(serializers.ModelSerializer):
    """A deliberately wrong serializer that exposes a confidential field."""

    class Meta:
        model = Source
        fields = ["id", "public_label", "confidential_identity"]


def test_the_canary_catches_a_planted_leak(canary):
    leaked = LeakySourceSerializer(Source.objects.all(), many=True).data
    from rest_framework.renderers import JSONRenderer

    with pytest.raises(AssertionError, match="Confidential source data leaked in planted serializer"):
        canary.check("planted serializer", JSONRenderer().render(leaked))
