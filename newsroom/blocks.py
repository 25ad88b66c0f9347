"""StreamField blocks for article and explainer bodies, and for the standards pages."""


from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.shortcuts import get_rendition_or_not_found
from wagtail.snippets.blocks import SnippetChooserBlock

from conflicts.blocks import AnnotatedRichTextBlock, AnnotatedStreamBlock
from conflicts.links import body_url

# Rich-text features of a body: formatting, links and the three annotation kinds.
BODY_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "claim", "source", "place", "figure"]


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

    RENDITION = "width-1200"

    class Meta:
        icon = "image"
        template = "components/blocks/image.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        if value.get("image"):
            rendition = get_rendition_or_not_found(value["image"], self.RENDITION)
            # Absolute in syndicated HTML, where a partner's page would resolve a path on its own host.
            context["img_tag"] = rendition.img_tag({"src": body_url(rendition.url)})
        return context


class BodyBlock(AnnotatedStreamBlock):
    paragraph = AnnotatedRichTextBlock(features=BODY_FEATURES)
    quote = QuoteBlock()
    image = ImageBlock()


class StandardsSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "doc-full"
        template = "components/blocks/standards_section.html"


class StandardsBodyBlock(blocks.StreamBlock):
    section = StandardsSectionBlock()
