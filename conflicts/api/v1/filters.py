"""Sync filters: conflict, place, status, updated_since (ISO 8601) and full-text q."""

from datetime import UTC, date, datetime

import django_filters
from django import forms
from django.db.models import Q
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from ... import coverage
from ...choices import ClaimStatus, FigureCounts, LocationKind, SourceKind
from ...conf import article_models, explainer_models
from ...models import Annotation, Claim, Conflict, Figure, Location, PageTombstone, Source, Tally
from ...search import search_terms

MAX_QUERY_LENGTH = 200
MAX_SEARCH_RESULTS = 2000


class UTCDateTimeField(IsoDateTimeField):
    """An ISO 8601 date-time, turned into UTC (databases refuse some legal offsets, e.g. +17:30)."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(UTC)
        except OverflowError:  # before 1 January of year 1 in UTC: since the beginning
            return datetime.min.replace(tzinfo=UTC)


class SinceFilter(django_filters.IsoDateTimeFilter):
    field_class = UTCDateTimeField


class ISODateField(forms.DateField):
    """A date written YYYY-MM-DD (ISO 8601), nothing else: "10/03/2020" is refused, not guessed."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            if len(value) != 10:
                raise ValueError
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            raise forms.ValidationError("Give a date as YYYY-MM-DD, e.g. 2020-10-01.", code="invalid") from None


@extend_schema_field({"type": "string", "format": "date"})
class ISODateFilter(django_filters.DateFilter):
    field_class = ISODateField


class EventTimeFilterSet(django_filters.FilterSet):
    """Event time as a range overlap: an event of October 2020 is both after 2020-10-15 and before it."""

    event_after = ISODateFilter(
        field_name="event_end", lookup_expr="gte",
        label="Only what happened (in part) on or after this date (YYYY-MM-DD); records of unknown time are left out.",
    )
    event_before = ISODateFilter(
        field_name="event_start", lookup_expr="lte",
        label="Only what happened (in part) on or before this date (YYYY-MM-DD); records of unknown time are left out.",
    )


@extend_schema_field({"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"})
class SlugFilter(django_filters.CharFilter):
    """A slug, refused with a 400 when it cannot be one."""

    field_class = forms.SlugField


class SyncFilterSet(django_filters.FilterSet):
    updated_since = SinceFilter(
        field_name="updated_at", lookup_expr="gte",
        label="Only items changed at or after this ISO 8601 date-time, e.g. 2026-11-03T08:00:00Z.",
    )
    q = extend_schema_field({"type": "string", "maxLength": MAX_QUERY_LENGTH, "pattern": "^[^\\x00]*$"})(
        django_filters.CharFilter(method="filter_search", label="Full-text search.")
    )

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if len(value) > MAX_QUERY_LENGTH:
            raise ValidationError({"q": f"Search for at most {MAX_QUERY_LENGTH} characters."})
        if "\x00" in value:
            raise ValidationError({"q": "The search contains a null character."})
        terms = search_terms(value)
        if not terms:
            return queryset.none()
        backend = get_search_backend()
        found = []
        for model in self.search_models():
            found += [result.pk for result in backend.search(terms, model)[:MAX_SEARCH_RESULTS]]
        return queryset.filter(pk__in=found)

    def search_models(self):
        return [self._meta.model]


class PageFilterSet(SyncFilterSet):
    updated_since = SinceFilter(
        field_name="last_published_at", lookup_expr="gte",
        label="Only pages published or republished at or after this ISO 8601 date-time.",
    )
    conflict = SlugFilter(method="filter_conflict", label="Conflict slug.")
    place = SlugFilter(
        method="filter_place", label="Place slug: pages about the place or mentioning it in the text."
    )

    @staticmethod
    def page_models():
        raise NotImplementedError

    def filter_conflict(self, queryset, name, value):
        return queryset.filter(pk__in=coverage.pages_of(self.page_models(), conflict__slug=value))

    def filter_place(self, queryset, name, value):
        mentioned = Annotation.objects.filter(location__slug=value).values("page_id")
        about = coverage.pages_of(self.page_models(), places__slug=value)
        return queryset.filter(Q(pk__in=about) | Q(pk__in=mentioned))

    def search_models(self):
        return self.page_models()


class ArticleFilterSet(PageFilterSet):
    page_models = staticmethod(article_models)

    class Meta:
        model = Page
        fields = ["conflict", "place", "updated_since", "q"]


class ExplainerFilterSet(PageFilterSet):
    page_models = staticmethod(explainer_models)

    class Meta:
        model = Page
        fields = ["conflict", "place", "updated_since", "q"]


class ClaimFilterSet(EventTimeFilterSet, SyncFilterSet):
    conflict = SlugFilter(field_name="conflict__slug", label="Conflict slug.")
    status = django_filters.MultipleChoiceFilter(
        choices=ClaimStatus.choices, label="Current status; repeat for several."
    )
    place = SlugFilter(field_name="places__slug", distinct=True, label="Place slug.")

    class Meta:
        model = Claim
        fields = ["conflict", "status", "place", "event_after", "event_before", "updated_since", "q"]


class FigureFilterSet(EventTimeFilterSet, SyncFilterSet):
    conflict = SlugFilter(field_name="conflict__slug", label="Conflict slug.")
    counts = django_filters.MultipleChoiceFilter(choices=FigureCounts.choices, label="What is counted; repeat for several.")
    place = SlugFilter(field_name="places__slug", distinct=True, label="Place slug.")

    class Meta:
        model = Figure
        fields = ["conflict", "counts", "place", "event_after", "event_before", "updated_since", "q"]


class TallyFilterSet(EventTimeFilterSet, SyncFilterSet):
    conflict = SlugFilter(field_name="conflict__slug", label="Conflict slug.")
    counts = django_filters.MultipleChoiceFilter(
        choices=FigureCounts.choices, method="filter_counts", label="Tallies with a figure counting this; repeat for several."
    )
    place = SlugFilter(method="filter_place", label="Place slug: tallies with a figure at the place.")

    class Meta:
        model = Tally
        fields = ["conflict", "counts", "place", "event_after", "event_before", "updated_since", "q"]

    def filter_counts(self, queryset, name, value):
        return queryset.filter(pk__in=Figure.objects.filter(counts__in=value).values("tally_id")) if value else queryset

    def filter_place(self, queryset, name, value):
        return queryset.filter(pk__in=Figure.objects.filter(places__slug=value).values("tally_id"))


class SourceFilterSet(SyncFilterSet):
    kind = django_filters.ChoiceFilter(choices=SourceKind.choices)

    class Meta:
        model = Source
        fields = ["kind", "updated_since", "q"]


class LocationFilterSet(SyncFilterSet):
    conflict = SlugFilter(field_name="conflicts__slug", distinct=True, label="Conflict slug.")
    kind = django_filters.ChoiceFilter(choices=LocationKind.choices)
    parent = SlugFilter(field_name="parent__slug", label="Slug of the parent place.")

    class Meta:
        model = Location
        fields = ["conflict", "kind", "parent", "updated_since", "q"]


class ConflictFilterSet(SyncFilterSet):
    class Meta:
        model = Conflict
        fields = ["updated_since", "q"]


class TombstoneFilterSet(django_filters.FilterSet):
    since = SinceFilter(
        field_name="removed_at", lookup_expr="gte", label="Only pages removed at or after this ISO 8601 date-time."
    )

    class Meta:
        model = PageTombstone
        fields = ["since"]
