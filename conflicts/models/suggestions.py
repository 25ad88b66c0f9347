"""Suggestions an editor dismissed on a page, so the assistant does not offer them again there."""

import hashlib
import re
import unicodedata

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..choices import SuggestionKind


def suggestion_text_normalise(text):
    """The text a dismissal is keyed on: NFKC, case-folded, whitespace collapsed, curly quotes
    straightened, so the same words are recognised after the editor retypes a space or a quote."""
    text = unicodedata.normalize("NFKC", str(text)).replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", text).strip().casefold()


def suggestion_key(text):
    """A fixed-length digest of the normalised text: claims can be longer than an index allows."""
    return hashlib.sha256(suggestion_text_normalise(text).encode("utf-8", "surrogatepass")).hexdigest()


class DismissedSuggestion(models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=SuggestionKind.choices)
    text = models.TextField(help_text="The dismissed suggestion's text, normalised.")
    key = models.CharField(max_length=64, editable=False, help_text="SHA-256 of the normalised text.")
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dismissed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "kind", "key"], name="dismissed_suggestion_once"),
            models.CheckConstraint(
                condition=models.Q(kind__in=SuggestionKind.values), name="dismissed_suggestion_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.kind}: {self.text[:60]}"
