"""The search page's sections: one per searchable content type with
results, each result rendered with its type's card template."""

from dataclasses import dataclass

from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from .fields import searchable_specs


@dataclass(frozen=True)
class Section:
    name: str  # the content type's spec name
    items: list
    cards: list[SafeString]


def render_card(template, item) -> SafeString:
    """A card template reads its item as ``item`` and by its model's name
    (``event`` for an agenda event), so that each app's card works
    unchanged. No request: a card depends only on its item and the language."""
    return mark_safe(template.render({"item": item, item._meta.model_name: item}))


def sections(results: dict[str, list]) -> list[Section]:
    """``results`` (from ``search_all``) as the page shows them, in the
    registry's order, empty types left out."""
    found = []
    for spec in searchable_specs():
        items = results.get(spec.name) or []
        if items:
            template = get_template(spec.card_template)
            found.append(Section(spec.name, items, [render_card(template, item) for item in items]))
    return found
