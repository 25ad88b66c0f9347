"""Record search for the admin's autocomplete widgets and listing filters: labels readers may see, for
users who may use the records."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import path
from wagtail.permissions import policy_registry
from wagtail.search.backends import get_search_backend

from .models import Claim, Conflict, Location, Source, Tally
from .spans import mergeable
from .widgets import RecordAutocomplete

AUTOCOMPLETE_MODELS = {"conflict": Conflict, "source": Source, "place": Location, "claim": Claim, "tally": Tally}
MATCHES = 20


def record_autocomplete(request, kind):
    """Up to MATCHES records whose name starts like the query (`q`): their id and public label."""
    model = AUTOCOMPLETE_MODELS[kind]
    if not policy_registry.get_by_type(model).user_has_any_permission(request.user, ["add", "change", "view"]):
        raise PermissionDenied
    query = request.GET.get("q", "").strip()[:200]
    choosable = _choosable(model)
    records = choosable.order_by("pk")
    if query:
        records = get_search_backend().autocomplete(query, choosable)
    return JsonResponse({"results": [{"id": record.pk, "label": str(record)} for record in records[:MATCHES]]})


def _choosable(model):
    """Records an editor may tie to another: never the tombstone of a merged duplicate."""
    objects = model.objects.all()
    return objects.current() if mergeable(model) else objects


def autocomplete_url_name(kind):
    return f"conflicts_autocomplete_{kind}"


def record_filter(kind, **kwargs):
    """A listing filter on one record found by typing: the filter form lists no records."""
    return django_filters.ModelChoiceFilter(
        queryset=AUTOCOMPLETE_MODELS[kind].objects.all(), widget=RecordAutocomplete(autocomplete_url_name(kind)),
        **kwargs,
    )


urlpatterns = [
    path(f"conflicts/autocomplete/{kind}/", record_autocomplete, {"kind": kind}, name=autocomplete_url_name(kind))
    for kind in AUTOCOMPLETE_MODELS
]
