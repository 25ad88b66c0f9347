"""StreamField blocks for a site's annotated bodies: rich text whose annotations must name records."""

import json

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.rich_text import RichText

from .links import rich_text_for_rendering
from .selectors import annotation_records_load, body_annotation_refs
from .spans import annotation_reference_errors, annotation_refs_follow_merges, records_prefetched


class RefusedRichText(RichText):
    """Submitted text that cannot be stored, with the reason the editor is shown."""

    def __init__(self, error):
        super().__init__("")
        self.error = error


class AnnotatedRichTextBlock(blocks.RichTextBlock):
    """Rich text whose claim, source, place and figure annotations must name existing records."""

    ENTITY_TYPES = {"LINK", "CLAIM", "SOURCE", "PLACE", "FIGURE"}

    def value_from_datadict(self, data, files, prefix):
        # The editor's converter drops an entity of a type it does not know together with
        # its text; refuse it instead, so nothing typed is lost without a word.
        try:
            entity_map = json.loads(data.get(prefix) or "{}").get("entityMap") or {}
            types = {str(entity.get("type")) for entity in entity_map.values()}
        except (ValueError, AttributeError, TypeError):
            return RefusedRichText("The text could not be read; reload the page and try again.")
        unknown = sorted(types - self.ENTITY_TYPES)
        if unknown:
            return RefusedRichText(
                f"Unknown annotation kind {', '.join(map(repr, unknown))}: remove it and annotate "
                "the text as a claim, source, place or figure."
            )
        return super().value_from_datadict(data, files, prefix)

    def render_basic(self, value, context=None):
        return super().render_basic(rich_text_for_rendering(value), context)

    def clean(self, value):
        if isinstance(value, RefusedRichText):
            raise ValidationError(value.error)
        value = super().clean(value)
        errors = annotation_reference_errors(value.source)
        if errors:
            raise ValidationError(errors)
        followed = annotation_refs_follow_merges(value.source)
        return value if followed == value.source else RichText(followed)


class AnnotatedStreamBlock(blocks.StreamBlock):
    """A body StreamBlock whose editor loads every annotated record of the body at once, so opening
    a body costs the same queries whatever its number of annotations."""

    def get_form_state(self, value):
        with records_prefetched(annotation_records_load(body_annotation_refs(value))):
            return super().get_form_state(value)
