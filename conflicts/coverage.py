"""The site's articles and explainers as querysets, whatever page models carry them.

A site may name several article-like and explainer-like page models (CONFLICTS). Lists are one
Page queryset matched by an EXISTS subquery per model, so a filter on a field the models share
(conflict, places, dateline_place) works across all of them; `specific_pages()` then loads the
page objects of a slice with one query per model present, whatever the length of the slice.
"""

from collections import defaultdict

from django.db.models import Exists, OuterRef, Q
from wagtail.models import Page

from .conf import article_models, explainer_models


def pages_of(models, *conditions, **filters):
    """Pages of any of `models` matching the conditions on the models' own shared fields."""
    if not models:
        return Page.objects.none()
    # One correlated EXISTS per model: a page is probed through its own model's primary key,
    # where `IN (…) OR IN (…)` would make PostgreSQL hash every page of every model first.
    matching = Q()
    for model in models:
        matching |= Exists(model.objects.filter(*conditions, pk=OuterRef("pk"), **filters))
    return Page.objects.filter(matching)


def articles(*conditions, **filters):
    return pages_of(article_models(), *conditions, **filters)


def explainers(*conditions, **filters):
    return pages_of(explainer_models(), *conditions, **filters)


def specific_pages(pages, *, select=(), prefetch=()):
    """The specific objects of `pages` (a sliced queryset or a list), in the same order.

    Loaded per page model with `select_related(*select)` and `prefetch_related(*prefetch)`, so a
    list costs one query plus one per model present (and its prefetches), whatever its length.
    """
    pages = list(pages)
    ids_by_model = defaultdict(list)
    for page in pages:
        ids_by_model[page.specific_class].append(page.pk)
    loaded = {}
    for model, ids in ids_by_model.items():
        if model is None:
            continue
        queryset = model.objects.filter(pk__in=ids)
        shared = {field.name for field in model._meta.get_fields()}
        queryset = queryset.select_related(*[name for name in select if name in shared])
        queryset = queryset.prefetch_related(*[name for name in prefetch if name.split("__")[0] in shared])
        loaded.update({page.pk: page for page in queryset})
    return [loaded[page.pk] for page in pages if page.pk in loaded]


def pointed_to_by(models, pages, field):
    """A condition on the related model: pointed to by `field` (a foreign key or many-to-many the
    models share) from any of `pages`."""
    condition = Q(pk__in=[])
    for model in models:
        condition |= Exists(model.objects.filter(**{field: OuterRef("pk")}, pk__in=pages.values("pk")))
    return condition
