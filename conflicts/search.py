"""Site search across articles, explainers, claims and places (Wagtail search, database backend)."""

import re

from django import forms
from wagtail.search.backends import get_search_backend

from .audience import public_claims
from .conf import article_models, explainer_models
from .models import Conflict, Location

TYPES = [("", "Everything"), ("article", "Articles"), ("explainer", "Explainers"), ("claim", "Claims"), ("place", "Places")]
PER_TYPE = 50


class SearchForm(forms.Form):
    q = forms.CharField(label="Search", max_length=200, required=False)
    type = forms.ChoiceField(choices=TYPES, required=False)
    conflict = forms.ModelChoiceField(
        Conflict.objects.order_by("name"), required=False, to_field_name="slug", empty_label="All conflicts"
    )


def search_terms(text):
    """The words of a query: punctuation means nothing to a news search and some of it is syntax to
    the database's full-text engine (a stray double quote is an error in SQLite's FTS5)."""
    return " ".join(re.findall(r"\w+", text))[:200]


def search_results(*, q, type="", conflict=None):
    """[(kind, object)] best first within each kind, articles, explainers, claims, then places."""
    q = search_terms(q)
    if not q:
        return []
    backend = get_search_backend()
    results = []
    for kind, models in (("article", article_models()), ("explainer", explainer_models())):
        if type not in ("", kind):
            continue
        found = []
        for model in models:
            pages = model.objects.live().public()
            if conflict:
                pages = pages.filter(conflict=conflict)
            found += backend.search(q, pages)[:PER_TYPE]
        results += [(kind, page) for page in found[:PER_TYPE]]
    if type in ("", "claim"):
        claims = public_claims().select_related("conflict")
        if conflict:
            claims = claims.filter(conflict=conflict)
        matches = list(backend.search(q, claims.model.objects.select_related("conflict"))[:PER_TYPE * 2])
        # Which of the best matches are public, asked of those matches only (never every public claim).
        allowed = set(claims.filter(pk__in=[claim.pk for claim in matches]).values_list("pk", flat=True))
        results += [("claim", claim) for claim in matches if claim.pk in allowed][:PER_TYPE]
    if type in ("", "place"):
        places = Location.objects.select_related("parent")
        allowed = set(conflict.locations.values_list("pk", flat=True)) if conflict else None
        matches = backend.search(q, places)[:PER_TYPE * 2]
        results += [
            ("place", place) for place in matches
            if not place.merged_into_id and (allowed is None or place.pk in allowed)
        ][:PER_TYPE]
    return results
