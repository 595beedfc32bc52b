"""``{% render_blocks item.body %}``: a stack of blocks as HTML."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def render_blocks(context, blocks):
    return ""
