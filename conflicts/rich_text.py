"""Annotation spans in rich text: claim, source, place and figure entities for Draftail and the front end.

In the database a span is `<a linktype="claim|source|place|figure" id="<pk>">text</a>`. On the
public page it becomes a link to the record's page carrying data-annotation, data-id (and
data-status for claims and figures), described by the page's sourcing note for that record. Records are
resolved in one query per kind for the whole body, so a page costs the same whatever its
number of spans; a span whose record is gone renders as plain text.

Rendered for syndication (links.syndicated_rendering), every href is absolute and no span
points at a note: the notes are not part of the body a partner publishes. Only attributes
change, never the text.
"""

from contextlib import suppress

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from draftjs_exporter.dom import DOM
from wagtail.admin.rich_text.converters.html_to_contentstate import LinkElementHandler
from wagtail.admin.rich_text.editors.draftail.features import EntityFeature
from wagtail.rich_text import LinkHandler
from wagtail.rich_text.pages import PageLinkHandler

from .choices import AnnotationKind, ClaimStatus, LocationKind, SourceKind
from .links import body_url, is_syndicated_rendering
from .spans import note_id, parse_id, prefetched_records


def described_by(kind, pk):
    """The span's reference to its note on the page; none in syndicated HTML, which has no notes."""
    if is_syndicated_rendering():
        return ""
    return format_html(' aria-describedby="{}"', note_id(kind, pk))


class AnnotationLinkHandler(LinkHandler):
    kind = None

    @classmethod
    def get_many(cls, attrs_list):
        ids = [parse_id(attrs.get("id")) for attrs in attrs_list]
        prefetched = prefetched_records(cls.kind)
        if prefetched is None:
            prefetched = cls.get_queryset().in_bulk([pk for pk in ids if pk])
        return [prefetched.get(pk) for pk in ids]

    @classmethod
    def get_queryset(cls):
        return cls.get_model()._default_manager.all()

    @classmethod
    def expand_db_attributes(cls, attrs):
        return cls.expand_db_attributes_many([attrs])[0]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return [cls.open_tag(record) if record else "<a>" for record in cls.get_many(attrs_list)]

    @classmethod
    def open_tag(cls, record):
        return format_html(
            '<a href="{}" class="annotation annotation--{}" data-annotation="{}" data-id="{}"{}>',
            body_url(record.get_absolute_url()),
            cls.kind,
            cls.kind,
            record.pk,
            described_by(cls.kind, record.pk),
        )

    @classmethod
    def extract_references(cls, attrs):
        pk = parse_id(attrs.get("id"))
        if pk:
            yield cls.get_model(), str(pk), "", ""


class ClaimLinkHandler(AnnotationLinkHandler):
    identifier = kind = AnnotationKind.CLAIM.value

    @staticmethod
    def get_model():
        return apps.get_model("conflicts", "Claim")

    @classmethod
    def get_queryset(cls):
        return cls.get_model().objects.only("pk", "status")

    @classmethod
    def open_tag(cls, record):
        return format_html(
            '<a href="{}" class="annotation annotation--claim annotation--{}" data-annotation="claim" '
            'data-id="{}" data-status="{}"{}>',
            body_url(record.get_absolute_url()),
            record.status,
            record.pk,
            record.status,
            described_by("claim", record.pk),
        )


class SourceLinkHandler(AnnotationLinkHandler):
    identifier = kind = AnnotationKind.SOURCE.value

    @staticmethod
    def get_model():
        return apps.get_model("conflicts", "Source")

    @classmethod
    def get_queryset(cls):
        # Never load the confidential columns for public rendering.
        return cls.get_model().objects.only("pk")


class PlaceLinkHandler(AnnotationLinkHandler):
    identifier = kind = AnnotationKind.PLACE.value

    @staticmethod
    def get_model():
        return apps.get_model("conflicts", "Location")

    @classmethod
    def get_queryset(cls):
        return cls.get_model().objects.only("pk", "slug")


class FigureLinkHandler(AnnotationLinkHandler):
    """A figure links to its tally's page (a figure has no page of its own) or, outside a tally, to its
    note; the span carries the figure's status like a claim's."""

    identifier = kind = AnnotationKind.FIGURE.value

    @staticmethod
    def get_model():
        return apps.get_model("conflicts", "Figure")

    @classmethod
    def get_queryset(cls):
        return cls.get_model().objects.select_related("tally")

    @classmethod
    def open_tag(cls, record):
        return format_html(
            '<a href="{}" class="annotation annotation--figure annotation--{}" data-annotation="figure" '
            'data-id="{}" data-status="{}"{}>',
            body_url(record.get_absolute_url() or f"#{note_id('figure', record.pk)}"),
            record.status,
            record.pk,
            record.status,
            described_by("figure", record.pk),
        )


class BodyPageLinkHandler(PageLinkHandler):
    """Wagtail's internal page links, absolute in syndicated HTML."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return [
            format_html('<a href="{}">', body_url(page.localized.url)) if page else "<a>"
            for page in cls.get_many(attrs_list)
        ]


class AnchorLinkHandler(LinkHandler):
    """Links to a part of the page (`#id`): in syndicated HTML they point at the public page,
    since the id they name may be outside the body."""

    identifier = "anchor"

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return [format_html('<a href="{}">', body_url(attrs.get("href", ""))) for attrs in attrs_list]


LINK_HANDLERS = {
    AnnotationKind.CLAIM: ClaimLinkHandler,
    AnnotationKind.SOURCE: SourceLinkHandler,
    AnnotationKind.PLACE: PlaceLinkHandler,
    AnnotationKind.FIGURE: FigureLinkHandler,
}


# Editor (Draftail / contentstate) conversion


class AnnotationElementHandler(LinkElementHandler):
    """Turns a stored span into a Draftail entity with what the editor shows about its record."""

    def __init__(self, entity_type, kind):
        super().__init__(entity_type)
        self.kind = kind

    def get_attribute_data(self, attrs):
        pk = parse_id(attrs.get("id"))
        if pk is None:
            return {}
        prefetched = prefetched_records(self.kind)
        if prefetched is not None:
            record = prefetched.get(pk)
        else:
            record = LINK_HANDLERS[self.kind].get_model()._default_manager.filter(pk=pk).first()
        if record is None:
            return {"id": pk, "label": "(deleted)", "missing": True}
        return entity_data(self.kind, record)


def entity_data(kind, record):
    """What the editor keeps on a span of `kind` tied to `record`: id, label, a claim's or figure's
    status and where to edit the record; public fields only."""
    data = {"id": record.pk, "label": str(record)}
    if kind in (AnnotationKind.CLAIM, AnnotationKind.FIGURE):
        data["status"] = record.status
    with suppress(NoReverseMatch):
        data["edit_url"] = reverse(f"wagtailsnippets_conflicts_{record._meta.model_name}:edit", args=[record.pk])
    return data


def entity_decorator(kind):
    def decorate(props):
        # An id that is not a record id is kept as sent, so that validation refuses it with a
        # message instead of the annotation vanishing silently.
        pk = parse_id(props.get("id"))
        raw = str(pk) if pk is not None else str(props.get("id", ""))[:40]
        return DOM.create_element("a", {"linktype": kind, "id": raw}, props["children"])

    return decorate


def conversion_rule(kind, entity_type):
    return {
        "from_database_format": {
            f'a[linktype="{kind}"]': AnnotationElementHandler(entity_type, kind),
        },
        "to_database_format": {"entity_decorators": {entity_type: entity_decorator(kind)}},
    }


class AnnotationFeature(EntityFeature):
    """An annotation kind in the Draftail toolbar; the field it is enabled on also gets the
    "Suggest annotations" control, once however many annotation kinds it has."""

    def construct_options(self, options):
        super().construct_options(options)
        controls = options.setdefault("controls", [])
        if not any(control.get("type") == SUGGEST_CONTROL for control in controls):
            controls.append({"type": SUGGEST_CONTROL})


SUGGEST_CONTROL = "SUGGEST"


def suggest_control_config():
    """What the suggest control needs in the editor page: where to ask, and the edit forms' choices."""

    return {
        "suggestUrl": reverse("conflicts_suggestions", args=[0]),
        "sourceKinds": SourceKind.choices,
        "placeKinds": LocationKind.choices,
        "claimStatuses": ClaimStatus.choices,
    }
