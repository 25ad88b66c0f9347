"""Partner representations: public fields only, and every link absolute."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...choices import EventPrecision, GeoPrecision, TombstoneReason
from ...geojson import published_geometry
from ...links import public_url
from ...models import (
    Annotation,
    Claim,
    ClaimStatusChange,
    Conflict,
    Figure,
    FigureStatusChange,
    Location,
    PageTombstone,
    Source,
    Tally,
)
from ...tally_chart import figures_range


def absolute(request, path):
    """The public URL of a path, on the site's one origin (never the host the request named)."""
    return public_url(request, path)


class LinkedMixin:
    """Adds `url` (the public page) and `api_url` (this resource) to each representation."""

    api_route = None

    def get_url(self, obj) -> str:
        return absolute(self.context.get("request"), obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else obj.url)

    def get_api_url(self, obj) -> str:
        return absolute(self.context.get("request"), reverse(f"api:v1:{self.api_route}-detail", args=[obj.pk]))


class MergedIntoSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField(help_text="The public page of the record kept.")
    api_url = serializers.URLField(help_text="The record kept in this API.")


class MergeableMixin(LinkedMixin):
    """Adds `merged_into`: null for a record, the record kept for a tombstone (a duplicate merged into it)."""

    @extend_schema_field(MergedIntoSerializer(allow_null=True, help_text=(
        "Set when this record is a tombstone: it was a duplicate of the record named here, which replaces it. "
        "Replace your copy's references to this id with that record's."
    )))
    def get_merged_into(self, obj):
        kept = obj.merged_into
        if kept is None:
            return None
        return {"id": kept.pk, "url": self.get_url(kept), "api_url": self.get_api_url(kept)}


class ConflictRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Conflict
        fields = ["id", "slug", "name"]


class LocationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Location
        fields = ["id", "slug", "name", "kind", "latitude", "longitude"]


class ConflictSerializer(LinkedMixin, serializers.ModelSerializer):
    api_route = "conflict"
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Conflict
        fields = ["id", "slug", "name", "summary", "started_on", "is_active", "updated_at", "url", "api_url"]


class GeometryField(serializers.JSONField):
    """The stored GeoJSON geometry as RFC 7946 publishes it (rewound, split at the antimeridian)."""

    def to_representation(self, value):
        return published_geometry(value)


class LocationSerializer(MergeableMixin, serializers.ModelSerializer):
    api_route = "location"
    merged_into = serializers.SerializerMethodField()
    geometry = GeometryField(
        read_only=True,
        allow_null=True,
        help_text=Location._meta.get_field("geometry").help_text,
    )
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()
    alternative_names = serializers.ListField(source="alternative_name_list", child=serializers.CharField())
    parent = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    precision = serializers.ChoiceField(
        source="geo_precision", choices=GeoPrecision.choices, read_only=True,
        help_text="How precisely the place is known: exact, approximate, settlement, region or country "
                  "(the last two: a centre point that maps should not draw as a pin).",
    )

    class Meta:
        model = Location
        fields = [
            "id", "slug", "name", "kind", "parent", "alternative_names", "latitude", "longitude",
            "geometry", "geo_precision", "precision", "geonames_id", "wikidata_id", "osm_id", "updated_at", "url",
            "api_url", "merged_into",
        ]


class SourceSerializer(MergeableMixin, serializers.ModelSerializer):
    api_route = "source"
    merged_into = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()
    kind_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = Source
        # Public fields only: confidential_identity and confidential_notes never leave the newsroom.
        fields = [
            "id", "public_label", "kind", "kind_label", "is_anonymous", "anonymity_reason", "reliability",
            "updated_at", "url", "api_url", "merged_into",
        ]


class StatusChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClaimStatusChange
        # Not who changed it: editors' identities stay in the newsroom.
        fields = ["from_status", "to_status", "note", "evidence_url", "changed_at"]


class AttributionSerializer(serializers.Serializer):
    source = SourceSerializer()
    how_obtained = serializers.CharField()
    credibility = serializers.IntegerField()


class EventSerializer(serializers.Serializer):
    """When what a record describes happened: all null when unknown; `end` is always set with `start`."""

    start = serializers.DateField(source="event_start", allow_null=True)
    end = serializers.DateField(source="event_end", allow_null=True)
    precision = serializers.SerializerMethodField()

    @extend_schema_field({"type": "string", "enum": EventPrecision.values, "nullable": True})
    def get_precision(self, record):
        return record.event_precision if record.event_start else None


class ClaimSerializer(MergeableMixin, serializers.ModelSerializer):
    api_route = "claim"
    merged_into = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()
    conflict = ConflictRefSerializer()
    places = LocationRefSerializer(many=True)
    sources = AttributionSerializer(source="attributions", many=True)
    status_history = StatusChangeSerializer(source="status_changes", many=True)
    event = EventSerializer(source="*")

    class Meta:
        model = Claim
        fields = [
            "id", "statement", "status", "status_changed_at", "event", "conflict", "places", "sources",
            "status_history", "updated_at", "url", "api_url", "merged_into",
        ]


class FigureStatusChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = FigureStatusChange
        fields = ["from_status", "to_status", "note", "evidence_url", "changed_at"]


class SourceRefSerializer(serializers.ModelSerializer):
    """The public fields of the source that gives a figure."""

    class Meta:
        model = Source
        fields = ["id", "public_label", "kind", "is_anonymous", "reliability"]


class FigureSerializer(LinkedMixin, serializers.ModelSerializer):
    api_route = "figure"
    api_url = serializers.SerializerMethodField()
    conflict = ConflictRefSerializer()
    places = LocationRefSerializer(many=True)
    source = SourceRefSerializer(allow_null=True)
    event = EventSerializer(source="*")
    status_history = FigureStatusChangeSerializer(source="status_changes", many=True)
    tally = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Figure
        fields = [
            "id", "counts", "counts_label", "counted", "counted_party", "low", "best", "high", "words", "event",
            "status", "status_changed_at", "status_history", "conflict", "places", "source", "tally",
            "updated_at", "api_url",
        ]


class TallySerializer(LinkedMixin, serializers.ModelSerializer):
    """A tally with its figures, the range across them, and the one the newsroom uses."""

    api_route = "tally"
    api_url = serializers.SerializerMethodField()
    conflict = ConflictRefSerializer()
    event = EventSerializer(source="*")
    used_figure = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    range = serializers.SerializerMethodField()
    figures = FigureSerializer(many=True)

    class Meta:
        model = Tally
        fields = ["id", "name", "event", "conflict", "used_figure", "range", "figures", "updated_at", "api_url"]

    @extend_schema_field({
        "type": "object",
        "properties": {"low": {"type": "integer", "nullable": True}, "high": {"type": "integer", "nullable": True}},
        "required": ["low", "high"],
    })
    def get_range(self, tally):
        """The lowest and highest numbers any of its figures gives (null when none gives one)."""
        return figures_range(tally.figures.all())


class AnnotationSerializer(serializers.ModelSerializer):
    record_id = serializers.SerializerMethodField()

    class Meta:
        model = Annotation
        fields = ["kind", "record_id", "quote", "prefix", "suffix", "position", "sequence"]

    def get_record_id(self, annotation) -> int:
        return annotation.record_id


class ContentWarningSerializer(serializers.Serializer):
    kind = serializers.CharField(allow_null=True, help_text="graphic_violence, distressing_images, ... or null for a note alone.")
    note = serializers.CharField(allow_blank=True)
    text = serializers.CharField(help_text="The warning as readers see it.")


class PageSerializer(LinkedMixin, serializers.Serializer):
    """Fields shared by articles and explainers."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()
    first_published_at = serializers.DateTimeField(allow_null=True)
    last_published_at = serializers.DateTimeField(allow_null=True)
    conflict = ConflictRefSerializer(allow_null=True)
    places = serializers.SerializerMethodField()
    content_warning = serializers.SerializerMethodField()

    def get_url(self, page) -> str:
        return absolute(self.context.get("request"), page.get_url(self.context.get("request")))

    @extend_schema_field(ContentWarningSerializer(allow_null=True))
    def get_content_warning(self, page):
        """What readers are warned of before the body, or null."""
        if not page.content_warning_text:
            return None
        return {"kind": page.content_warning or None, "note": page.content_warning_note, "text": page.content_warning_text}

    @extend_schema_field(LocationRefSerializer(many=True))
    def get_places(self, page):
        return LocationRefSerializer(page.places.all(), many=True).data

    def body_fields(self, page):
        """The body the view rendered (context `rendering`: see PageViewSet.page_rendering)."""
        request = self.context.get("request")
        rendering = self.context["rendering"]
        return {
            "body_html": rendering["body_html"],
            "annotations": AnnotationSerializer(rendering["annotations"], many=True).data,
            "annotations_url": absolute(request, reverse(f"api:v1:{self.api_route}-annotations", args=[page.pk])),
        }


class ArticleSerializer(PageSerializer):
    api_route = "article"
    headline = serializers.CharField(source="title")
    standfirst = serializers.CharField()
    byline = serializers.CharField()
    dateline = LocationRefSerializer(source="dateline_place", allow_null=True)
    updated_at = serializers.DateTimeField(allow_null=True)
    backstory = serializers.CharField(help_text="How we reported this; empty when not written.")

    def to_representation(self, page):
        data = super().to_representation(page)
        if self.context.get("detail"):
            data.update(self.body_fields(page))
            data["updates"] = [
                {"date": row.date, "kind": row.kind, "text": row.text} for row in page.child_rows("update_log")
            ]
            data["related_explainers"] = [row.explainer_id for row in page.child_rows("related_explainers")]
        return data


class ExplainerSerializer(PageSerializer):
    api_route = "explainer"
    summary = serializers.CharField()
    last_reviewed = serializers.DateField(allow_null=True)

    def to_representation(self, page):
        data = super().to_representation(page)
        if self.context.get("detail"):
            data.update(self.body_fields(page))
            data["key_claims"] = [row.claim_id for row in page.child_rows("key_claims")]
        return data


# What each tombstone tells partners to do with their copy.
TOMBSTONE_NOTICES = {
    TombstoneReason.UNPUBLISHED: "Unpublished: remove your copy.",
    TombstoneReason.DELETED: "Deleted: remove your copy.",
    TombstoneReason.WITHDRAWN: (
        "Withdrawn for legal or safety reasons: remove your copy now, with every cached or archived version of it."
    ),
}


class TombstoneSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()
    must_remove_copy = serializers.SerializerMethodField()
    notice = serializers.SerializerMethodField()

    class Meta:
        model = PageTombstone
        fields = ["page_id", "page_type", "url", "api_url", "reason", "removed_at", "must_remove_copy", "notice"]

    def get_url(self, tombstone) -> str:
        return absolute(self.context.get("request"), tombstone.url) if tombstone.url else ""

    def get_api_url(self, tombstone) -> str:
        return absolute(self.context.get("request"), reverse("api:v1:tombstone-detail", args=[tombstone.page_id]))

    def get_must_remove_copy(self, tombstone) -> bool:
        """Every tombstone is a page partners may no longer publish."""
        return True

    def get_notice(self, tombstone) -> str:
        return TOMBSTONE_NOTICES.get(tombstone.reason, "Remove your copy.")

