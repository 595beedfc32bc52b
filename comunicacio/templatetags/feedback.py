"""``{% feedback_form item %}``: "Us ha estat útil aquesta pàgina?" under a page."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def feedback_form(context, item):
    return ""
