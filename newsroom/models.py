"""The site's page types: home, articles and explainers with their index pages."""

from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from conflicts.choices import ArticleUpdateKind

from .blocks import BodyBlock


class HomePage(Page):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["newsroom.ArticleIndexPage", "newsroom.ExplainerIndexPage"]
    template = "pages/home_page.html"
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from conflicts import selectors

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
        from conflicts import selectors

        context = super().get_context(request, *args, **kwargs)
        context["articles"] = selectors.article_list_latest(parent=self, limit=50)
        return context


class ReportingPage(Page):
    """Fields shared by articles and explainers: the conflict and places they are about."""

    body = StreamField(BodyBlock(), blank=True)
    conflict = models.ForeignKey(
        "conflicts.Conflict", null=True, on_delete=models.PROTECT, related_name="+"
    )
    places = ParentalManyToManyField("conflicts.Location", blank=True, related_name="+")

    search_fields = Page.search_fields + [
        index.SearchField("body"),
        index.FilterField("conflict"),
    ]

    class Meta:
        abstract = True


class ArticlePage(ReportingPage):
    standfirst = models.TextField(help_text="The one-paragraph summary under the headline.")
    byline = models.CharField(max_length=255, help_text='e.g. "TRT World staff".')
    dateline_place = models.ForeignKey(
        "conflicts.Location",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where the story was filed from or is about.",
    )
    updated_at = models.DateTimeField(
        null=True, blank=True, help_text="Shown to readers as 'Updated'; set for material changes."
    )

    content_panels = Page.content_panels + [
        FieldPanel("standfirst"),
        FieldRowPanel([FieldPanel("byline"), FieldPanel("dateline_place")]),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("conflict"), FieldPanel("places")],
            heading="What the article is about",
        ),
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
        from conflicts import selectors, structured_data

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.article_page_context(self))
        context["jsonld"] = structured_data.news_article(
            self, request, places=context["places"], cited_claims=context["cited_claims"],
            lead_image=selectors.page_lead_image(self),
        )
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


class ArticleUpdate(Orderable):
    """A line of the article's public corrections and updates log."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="update_log")
    date = models.DateTimeField(default=timezone.now)
    kind = models.CharField(
        max_length=16,
        choices=[c for c in ArticleUpdateKind.choices if c[0] != ArticleUpdateKind.CLAIM_STATUS],
        default=ArticleUpdateKind.UPDATE,
    )
    text = models.TextField()

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("kind")]), FieldPanel("text")]

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["correction", "update", "clarification"]),
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
        from conflicts import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.explainer_index_context(self, request.GET))
        return context


class ExplainerPage(ReportingPage):
    summary = models.TextField(help_text="What the reader will understand after reading.")
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When the newsroom last checked this explainer was current."
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("conflict"), FieldPanel("places")],
            heading="What the explainer is about",
        ),
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
        from conflicts import selectors, structured_data

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.explainer_page_context(self))
        context["jsonld"] = structured_data.background_news_article(
            self, request, places=context["places"], key_claims=context["key_claims"],
            lead_image=selectors.page_lead_image(self),
        )
        return context


class ExplainerKeyClaim(Orderable):
    page = ParentalKey(ExplainerPage, on_delete=models.CASCADE, related_name="key_claims")
    claim = models.ForeignKey("conflicts.Claim", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("claim")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["page", "claim"], name="key_claim_once")]
