"""Marking content shown in Catalan on a page in another language.

``<a href="…"{% fallback_lang item "title" %}>{{ item.display_title }}</a>{% fallback_note item "title" %}``
gives ``<a href="…" lang="ca">…</a> <span class="lang-note">en catalán</span>``
on the Spanish site when the title has no translation, and nothing extra
otherwise (never on the Catalan site); ``{% content_text item "title" %}``
gives the same for text with no element of its own (``<h1>…</h1>``). The note is in the page's language,
outside the ``lang="ca"`` element. ``fallback_note`` takes further field
names that already carry a note: a summary that falls back gets none when
the title beside it already says so."""

from django import template
from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext as _

from comunicacio.translation import falls_back

register = template.Library()


@register.simple_tag
def fallback_lang(item, field: str) -> str:
    """` lang="ca"` for an element whose text falls back to Catalan."""
    if item is None or not falls_back(item, field):
        return ""
    return format_html(' lang="{}"', settings.LANGUAGE_CODE)


@register.simple_tag
def fallback_note(item, field: str, *noted: str) -> str:
    if item is None or not falls_back(item, field) or any(falls_back(item, other) for other in noted):
        return ""
    return format_html(' <span class="lang-note">{}</span>', _("en català"))


@register.simple_tag
def content_text(item, field: str) -> str:
    """``item.display_<field>``, wrapped and labelled when it falls back."""
    value = getattr(item, f"display_{field}")
    if not falls_back(item, field):
        return conditional_escape(value)
    return format_html(
        '<span lang="{}">{}</span>{}', settings.LANGUAGE_CODE, value, fallback_note(item, field)
    )
