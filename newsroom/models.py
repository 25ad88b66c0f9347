"""The site's page types: home, articles and explainers with their index pages, and the standards pages."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from conflicts import selectors
from conflicts.choices import EDITORIAL_UPDATE_KINDS
from conflicts.models import (
    AbstractKeyClaim,
    AbstractPageUpdate,
    ArticlePageMixin,
    ExplainerPageMixin,
)

from .blocks import BodyBlock, StandardsBodyBlock


class HomePage(Page):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["newsroom.ArticleIndexPage", "newsroom.ExplainerIndexPage", "newsroom.StandardsPage"]
    template = "pages/home_page.html"
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_articles"] = selectors.article_list_latest(limit=10)
        context["latest_explainers"] = selectors.explainer_list_latest(limit=6)
        return context


class ArticleIndexPage(Page):
    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["newsroom.HomePage"]
    subpage_types = ["newsroom.ArticlePage"]
    template = "pages/article_index_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = selectors.article_list_latest(parent=self, limit=50)
        return context


class StandardsPage(Page):
    """A policy the newsroom publishes (principles, corrections, unnamed sources, verification);
    the Disclosures setting points at it, so it is in every page's JSON-LD."""

    intro = models.TextField(blank=True, help_text="One or two sentences: what this policy covers.")
    body = StreamField(StandardsBodyBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["newsroom.HomePage"]
    subpage_types = []
    template = "pages/standards_page.html"

    class Meta:
        verbose_name = "standards page"


class ReportingPage(Page):
    """The site's body for articles and explainers: a StreamField of annotated rich text."""

    body = StreamField(BodyBlock(), blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("body"),
        index.FilterField("conflict"),
    ]

    class Meta:
        abstract = True


class ArticlePage(ArticlePageMixin, ReportingPage):
    content_panels = Page.content_panels + ArticlePageMixin.article_panels + ArticlePageMixin.content_warning_panels + [
        FieldPanel("body"),
        *ArticlePageMixin.backstory_panels,
        MultiFieldPanel(ArticlePageMixin.reporting_panels, heading="What the article is about"),
        InlinePanel("related_explainers", heading="Related explainers", label="Explainer"),
        InlinePanel("update_log", heading="Corrections and updates", label="Entry"),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("updated_at")]
    search_fields = ReportingPage.search_fields + [
        index.SearchField("standfirst", boost=2),
        index.SearchField("byline"),
    ]
    parent_page_types = ["newsroom.ArticleIndexPage"]
    subpage_types = []
    template = "pages/article_page.html"

    class Meta:
        verbose_name = "article"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.reporting_page_context(self, request))
        return context


class ArticleRelatedExplainer(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_explainers")
    explainer = models.ForeignKey(
        "newsroom.ExplainerPage", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("explainer")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "explainer"], name="related_explainer_once")
        ]


class ArticleUpdate(AbstractPageUpdate):
    """A line of the article's public corrections and updates log."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="update_log")

    class Meta(AbstractPageUpdate.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=EDITORIAL_UPDATE_KINDS),
                name="article_update_kind_valid",
            )
        ]


class ExplainerIndexPage(Page):
    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["newsroom.HomePage"]
    subpage_types = ["newsroom.ExplainerPage"]
    template = "pages/explainer_index_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.explainer_index_context(self, request.GET))
        return context


class ExplainerPage(ExplainerPageMixin, ReportingPage):
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        *ExplainerPageMixin.content_warning_panels,
        FieldPanel("body"),
        MultiFieldPanel(ExplainerPageMixin.reporting_panels, heading="What the explainer is about"),
        InlinePanel("key_claims", heading="Key claims", label="Claim"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = ReportingPage.search_fields + [index.SearchField("summary", boost=2)]
    parent_page_types = ["newsroom.ExplainerIndexPage"]
    subpage_types = []
    template = "pages/explainer_page.html"

    class Meta:
        verbose_name = "explainer"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.reporting_page_context(self, request))
        return context


class ExplainerKeyClaim(AbstractKeyClaim):
    page = ParentalKey(ExplainerPage, on_delete=models.CASCADE, related_name="key_claims")

    class Meta(AbstractKeyClaim.Meta):
        constraints = [models.UniqueConstraint(fields=["page", "claim"], name="key_claim_once")]
