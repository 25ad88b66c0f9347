"""StreamField blocks for article and explainer bodies."""

import json

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.rich_text import RichText
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from conflicts.blocks import AnnotatedRichTextBlock, AnnotatedStreamBlock

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


class BodyBlock(AnnotatedStreamBlock):
    paragraph = AnnotatedRichTextBlock(features=BODY_FEATURES)
    quote = QuoteBlock()
    image = ImageBlock()
