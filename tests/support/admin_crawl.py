"""Crawling the back-office as one user and finding English on its pages.

What a page says is its visible text (not scripts, styles or templates)
and the words assistive technology reads or a button shows: ``title``,
``aria-label``, ``placeholder``, ``alt`` and the ``value`` of buttons. A
text is English when it is exactly an msgid of Django's, taggit's or
django-filter's catalogues whose Catalan translation differs (or which has
none), or when it holds a word of a short list of the admin's English.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import django
import django_filters
import taggit

HIDDEN_ELEMENTS = {"script", "style", "template", "noscript", "svg"}
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
BUTTON_INPUTS = {"submit", "button", "reset"}
VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}

# English the stock admin shows, whole words (case matters: "No" is Catalan too).
ENGLISH_WORDS = {
    "Add",
    "Save",
    "Delete",
    "Search",
    "Filter",
    "History",
    "View site",
    "Yes",
    "None",
    "Unknown",
    "Home",
    "Change",
    "Select",
    "Show",
    "Hide",
    "Today",
    "Now",
    "Clear",
    "Remove",
    "Edit",
    "Close",
    "Cancel",
    "Log out",
    "Welcome",
    "Password",
    "Username",
    "Action",
    "Actions",
    "Choose",
    "Tags",
    "tags",
    "Name",
    "Date",
    "Time",
    "Any date",
    "Past 7 days",
    "This month",
    "This year",
    "All",
    "Recent actions",
    "My actions",
    "Documentation",
    "Change password",
    "Toggle theme",
    "Skip to main content",
    "Start typing to filter",
    "comma-separated",
    "content type",
    "object ID",
}
_WORDS = re.compile(
    r"(?<![\wÀ-ÿ·])("
    + "|".join(re.escape(w) for w in sorted(ENGLISH_WORDS, key=len, reverse=True))
    + r")(?![\wÀ-ÿ·])"
)
# Texts that are English msgids but also right in Catalan (or no words at all).
NOT_ENGLISH = {"ID", "No", "Email", "URL", "slug", "Slug", "OK", "Total", "Error", "Web", "Local", "Original"}


@cache
def _catalog(mo: Path) -> dict[str, str]:
    with mo.open("rb") as handle:
        return dict(gettext.GNUTranslations(handle)._catalog)


def _mo(package_dir: Path, language: str) -> list[Path]:
    return sorted(package_dir.glob(f"**/locale/{language}/LC_MESSAGES/django*.mo"))


@cache
def english_msgids(language: str = "ca") -> frozenset[str]:
    """The English msgids of Django's, taggit's and django-filter's
    catalogues (their Spanish catalogues list them all), except those whose
    translation in ``language`` is the same word ("No", "Error:")."""
    from django.utils.translation import trans_real

    catalog = trans_real.translation(language)._catalog
    english = set()
    for package in (django, taggit, django_filters):
        for mo in _mo(Path(package.__file__).parent, "es"):
            english.update(m for m in _catalog(mo) if isinstance(m, str) and m.strip())
    return frozenset(
        msgid.strip()
        for msgid in english
        if "%" not in msgid
        and "{" not in msgid
        and msgid.strip() not in NOT_ENGLISH
        and catalog.get(msgid) != msgid
    )


class _Texts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._stack: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in VOID_ELEMENTS:
            self._stack.append(tag)
            if tag in HIDDEN_ELEMENTS:
                self._hidden += 1
        if self._hidden:
            return
        for name in READ_ATTRIBUTES:
            if attrs.get(name):
                self.texts.append(attrs[name])
        if tag == "input" and (attrs.get("type") or "").lower() in BUTTON_INPUTS and attrs.get("value"):
            self.texts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            return
        while self._stack:
            opened = self._stack.pop()
            if opened in HIDDEN_ELEMENTS:
                self._hidden -= 1
            if opened == tag:
                break

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.texts.append(data)


def visible_texts(html: str) -> list[str]:
    parser = _Texts()
    parser.feed(html)
    parser.close()
    return [" ".join(text.split()) for text in parser.texts]


def english_in(html: str, language: str = "ca") -> list[str]:
    """The texts of ``html`` that are English."""
    msgids = english_msgids(language)
    found = []
    for text in visible_texts(html):
        bare = text.strip(" :.…›»«")
        # Column headers and labels capitalise the msgid ("Content type").
        is_msgid = bare in msgids or bare[:1].lower() + bare[1:] in msgids
        if is_msgid or (match := _WORDS.search(text)):
            found.append(text if is_msgid else f"{match.group()!r} in {text!r}")
    return found


@dataclass
class Crawl:
    """The pages one user reached and the English found on each."""

    visited: list[str] = field(default_factory=list)
    english: dict[str, list[str]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)


_MODEL_LINK = re.compile(r'href="(/admin/[a-z_]+/[a-z_]+/(?:add/)?)"')
_CHANGE_LINK = re.compile(r'href="(/admin/[a-z_]+/[a-z_]+/[^/"?]+/change/)"')
_OBJECT_TOOL = re.compile(r'href="(/admin/[a-z_]+/[a-z_]+/[^/"?]+/(?:history|revisions)/)"')
_OTHER_ADMIN_LINK = re.compile(r'href="(/admin/[a-z_\-]+/(?:[a-z_\-]+/)?)"')
SKIP = ("/admin/logout/",)


def crawl(client, language: str = "ca", extra: tuple[str, ...] = ()) -> Crawl:
    """Every admin page ``client``'s user reaches from the index: each
    changelist and add form, one change form per model with its history and
    revisions, and the other back-office pages linked from the index."""
    result = Crawl()
    queue = ["/admin/", *extra]
    seen = set()

    def visit(url: str) -> str:
        seen.add(url)
        response = client.get(url)
        result.visited.append(url)
        if response.status_code != 200:
            result.errors[url] = response.status_code
            return ""
        html = response.content.decode()
        found = english_in(html, language)
        if found:
            result.english[url] = found
        return html

    while queue:
        url = queue.pop(0)
        if url in seen or url.startswith(SKIP):
            continue
        html = visit(url)
        if url == "/admin/":
            links = _MODEL_LINK.findall(html) + _OTHER_ADMIN_LINK.findall(html)
            queue.extend(link for link in links if link not in seen)
        elif not url.endswith(("/add/", "/change/", "/history/", "/revisions/")):
            # A changelist: its first item's change form, history, revisions.
            first = _CHANGE_LINK.search(html)
            if first and first.group(1) not in seen:
                change = visit(first.group(1))
                for tool in dict.fromkeys(_OBJECT_TOOL.findall(change)):
                    if tool not in seen:
                        visit(tool)
    return result
