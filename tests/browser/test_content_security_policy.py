"""Under the real Content Security Policy the page editor, its annotation chooser and the reader
pages with their maps run without a single violation."""

import io

import pytest
from django.core.management import call_command

from conflicts.models import Location, Source
from newsroom.models import ArticlePage
from tests.browser.conftest import admin_login
from tests.browser.test_annotate import editor_of, select_phrase

RECORD_VIOLATIONS = """
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.cspViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} in ${event.sourceFile}:${event.lineNumber}`));
"""


@pytest.fixture
def watched_page(page):
    """The browser page, recording CSP violations and script errors on every document it loads."""
    page.context.add_init_script(RECORD_VIOLATIONS)
    page.script_errors = []
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    return page


def visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    return response


def assert_clean(page, url):
    assert page.evaluate("window.cspViolations") == [], url
    assert page.script_errors == [], url


def test_admin_editor_and_chooser_work_under_the_admin_policy(watched_page):
    page = watched_page
    call_command("load_demo", admin_password="correct-horse-battery", stdout=io.StringIO())
    article = ArticlePage.objects.get()
    source = Source.objects.filter(is_anonymous=True).first()
    admin_login(page, "admin")
    for url in ["/admin/", f"/admin/snippets/conflicts/source/edit/{source.pk}/",
                f"/admin/snippets/conflicts/source/inspect/{source.pk}/", "/admin/reports/site-history/"]:
        visit(page, url)
        assert_clean(page, url)

    editor_url = f"/admin/pages/{article.pk}/edit/"
    visit(page, editor_url)
    select_phrase(page, "twelve in total")
    editor_of(page, "twelve in total").locator("button[name='CLAIM']").click()
    page.locator(".modal-dialog").get_by_role("tab", name="Record the claim").wait_for()
    assert_clean(page, editor_url)


def test_reader_pages_and_maps_work_under_the_public_policy(watched_page):
    page = watched_page
    call_command("load_demo", admin_password="correct-horse-battery", stdout=io.StringIO())
    place = Location.objects.exclude(latitude=None).exclude(geo_precision__in=["region", "country"]).first()
    for url in ["/", ArticlePage.objects.get().url, place.get_absolute_url()]:
        response = visit(page, url)
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        assert_clean(page, url)
    assert page.locator("[data-map] .leaflet-container, [data-map].leaflet-container").count() == 1


def test_the_api_docs_work_without_inline_script(watched_page):
    page = watched_page
    # Redoc's bundle shows a Redocly logo from cdn.redoc.ly and hides it when it cannot load; the
    # policy keeps blocking it so a partner reading the docs is not announced to a third party.
    for url, title, expected in [
        ("/api/v1/docs/", ".swagger-ui .info .title", []),
        ("/api/v1/redoc/", "h1", ["img-src blocked https://cdn.redoc.ly/redoc/logo-mini.svg in :0"]),
    ]:
        response = visit(page, url)
        assert "'unsafe-inline'" not in response.headers["content-security-policy"].split("script-src")[1].split(";")[0]
        assert page.locator(title).first.inner_text().startswith("Conflict Desk partner API"), url
        assert page.evaluate("window.cspViolations") == expected, url
        assert page.script_errors == [], url
