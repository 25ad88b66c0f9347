"""Registration of the extension with Wagtail."""

from wagtail.snippets.models import register_snippet

from .viewsets import ConflictDeskGroup

register_snippet(ConflictDeskGroup)
