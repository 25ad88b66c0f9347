"""Conflicts: the theatres that group places, claims, articles and explainers."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .mixins import TimestampedModel, record_url


class Conflict(index.Indexed, TimestampedModel):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.TextField(blank=True, help_text="One or two sentences for readers.")
    started_on = models.DateField(null=True, blank=True)
    is_active = models.BooleanField(default=True, help_text="Still being covered.")

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("started_on"),
        FieldPanel("is_active"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("summary"),
        index.FilterField("is_active"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("conflicts:conflict", "slug", self.slug)
