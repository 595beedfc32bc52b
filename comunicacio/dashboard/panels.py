"""What a dashboard panel is, the panels and tools declared, and the small
helpers every panel's rows use (the admin link of an item, a moment written
the style book's way, "fa 5 minuts")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comunicacio import formatting


@dataclass(frozen=True)
class Row:
    """One line of a panel: what it is about and where to open it."""

    title: str
    url: str = ""
    kind: str = ""  # what sort of thing it is ("Notícia", "Activitat")
    meta: str = ""  # a line under the title: who, when, state
    note: str = ""  # a comment worth reading (the reviewer's)
    when: datetime | None = None  # the moment the row is about (a <time> element)
    when_text: str = ""  # that moment, written for people
    pk: int | None = None  # the row's own object, for panels with buttons
    extra: dict[str, Any] = field(default_factory=dict)


def _always(user) -> bool:
    return True


@dataclass(frozen=True)
class Panel:
    name: str  # stable: the panel's HTML id ("panel-<name>") and tests
    title: Any  # a lazy translation
    rows: Callable[[Any, datetime], list]
    # The list of rows most panels are; a panel with rows of its own kind
    # (the notifications' buttons) names its template.
    template: str = "admin/dashboard/_rows.html"
    order: int = 50
    visible: Callable[[Any], bool] = _always
    empty: Any = gettext_lazy("Res pendent.")

    @property
    def html_id(self) -> str:
        return "panel-" + self.name.replace(".", "-").replace("_", "-")


@dataclass(frozen=True)
class Tool:
    """A back-office page beyond the model lists, linked from the dashboard."""

    title: Any
    url_name: str
    visible: Callable[[Any], bool] = _always
    order: int = 50


_panels: dict[str, Panel] = {}
_tools: dict[str, Tool] = {}


def register_panel(panel: Panel) -> Panel:
    """Declare ``panel`` (again with the same name: replace it)."""
    _panels[panel.name] = panel
    return panel


def unregister_panel(name: str) -> None:
    _panels.pop(name, None)


def register_tool(tool: Tool) -> Tool:
    _tools[tool.url_name] = tool
    return tool


def panels_for(user) -> list[Panel]:
    """The panels ``user`` sees, in order."""
    return sorted(
        (panel for panel in _panels.values() if panel.visible(user)), key=lambda p: (p.order, p.name)
    )


def tools_for(user) -> list[dict]:
    """The declared tools ``user`` may open, as {"title", "url"}."""
    found = []
    for tool in sorted(_tools.values(), key=lambda t: (t.order, str(t.title))):
        if not tool.visible(user):
            continue
        try:
            found.append({"title": tool.title, "url": reverse(tool.url_name)})
        except NoReverseMatch:
            continue
    return found


# --- helpers for rows ----------------------------------------------------------
def change_url(obj, content_type=None) -> str:
    """The admin change page of ``obj`` ("" when the admin has none)."""
    if obj is None:
        return ""
    opts = obj._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


def moment_text(value: datetime, *, year: bool = False) -> str:
    """ "dijous, 3 de desembre, 9.00 h" (with the year when asked)."""
    return f"{formatting.long_date(value, weekday=True, year=year)}, {formatting.time_of_day(value)}"


def relative_time(value: datetime, now: datetime | None = None) -> str:
    """ "fa 5 minuts", "ara mateix" for under a minute; "d'aquí a 2 hores"
    for a moment still to come."""
    now = now or timezone.now()
    if abs(now - value) < timedelta(minutes=1):
        return _("ara mateix")
    if value > now:
        return _("d'aquí a %(time)s") % {"time": timesince(now, value, depth=1)}
    return _("fa %(time)s") % {"time": timesince(value, now, depth=1)}


def person(user) -> str:
    """How a member of staff is named in a sentence: their full name, else
    their user name; "Algú" when nobody is recorded."""
    if user is None:
        return _("Algú")
    return user.get_full_name() or user.get_username()


def type_label(model) -> str:
    name = str(model._meta.verbose_name)
    return name[:1].upper() + name[1:]
