"""The change form's preview links: the frame page in its own tab and the
item's share links (``templates/admin/publishing/change_form.html``)."""

from django import template
from django.urls import reverse

from .. import preview, registry

register = template.Library()


@register.inclusion_tag("preview/_object_tools.html")
def preview_tools(item):
    spec = registry.spec_for(item) if item is not None and getattr(item, "pk", None) else None
    if spec is None or not spec.detail_template:
        return {"links": None}
    kwargs = {"name": spec.name, "pk": item.pk}
    page = reverse("preview", kwargs=kwargs)
    return {
        "links": {
            "frame": reverse("preview_frame", kwargs=kwargs),
            "share": reverse("preview_share_links", kwargs=kwargs),
            # The side panel's language buttons: the languages the item has.
            "languages": [
                {"code": c, "name": preview.language_name(c), "src": preview.with_query(page, lang=c)}
                for c in preview.item_languages(item)
            ],
        }
    }
