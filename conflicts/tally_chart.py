"""A tally drawn without JavaScript: each source's figures over time as SVG coordinates, and the
range across sources. Templates draw what this returns; the table beside the chart gives the same
numbers, so the chart only repeats what readers can read."""

from dataclasses import dataclass, field
from datetime import date

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 72, 16, 16, 40
SERIES_CLASSES = 6
# Sources side by side: figures of the same date from different sources stay apart.
DODGE = 14


@dataclass
class Point:
    figure: object
    on: date
    x: float
    y: float
    y_low: float
    y_high: float
    used: bool


@dataclass
class Series:
    label: str
    css_class: str
    points: list = field(default_factory=list)

    @property
    def path(self):
        return " ".join(f"{'M' if i == 0 else 'L'}{p.x:.1f},{p.y:.1f}" for i, p in enumerate(self.points))


def figures_range(figures):
    """The lowest and highest number any of the figures gives; None where none gives one."""
    numbers = [n for figure in figures for n in (figure.low, figure.best, figure.high) if n is not None]
    return {"low": min(numbers, default=None), "high": max(numbers, default=None)}


def figure_value(figure):
    """Where a figure sits on the chart: its best number, else the middle of what it gives."""
    if figure.best is not None:
        return figure.best
    given = [n for n in (figure.low, figure.high) if n is not None]
    return sum(given) / len(given) if given else None


def figure_date(figure, reported):
    """When a figure stands on the time axis: the event it counts, else when the desk recorded it."""
    return figure.event_start or (reported.get(figure.pk).date() if reported.get(figure.pk) else None)


def tally_chart(tally, figures, reported):
    """Series per source (in order of first figure), axis ticks, and the viewBox size.

    `reported` maps figure ids to when they were first recorded; figures without a number or a
    date are left off the chart (they stay in the table).
    """
    placed = [(f, figure_date(f, reported), figure_value(f)) for f in figures]
    placed = sorted([p for p in placed if p[1] and p[2] is not None], key=lambda p: (p[1], p[0].pk))
    if not placed:
        return None
    top = max(max(n for n in (f.high, f.best, f.low, value) if n is not None) for f, _on, value in placed)
    top = _nice_ceiling(top)
    first, last = placed[0][1], placed[-1][1]
    span = max((last - first).days, 1)
    width, height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(on):
        return LEFT + (width / 2 if first == last else width * (on - first).days / span)

    def y_of(number):
        return TOP + height * (1 - number / top)

    def label_of(figure):
        return figure.source.public_label if figure.source_id else "No source given"

    labels = list(dict.fromkeys(label_of(figure) for figure, _on, _value in placed))
    series = {label: Series(label, f"tally-series-{index % SERIES_CLASSES}") for index, label in enumerate(labels)}
    for figure, on, value in placed:
        label = label_of(figure)
        dodge = (labels.index(label) - (len(labels) - 1) / 2) * DODGE
        low = figure.low if figure.low is not None else value
        high = figure.high if figure.high is not None else value
        series[label].points.append(Point(figure, on, x_of(on) + dodge, y_of(value), y_of(low), y_of(high),
                                          figure.pk == tally.used_figure_id))
    ticks = [{"y": y_of(top * i / 4), "label": f"{round(top * i / 4):,}"} for i in range(5)]
    dates = [{"x": x_of(on), "label": on} for on in sorted({first, last})]
    return {
        "width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "top": TOP,
        "bottom": HEIGHT - BOTTOM, "series": list(series.values()), "ticks": ticks, "dates": dates,
    }


def _nice_ceiling(number):
    """The axis top: 1, 2, 2.5 or 5 times a power of ten, at or above `number`."""
    magnitude = 1
    while magnitude * 10 <= number:
        magnitude *= 10
    for step in (1, 2, 2.5, 5, 10):
        if number <= step * magnitude:
            return step * magnitude
    return 10 * magnitude
