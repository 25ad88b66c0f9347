"""Template helpers for the public pages, and for a site's own article and explainer templates."""

import json

from django import template
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

from ..selectors import reporting_page_context

register = template.Library()


@register.simple_tag(takes_context=True)
def conflicts_page(context, page):
    """`{% conflicts_page page as desk %}`: desk.body_html (the annotated body), desk.annotation_notes,
    desk.sourcing, desk.places, desk.map, desk.update_log, desk.cited_claims, desk.jsonld..., for the
    includes in conflicts/includes/."""
    return reporting_page_context(page, context.get("request"))


@register.simple_tag
def jsonld(data):
    """A schema.org JSON-LD block; <, > and & are escaped so no text can close the script element."""
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
