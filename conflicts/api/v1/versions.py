"""When each partner representation last changed, as SQL read with the ids of a list's page or a detail.

A version is the latest `updated_at` (`last_published_at` for a page) of every record the
representation shows, the same records the representation loads; a claim's status change, a
source's or place's edit saves the record, so it moves the version of everything showing it. Views
validate conditional requests and look representations up in the cache by these versions before
any record is loaded or serialized.
"""

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest

from ...freshness import latest
from ...models import Figure, Location, Source


def newest(own, *parts):
    """The latest of `own` (never null) and `parts` (each may be null: a missing dateline, a claim
    without places). Each part falls back to `own`, since SQLite's MAX() is null when any argument is."""
    return Greatest(own, *(Coalesce(part, own) for part in parts))


def _places(model, outer="pk"):
    """The latest of the places of `model`'s many-to-many `places`, for the row at OuterRef(outer)."""
    field = model._meta.get_field("places")
    rows = field.remote_field.through.objects.filter(**{field.m2m_field_name(): OuterRef(outer)})
    return latest(rows, f"{field.m2m_reverse_field_name()}__updated_at")


def claim():
    """A claim: its status and history, conflict, places and the sources that say it."""
    return newest(
        F("updated_at"),
        F("conflict__updated_at"),
        latest(Location.objects.filter(claims=OuterRef("pk"))),
        latest(Source.objects.filter(attributions__claim=OuterRef("pk"))),
    )


def page(models):
    """An article or explainer in a list: its published fields, conflict, dateline and places, read
    from whichever of `models` (the site's page models) the page is."""
    specific = []
    for model in models:
        fields = {field.name for field in model._meta.get_fields()}
        parts = [F("conflict__updated_at"), _places(model)]
        if "dateline_place" in fields:
            parts.append(F("dateline_place__updated_at"))
        row = model.objects.filter(pk=OuterRef("pk")).annotate(version=newest(F("last_published_at"), *parts))
        specific.append(Subquery(row.values("version")[:1]))
    return Coalesce(*specific, F("last_published_at")) if specific else F("last_published_at")


def figure():
    """A figure: its numbers and status history, conflict, source and places."""
    return newest(F("updated_at"), F("conflict__updated_at"), F("source__updated_at"), _places(Figure))


def tally():
    """A tally: its own fields, conflict, and each of its figures with their sources and places."""
    figures = Figure.objects.filter(tally=OuterRef("pk"))
    return newest(
        F("updated_at"),
        F("conflict__updated_at"),
        latest(figures),
        latest(Source.objects.filter(figures__tally=OuterRef("pk"))),
        latest(Location.objects.filter(figures__tally=OuterRef("pk"))),
    )


def mergeable():
    """A source or place: its own fields, and the record kept when it is a tombstone (its link)."""
    return newest(F("updated_at"), F("merged_into__updated_at"))


def own(field="updated_at"):
    """A record that shows only its own fields (sources, places, conflicts; a tombstone's removal)."""
    return F(field)
