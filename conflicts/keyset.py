"""Keyset pages of reader lists: a page starts after the last row of the page before (its cursor),
so every page costs what the first one costs however deep it is, and no page counts the list."""

from datetime import UTC, datetime, timedelta

from django.db.models import Q

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


def cursor_for(moment, pk):
    """The cursor of a row: its moment (microseconds since the epoch) and id, e.g. `1732674000123456-42`."""
    return f"{(moment - EPOCH) // MICROSECOND}-{pk}"


def cursor_parse(value):
    """(moment, pk) of a cursor, or None for anything else (the list then starts at its first row)."""
    try:
        micros, pk = (int(part) for part in str(value or "").split("-", 1))
        return EPOCH + micros * MICROSECOND, pk
    except (ValueError, OverflowError):
        return None


def keyset_page(querysets, moment_field, cursor, per_page):
    """The rows after `cursor` of the list made of `querysets` (rows may be in several), newest first
    by `moment_field` then id: (rows, cursor of the next page or None). One query per queryset, each
    reading at most per_page + 1 rows through an index on `moment_field`."""
    after = cursor_parse(cursor)
    found = {}
    for queryset in querysets:
        queryset = queryset.filter(**{f"{moment_field}__isnull": False})
        if after is not None:
            moment, pk = after
            queryset = queryset.filter(Q(**{f"{moment_field}__lt": moment}) | Q(**{moment_field: moment, "pk__lt": pk}))
        for row in queryset.order_by(f"-{moment_field}", "-pk")[:per_page + 1]:
            found[row.pk] = row
    rows = sorted(found.values(), key=lambda row: (getattr(row, moment_field), row.pk), reverse=True)
    shown = rows[:per_page]
    following = cursor_for(getattr(shown[-1], moment_field), shown[-1].pk) if len(rows) > per_page else None
    return shown, following
