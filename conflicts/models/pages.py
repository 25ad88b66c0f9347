"""What a newsroom's own page types take from the extension: the conflict and places a page is
about, the fields partners and readers get for articles and explainers, and the abstract child
records (key claims, corrections log, related explainers) a site subclasses for its page types."""

from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from ..choices import EDITORIAL_UPDATE_KINDS, ArticleUpdateKind
from ..forms import ReportingPageForm


class ReportingPageMixin(models.Model):
    """A page about a conflict and places whose body carries claim, source and place annotations.

    Mix into a Page subclass that has its own body: a StreamField of rich-text blocks or a
    RichTextField, with the `claim`, `source` and `place` features. The body is the field named
    by `annotated_body_field`. The admin form (`base_form_class`) refuses annotations that name
    no existing record.
    """

    conflict = models.ForeignKey(
        "conflicts.Conflict", null=True, on_delete=models.PROTECT, related_name="+"
    )
    places = ParentalManyToManyField("conflicts.Location", blank=True, related_name="+")

    annotated_body_field = "body"
    base_form_class = ReportingPageForm
    reporting_panels = [FieldPanel("conflict"), FieldPanel("places")]

    class Meta:
        abstract = True

    @property
    def annotated_body(self):
        return getattr(self, self.annotated_body_field, None)

    def child_rows(self, relation, *, select=()):
        """The rows of an optional child relation (`update_log`, `related_explainers`, `key_claims`),
        with `select` related objects loaded, or [] for a page type without it."""
        manager = getattr(self, relation, None)
        return list(manager.all().select_related(*select)) if manager is not None else []


class ArticlePageMixin(ReportingPageMixin):
    """An article: its standfirst, byline and dateline, as readers and partners get them."""

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

    article_panels = [
        FieldPanel("standfirst"),
        FieldRowPanel([FieldPanel("byline"), FieldPanel("dateline_place")]),
    ]

    class Meta:
        abstract = True


class ExplainerPageMixin(ReportingPageMixin):
    """An explainer: what readers will understand, and when it was last checked."""

    summary = models.TextField(help_text="What the reader will understand after reading.")
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When the newsroom last checked this explainer was current."
    )

    class Meta:
        abstract = True


class AbstractKeyClaim(Orderable):
    """A claim an explainer stands on. Subclass with `page = ParentalKey(<explainer>, related_name="key_claims")`."""

    claim = models.ForeignKey("conflicts.Claim", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("claim")]

    class Meta(Orderable.Meta):
        abstract = True


class AbstractPageUpdate(Orderable):
    """A line of a page's public corrections and updates log.

    Subclass with `page = ParentalKey(<article>, related_name="update_log")`.
    """

    date = models.DateTimeField(default=timezone.now)
    kind = models.CharField(
        max_length=16,
        choices=[(kind.value, kind.label) for kind in EDITORIAL_UPDATE_KINDS],
        default=ArticleUpdateKind.UPDATE,
    )
    text = models.TextField()

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("kind")]), FieldPanel("text")]

    class Meta(Orderable.Meta):
        abstract = True
