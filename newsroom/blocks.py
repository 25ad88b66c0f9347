"""StreamField blocks for article and explainer bodies."""

import json

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.rich_text import RichText
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from conflicts.selectors import annotation_records_load, body_annotation_refs
from conflicts.spans import annotation_reference_errors, records_prefetched

# Rich-text features of a body: formatting, links and the three annotation kinds.
BODY_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "claim", "source", "place"]


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(
        required=False, help_text='How readers see who said it, e.g. "said the security source".'
    )
    source = SnippetChooserBlock("conflicts.Source", required=False)

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False)
    credit = blocks.CharBlock(required=False)

    class Meta:
        icon = "image"
        template = "components/blocks/image.html"


class RefusedRichText(RichText):
    """Submitted text that cannot be stored, with the reason the editor is shown."""

    def __init__(self, error):
        super().__init__("")
        self.error = error


class AnnotatedRichTextBlock(blocks.RichTextBlock):
    """Rich text whose claim, source and place annotations must name existing records."""

    ENTITY_TYPES = {"LINK", "CLAIM", "SOURCE", "PLACE"}

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
                "the text as a claim, source or place."
            )
        return super().value_from_datadict(data, files, prefix)

    def clean(self, value):
        if isinstance(value, RefusedRichText):
            raise ValidationError(value.error)
        value = super().clean(value)
        errors = annotation_reference_errors(value.source)
        if errors:
            raise ValidationError(errors)
        return value


class BodyBlock(blocks.StreamBlock):
    paragraph = AnnotatedRichTextBlock(features=BODY_FEATURES)
    quote = QuoteBlock()
    image = ImageBlock()

    def get_form_state(self, value):
        # The editor shows each span's record (label, claim status): load them all at once,
        # so opening a body costs the same queries whatever its number of annotations.
        with records_prefetched(annotation_records_load(body_annotation_refs(value))):
            return super().get_form_state(value)
