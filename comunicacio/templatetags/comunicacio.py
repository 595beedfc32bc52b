"""Template helpers loaded in every template (see TEMPLATES builtins)."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from comunicacio import formatting

register = template.Library()


@register.filter
def longdate(value, arg=""):
    """{{ when|longdate }} → "26 de novembre de 2026";
    {{ when|longdate:"weekday" }} → "dijous, 26 de novembre de 2026"."""
    if not value:
        return ""
    options = set(arg.split(",")) if arg else set()
    return formatting.long_date(value, weekday="weekday" in options, year="noyear" not in options)


@register.filter
def hour(value):
    return formatting.time_of_day(value) if value else ""


@register.filter
def datetime_text(value):
    return formatting.date_time(value) if value else ""


@register.simple_tag
def picture(image, sizes="100vw", loading="lazy", css_class="", crop=""):
    """A responsive <picture>: WebP sources with a JPEG fallback, of one of
    the image's crops (``crop="16x9"``, see images.CROPS) or its full frame."""
    if not image:
        return ""
    webp = image.srcset("webp", crop)
    source = format_html('<source type="image/webp" srcset="{}" sizes="{}">', webp, sizes) if webp else ""
    width, height = image.crop_size(crop)
    return format_html(
        '<picture{}>{}<img src="{}" srcset="{}" sizes="{}" alt="{}" width="{}" height="{}" '
        'loading="{}" decoding="async"></picture>',
        format_html(' class="{}"', css_class) if css_class else "",
        source,
        image.fallback_url(crop),
        image.srcset("jpeg", crop),
        sizes,
        image.alt,
        width,
        height,
        loading,
    )


@register.filter
def json_ld(data):
    """Serialise schema.org data for a <script type="application/ld+json">."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    # Keep "</script>" and HTML comments out of the script element.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (pagination
    links keep the filters)."""
    query = context["request"].GET.copy()
    for name, value in changes.items():
        if value in (None, ""):
            query.pop(name, None)
        else:
            query[name] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"
