"""Public pages for claims, places, sources and conflicts."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from .models import Claim, Conflict, Location, Source
from .selectors import claim_queryset_with_sources


def claim_detail(request, pk):
    claim = get_object_or_404(claim_queryset_with_sources().prefetch_related("places"), pk=pk)
    return TemplateResponse(
        request,
        "conflicts/claim_detail.html",
        {"claim": claim, "status_changes": list(claim.status_changes.all())},
    )


def location_detail(request, slug):
    location = get_object_or_404(Location.objects.select_related("parent"), slug=slug)
    return TemplateResponse(request, "conflicts/location_detail.html", {"location": location})


def source_detail(request, pk):
    source = get_object_or_404(Source.objects.only("pk", "public_label", "kind", "is_anonymous", "anonymity_reason", "reliability"), pk=pk)
    return TemplateResponse(request, "conflicts/source_detail.html", {"source": source})


def conflict_detail(request, slug):
    conflict = get_object_or_404(Conflict, slug=slug)
    return TemplateResponse(request, "conflicts/conflict_detail.html", {"conflict": conflict})
