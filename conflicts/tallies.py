"""Reads for the tally and conflict pages: public tallies with each source's figures, drawn, and
the conflict's timeline by event time. Only public records, as conflicts.audience defines them."""

from django.db.models import Min, Prefetch

from .audience import public_claims, public_figures, public_tallies
from .models import Figure, FigureStatusChange
from .tally_chart import figures_range, tally_chart


def tally_queryset():
    """Public tallies with their conflict, used figure and figures (with sources) in three queries."""
    figures = Figure.objects.select_related("source").only(
        *[field.name for field in Figure._meta.concrete_fields], "source__public_label", "source__kind",
    ).order_by("event_start", "pk")
    return public_tallies().select_related("conflict").prefetch_related(Prefetch("figures", queryset=figures))


def tally_shown(tally, reported):
    """One tally as the pages show it: figures in time order, the range, the figure used, the chart."""
    figures = list(tally.figures.all())
    return {
        "tally": tally,
        "figures": [
            {"figure": figure, "reported_at": reported.get(figure.pk), "used": figure.pk == tally.used_figure_id}
            for figure in figures
        ],
        "range": figures_range(figures),
        "used_figure": next((figure for figure in figures if figure.pk == tally.used_figure_id), None),
        "chart": tally_chart(tally, figures, reported),
    }


def figures_reported_at(figure_ids):
    """When each figure was first recorded (its first history row), in one query."""
    rows = FigureStatusChange.objects.filter(figure_id__in=figure_ids).values("figure_id").annotate(at=Min("changed_at"))
    return {row["figure_id"]: row["at"] for row in rows}


def tallies_shown(tallies):
    tallies = list(tallies)
    reported = figures_reported_at([figure.pk for tally in tallies for figure in tally.figures.all()])
    return [tally_shown(tally, reported) for tally in tallies]


def tally_page_context(tally):
    return tallies_shown([tally])[0]


TALLIES_ON_CONFLICT_PAGE = 10


def conflict_figures_context(conflict):
    """The conflict's latest public tallies (TALLIES_ON_CONFLICT_PAGE, each with its own page), drawn,
    and its timeline of claims and figures by event time: the page is the same size whatever the
    number of tallies."""
    tallies = tally_queryset().filter(conflict=conflict).order_by("-event_start", "name", "pk")
    return {
        "tallies": tallies_shown(tallies[:TALLIES_ON_CONFLICT_PAGE]),
        "timeline": conflict_timeline(conflict),
    }


TIMELINE_LENGTH = 100


def conflict_timeline(conflict):
    """Public claims and figures of the conflict that say when they happened, oldest event first.

    Each entry keeps its precision: "October 2020" sorts at the start of the month and reads as a
    month, never as 1 October.
    """
    claims = public_claims().filter(conflict=conflict, event_start__isnull=False).only(
        "pk", "statement", "status", "event_start", "event_end", "event_precision", "conflict_id",
    )
    figures = public_figures().filter(conflict=conflict, event_start__isnull=False).select_related(
        "source", "tally"
    ).only(*[field.name for field in Figure._meta.concrete_fields], "source__public_label", "tally__is_published")
    entries = [{"kind": "claim", "record": claim} for claim in claims.order_by("event_start", "pk")[:TIMELINE_LENGTH]]
    entries += [{"kind": "figure", "record": figure}
                for figure in figures.order_by("event_start", "pk")[:TIMELINE_LENGTH]]
    entries.sort(key=lambda entry: (entry["record"].event_start, entry["kind"], entry["record"].pk))
    return entries[:TIMELINE_LENGTH]
