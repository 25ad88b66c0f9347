from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from conflicts.models import ArticlePageMixin


class HomePage(Page):
    pass


class NewsStory(ArticlePageMixin, Page):
    """The site's own article type; the extension brings the conflict, places, standfirst,
    byline, dateline and the annotated body's reader context."""

    body = RichTextField(features=["bold", "italic", "link", "claim", "source", "place", "figure"])

    content_panels = (
        Page.content_panels
        + ArticlePageMixin.article_panels
        + [FieldPanel("body")]
        + ArticlePageMixin.reporting_panels
    )
