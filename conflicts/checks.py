"""System checks: the site names page models the extension can work with, and (deploy) the
settings its guarantees need."""

from django.apps import apps
from django.conf import settings
from django.core import checks
from wagtail.models import Page

from .conf import conflicts_setting
from .models import ArticlePageMixin, ExplainerPageMixin


def _configured_models(setting, mixin, errors):
    for label in conflicts_setting(setting):
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            errors.append(checks.Error(
                f'CONFLICTS["{setting}"] names {label!r}, which is not an installed model.',
                hint='Write "app_label.ModelName" of one of your page models.',
                id="conflicts.E002",
            ))
            continue
        if not (issubclass(model, Page) and issubclass(model, mixin)):
            errors.append(checks.Error(
                f'CONFLICTS["{setting}"] names {label}, which is not a Wagtail page with {mixin.__name__}.',
                hint=f"Declare it as `class {model.__name__}({mixin.__name__}, Page)` "
                     f"(from conflicts.models import {mixin.__name__}).",
                id="conflicts.E003",
            ))


@checks.register()
def page_models_check(app_configs, **kwargs):
    errors = []
    if not conflicts_setting("ARTICLE_PAGE_MODELS"):
        errors.append(checks.Error(
            'CONFLICTS["ARTICLE_PAGE_MODELS"] names no page model.',
            hint='Add CONFLICTS = {"ARTICLE_PAGE_MODELS": ["yourapp.ArticlePage"], ...} to your settings; '
                 "see docs/integrating.md.",
            id="conflicts.E001",
        ))
    _configured_models("ARTICLE_PAGE_MODELS", ArticlePageMixin, errors)
    _configured_models("EXPLAINER_PAGE_MODELS", ExplainerPageMixin, errors)
    return errors


PROCESS_LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache_check(app_configs, **kwargs):
    """Rate limits count in the default cache; one each worker keeps to itself multiplies them."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in PROCESS_LOCAL_CACHES:
        return []
    return [checks.Error(
        f"The default cache ({backend.rsplit('.', 1)[-1]}) is not shared between worker processes, "
        "so partner rate limits and password-reset limits multiply by the number of workers.",
        hint="Set REDIS_URL, e.g. redis://127.0.0.1:6379/0, to a Redis server every worker reaches.",
        id="conflicts.E010",
    )]
