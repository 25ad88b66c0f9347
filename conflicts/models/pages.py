"""What a newsroom's own page types take from the extension: the conflict and places a page is
about, the fields partners and readers get for articles and explainers, and the abstract child
records (key claims, corrections log, related explainers) a site subclasses for its page types."""

from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.url_routing import RouteResult

from ..choices import EDITORIAL_UPDATE_KINDS, ArticleUpdateKind, ContentWarning
from ..forms import ReportingPageForm
from ..widgets import places_chooser
from .withdrawals import PageWithdrawal

WITHDRAWN_TEMPLATE = "conflicts/page_withdrawn.html"


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
    content_warning = models.CharField(
        max_length=32, blank=True, choices=ContentWarning.choices,
        help_text="Warns readers and partners before the body.",
    )
    content_warning_note = models.CharField(
        max_length=255, blank=True, help_text='Optional words for readers, e.g. "Images of the dead in the second half."',
    )

    annotated_body_field = "body"
    base_form_class = ReportingPageForm
    reporting_panels = [FieldPanel("conflict"), FieldPanel("places", widget=places_chooser())]
    content_warning_panels = [
        MultiFieldPanel([FieldPanel("content_warning"), FieldPanel("content_warning_note")], heading="Content warning"),
    ]

    class Meta:
        abstract = True

    @property
    def content_warning_text(self):
        """What readers and partners are warned of, in words: the kind, then the note; "" without either."""
        parts = []
        if self.content_warning and self.content_warning != ContentWarning.OTHER:
            parts.append(self.get_content_warning_display())
        if self.content_warning_note.strip():
            parts.append(self.content_warning_note.strip())
        return " ".join(part if part.endswith(".") else f"{part}." for part in parts)

    def withdrawal_in_force(self):
        return PageWithdrawal.objects.in_force().filter(page_id=self.pk).first()

    def route(self, request, path_components):
        """A withdrawn page keeps its address, to answer 410 Gone (see `serve`)."""
        if not path_components and not self.live and self.withdrawal_in_force():
            return RouteResult(self)
        return super().route(request, path_components)

    def serve(self, request, *args, **kwargs):
        """410 Gone with a short notice for a withdrawn page; previews of its drafts still render."""
        withdrawal = None
        if not self.live and not getattr(request, "is_preview", False):
            withdrawal = self.withdrawal_in_force()
        if withdrawal is not None:
            return TemplateResponse(
                request, WITHDRAWN_TEMPLATE, {"withdrawn_at": withdrawal.withdrawn_at}, status=410
            )
        return super().serve(request, *args, **kwargs)

    @property
    def annotated_body(self):
        return getattr(self, self.annotated_body_field, None)

    def child_rows(self, relation, *, select=()):
        """The rows of an optional child relation (`update_log`, `related_explainers`, `key_claims`),
        with `select` related objects loaded, or [] for a page type without it."""
        manager = getattr(self, relation, None)
        if manager is None:
            return []
        # A bare .all() reads rows a prefetch loaded; select_related() without names would join everything.
        return list(manager.all().select_related(*select) if select else manager.all())


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

    backstory = models.TextField(
        blank=True, verbose_name="how we reported this",
        help_text="How the story was reported: where the reporters were, what they could and could not check.",
    )

    article_panels = [
        FieldPanel("standfirst"),
        FieldRowPanel([FieldPanel("byline"), FieldPanel("dateline_place")]),
    ]
    backstory_panels = [FieldPanel("backstory")]

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
