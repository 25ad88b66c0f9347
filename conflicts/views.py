"""Public pages for claims, places, sources, conflicts and tallies, and the site search."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from . import audience, selectors, structured_data, tallies
from .models import ClaimAttribution, Conflict, Location
from .search import SearchForm, search_results


def claim_detail(request, pk):
    claims = audience.public_claims().select_related("conflict").prefetch_related(
        "places",
        Prefetch("attributions", queryset=ClaimAttribution.objects.select_related("source").order_by("sort_order")),
    )
    claim = get_object_or_404(claims, pk=pk)
    context = selectors.claim_page_context(claim)
    attributions = list(claim.attributions.all())
    context.update({
        "attributions": attributions,
        "jsonld": structured_data.claim_review(claim, request, attributions=attributions, pages=context["pages"]),
    })
    return TemplateResponse(request, "conflicts/claim_detail.html", context)


def location_detail(request, slug):
    location = get_object_or_404(Location.objects.select_related("parent"), slug=slug)
    context = {"location": location, **selectors.location_page_context(location)}
    context["jsonld"] = structured_data.place(location, request)
    return TemplateResponse(request, "conflicts/location_detail.html", context)


def source_detail(request, pk):
    sources = audience.public_sources().only(
        "pk", "public_label", "kind", "is_anonymous", "anonymity_reason", "reliability"
    )
    source = get_object_or_404(sources, pk=pk)
    claims = audience.public_claims().filter(attributions__source=source).distinct().order_by("-status_changed_at")
    return TemplateResponse(request, "conflicts/source_detail.html", {"source": source, "claims": list(claims[:50])})


def conflict_detail(request, slug):
    conflict = get_object_or_404(Conflict, slug=slug)
    context = {
        "conflict": conflict, **selectors.conflict_page_context(conflict), **tallies.conflict_figures_context(conflict),
    }
    return TemplateResponse(request, "conflicts/conflict_detail.html", context)


def tally_detail(request, pk):
    tally = get_object_or_404(tallies.tally_queryset(), pk=pk)
    context = {"tally": tally, "shown": tallies.tally_page_context(tally)}
    return TemplateResponse(request, "conflicts/tally_detail.html", context)


def search(request):
    form = SearchForm(request.GET or None)
    results, page = [], None
    if form.is_valid() and form.cleaned_data["q"]:
        results = search_results(**form.cleaned_data)
        page = Paginator(results, 20).get_page(request.GET.get("page"))
    return TemplateResponse(
        request, "conflicts/search.html", {"form": form, "page_obj": page, "result_count": len(results)}
    )
