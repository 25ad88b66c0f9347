"""The Content Security Policy: the site's own scripts and styles, the configured map tiles, and the
admin's extras on its paths only."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from newsroom.settings import csp_tile_sources
from tests.factories import make_article

ROOT = Path(__file__).resolve().parents[2]


def directives(response):
    return {part.split()[0]: part.split()[1:] for part in response["Content-Security-Policy"].split("; ")}


@pytest.mark.parametrize(
    ("template", "sources"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", ["https://tile.openstreetmap.org"]),
        ("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png", ["https://*.tile.openstreetmap.org"]),
        ("http://tiles.newsroom.internal:8080/{z}/{x}/{y}.png", ["http://tiles.newsroom.internal:8080"]),
        ("/tiles/{z}/{x}/{y}.png", []),
    ],
)
def test_images_are_allowed_from_the_tile_server_a_template_names(template, sources):
    assert csp_tile_sources(template) == sources


def test_the_map_tile_url_setting_reaches_the_policy_and_the_maps():
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "1", "MAP_TILE_URL": "https://{s}.tiles.example.net/{z}/{x}/{y}.png"}
    code = (
        "from django.conf import settings; from conflicts.conf import conflicts_setting; "
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']); print(conflicts_setting('MAP_TILE_URL'))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "[\"'self'\", 'data:', 'https://*.tiles.example.net']",
        "https://{s}.tiles.example.net/{z}/{x}/{y}.png",
    ]


def test_public_pages_allow_nothing_inline_and_nothing_from_elsewhere_but_tiles(client, site_tree):
    make_article(site_tree["news"], title="Withdrawal")
    for url in ["/", "/news/withdrawal/", "/healthz"]:
        policy = directives(client.get(url))
        assert policy["default-src"] == policy["script-src"] == policy["style-src"] == ["'self'"]
        assert policy["img-src"] == ["'self'", "data:", "https://tile.openstreetmap.org"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == policy["form-action"] == ["'self'"]
        assert not [value for values in policy.values() for value in values if "unsafe" in value]


def test_the_admin_extras_are_inline_scripts_and_styles_only(client, superuser):
    client.force_login(superuser)
    for url in ["/admin/login/", "/admin/"]:
        policy = directives(client.get(url))
        assert policy["script-src"] == policy["style-src"] == ["'self'", "'unsafe-inline'"]
        assert policy["img-src"] == ["'self'", "data:", "https://tile.openstreetmap.org", "blob:"]
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'self'"]
        assert "'unsafe-eval'" not in client.get(url)["Content-Security-Policy"]


@override_settings(DEBUG=False)
def test_paths_that_merely_start_like_the_admin_get_the_public_policy(client, site_tree):
    response = client.get("/administrator/")
    assert response.status_code == 404
    assert directives(response)["script-src"] == ["'self'"]


def test_the_api_docs_get_inline_styles_but_no_inline_script(client, db):
    for url in ["/api/v1/docs/", "/api/v1/redoc/"]:
        response = client.get(url)
        assert response.status_code == 200
        policy = directives(response)
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'", "'unsafe-inline'"], url
        assert policy["img-src"] == ["'self'", "data:", "https://tile.openstreetmap.org"], url
        assert policy["worker-src"] == ["'self'", "blob:"], url
        html = response.content.decode()
        assert "<script>" not in html and "fonts.googleapis.com" not in html, url
