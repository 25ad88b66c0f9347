"""Public pages for claims, places, sources, conflicts and tallies, and the site search."""

from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from . import audience, freshness, page_cache, purges, selectors, structured_data, tallies
from .conf import reporting_models
from .models import Claim, Conflict, Location, Source
from .search import SearchForm, search_results


def merged_redirect(tombstones, public_records):
    """A permanent redirect from a merged record's address to the record kept, when readers may see it."""
    tombstone = tombstones.merged().select_related("merged_into").first()
    if tombstone is None or not public_records.filter(pk=tombstone.merged_into_id).exists():
        raise Http404("No such record.")
    return HttpResponsePermanentRedirect(tombstone.merged_into.get_absolute_url())


def reader_may_revalidate(request):
    """Conditional answers are for anonymous readers' GET and HEAD: an editor's page carries the
    user bar, a preview is a draft."""
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not getattr(request, "is_preview", False)
    )


def unless_unchanged(request, moment_of, parts, render):
    """304 when the reader's copy is of `moment_of()`, before `render()` builds any context; else the
    page with the ETag and Last-Modified to revalidate it with."""
    if not reader_may_revalidate(request):
        return render()
    moment = moment_of()
    return freshness.not_modified(request, moment, *parts) or freshness.mark(render(), moment, *parts)


def serve_unless_unchanged(serve):
    """Wagtail's `on_serve_page` for articles and explainers: an unchanged live page costs no render,
    and a page rendered for the page cache carries the tags of the related lists it shows."""

    def serve_page(page, request, args, kwargs):
        if not isinstance(page, reporting_models()) or not page.live:
            return serve(page, request, args, kwargs)

        def render():
            if page_cache.is_filling(request):
                page_cache.tags_add(request, purges.related_list_tags_shown(page))
            return serve(page, request, args, kwargs)

        return unless_unchanged(
            request, lambda: freshness.page_moment(page, with_related=True), ("page", page.pk), render
        )

    return serve_page


def claim_detail(request, pk):
    claim = audience.public_claims().select_related("conflict").filter(pk=pk).first()
    if claim is None:
        return merged_redirect(Claim.objects.filter(pk=pk), audience.public_claims())
    return unless_unchanged(
        request, lambda: freshness.claim_moment(claim), ("claim", claim.pk), lambda: claim_page(request, claim)
    )


def claim_page(request, claim):
    prefetch_related_objects(
        [claim],
        "places",
        Prefetch("attributions", queryset=selectors.attribution_list_public()),
    )
    context = selectors.claim_page_context(claim, cursor=request.GET.get("before"))
    attributions = list(claim.attributions.all())
    context.update({
        "attributions": attributions,
        "jsonld": structured_data.claim_review(claim, request, attributions=attributions, pages=context["pages"]),
    })
    return TemplateResponse(request, "conflicts/claim_detail.html", context)


def location_detail(request, slug):
    location = get_object_or_404(Location.objects.select_related("parent"), slug=slug)
    if location.merged_into_id:
        return merged_redirect(Location.objects.filter(pk=location.pk), Location.objects.current())
    place_ids = selectors.location_with_descendants(location)

    def render():
        context = {"location": location, **selectors.location_page_context(
            location, place_ids=place_ids, cursor=request.GET.get("before")
        )}
        context["jsonld"] = structured_data.place(location, request)
        return TemplateResponse(request, "conflicts/location_detail.html", context)

    return unless_unchanged(
        request, lambda: freshness.location_moment(location, place_ids), ("place", location.pk), render
    )


def source_detail(request, pk):
    sources = audience.public_sources().only(
        "pk", "public_label", "kind", "is_anonymous", "anonymity_reason", "reliability"
    )
    source = sources.filter(pk=pk).first()
    if source is None:
        return merged_redirect(Source.objects.filter(pk=pk), audience.public_sources())

    def render():
        claims = audience.public_claims().filter(attributions__source=source).distinct().order_by("-status_changed_at")
        return TemplateResponse(request, "conflicts/source_detail.html", {"source": source, "claims": list(claims[:50])})

    return unless_unchanged(request, lambda: freshness.source_moment(source), ("source", source.pk), render)


def conflict_detail(request, slug):
    conflict = get_object_or_404(Conflict, slug=slug)

    def render():
        context = {
            "conflict": conflict, **selectors.conflict_page_context(conflict),
            **tallies.conflict_figures_context(conflict),
        }
        return TemplateResponse(request, "conflicts/conflict_detail.html", context)

    return unless_unchanged(request, lambda: freshness.conflict_moment(conflict), ("conflict", conflict.pk), render)


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
