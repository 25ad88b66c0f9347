"""Template helpers for the public pages."""

import json

from django import template
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def jsonld(data):
    """A schema.org JSON-LD block; <, > and & are escaped so no text can close the script element."""
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
