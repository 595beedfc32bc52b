"""The home page is composed of sections that apps register, so that the
agenda and others can add theirs without the home knowing about them."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    name: str
    template: str
    order: int
    context: Callable[[], dict]


_sections: dict[str, Section] = {}


def register(name: str, template: str, context: Callable[[], dict], order: int = 50) -> None:
    _sections[name] = Section(name, template, order, context)


def sections() -> list[dict]:
    return [
        {"name": section.name, "template": section.template, **section.context()}
        for section in sorted(_sections.values(), key=lambda s: s.order)
    ]
