"""How a content type plugs into the foundation: one declaration per model.

Every app that owns publishable content declares it once, in its
``hooks.py`` (imported by the foundation's ``AppConfig.ready`` for every
installed app, as ``django.contrib.admin`` discovers ``admin.py``)::

    registry.register_content(ContentSpec(model=NewsItem, name="news", ...))

The foundation builds from these declarations what every content type
needs (the staff preview, the sitemap, feeds, cards, navigation, the home
page, search, side effects, social posts) and never imports the apps that
declare them. ``checks.py`` verifies each declaration at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import models

PUBLIC = "public"  # citizens and journalists: public pages, caches, sitemap, feeds, social
STAFF = "staff"  # council staff only (the intranet): never in anything public

AUDIENCES = (PUBLIC, STAFF)


@dataclass(frozen=True)
class Teaser:
    """One item read the way every consumer of "an item" reads it: search
    results, the home page, social posts, bulletins and feeds."""

    kind: str  # the spec's name, e.g. "news"
    title: str
    summary: str
    url: str  # site-relative public URL (prefix SITE_URL for an absolute one)
    date: datetime | date | None = None
    language: str = "ca"
    image: Any = None  # comunicacio.media.Image or None
    image_alt: str = ""
    item: Any = None  # the model instance, for templates that need more


@dataclass(frozen=True)
class SearchField:
    """A field searched with a weight, PostgreSQL's A (most) to D (least)."""

    name: str
    weight: str = "C"
    language: str = "ca"  # "ca" or "es": which stemmer (PostgreSQL) reads it


@dataclass(frozen=True)
class NavEntry:
    """A link in the site's main navigation or footer."""

    url_name: str
    label: Any  # a lazy translation
    order: int = 50
    # "main" (the header's navigation) or "footer" in ``nav``; "footer"
    # (the footer's subscription list) or "head" (a <link rel="alternate">)
    # in ``feeds``.
    place: str = "main"
    # Other views (a name, or a namespace ending in ":") inside this entry's
    # section: on them the entry says aria-current="true".
    active: tuple[str, ...] = ()
    media_type: str = ""  # of a "head" link: application/rss+xml...


@dataclass(frozen=True)
class HomeSection:
    template: str
    context: Callable[[], dict]
    order: int = 50


@dataclass(frozen=True)
class ContentSpec:
    """What the foundation needs to know of one content type."""

    model: type[models.Model]
    # Stable short name: the preview URL (/preview/<name>/<pk>/), search
    # sections, teaser kinds. Never changes once content exists.
    name: str
    audience: str = PUBLIC
    teaser: Callable[[models.Model], Teaser] | None = None
    card_template: str = ""
    detail_template: str = ""
    # detail_context(request, item, preview: bool) -> dict for detail_template
    detail_context: Callable[..., dict] | None = None
    # detail_queryset() -> the rows the staff preview reads an item from
    # (any status), with what the detail page shows joined in.
    detail_queryset: Callable[[], models.QuerySet] | None = None
    # listing() -> the visible items, newest (or soonest) first
    listing: Callable[[], models.QuerySet] | None = None
    search_fields: tuple[SearchField, ...] = ()
    # Whether every visible item is listed in the sitemap, and the app's own
    # public pages (URL names: lists, forms) listed there too.
    sitemap: bool = False
    pages: tuple[str, ...] = ()
    # Subscription links to the type's feeds (NavEntry, place "footer" or "head").
    feeds: tuple[NavEntry, ...] = ()
    nav: tuple[NavEntry, ...] = ()
    home: HomeSection | None = None
    # Names of the publishing side-effect handlers that apply to this type.
    effects: tuple[str, ...] = ()
    # Social kinds it posts as ({"news.press_note": label}) and how to read
    # an item as a post (social.sources.SocialContent); empty: never posted.
    social_kinds: dict[str, Any] = field(default_factory=dict)
    social_read: Callable | None = None
    # visibility_watch(now) -> the next moment an item of this type appears
    # or disappears beyond its publish/expiry times (the agenda's midnight).
    visibility_watch: Callable[[datetime], datetime | None] | None = None
    # The field holding a library image shown with the item: the image is
    # public while a visible item shows it.
    image_field: str = ""
    # Stored files that belong to items: (folder prefix, owners(name) -> a
    # queryset of this model, the permission letting staff read them early).
    files: tuple[tuple[str, Callable[[str], models.QuerySet], str], ...] = ()
    # edit_action(item, user, *, comment) -> Revision: what records a saved
    # edit with all its consequences, when the type's saves do more than
    # ``publishing.actions.record_edit`` (the agenda materialises occurrences).
    # Publishing a working copy goes through it.
    edit_action: Callable | None = None

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def is_public(self) -> bool:
        return self.audience == PUBLIC

    def next_visibility_change(self, now: datetime) -> datetime | None:
        """When an item of this type next appears or disappears (for the
        page cache): its own watch, or the publish/expiry times."""
        if self.visibility_watch is not None:
            return self.visibility_watch(now)
        return self.model._default_manager.next_visibility_change(now)


_specs: dict[str, ContentSpec] = {}


def register_content(spec: ContentSpec) -> ContentSpec:
    if spec.audience not in AUDIENCES:
        raise ValueError(f"{spec.label}: unknown audience {spec.audience!r}")
    for other in _specs.values():
        if other.name == spec.name and other.model is not spec.model:
            raise ValueError(f"{spec.label}: the name {spec.name!r} is taken by {other.label}")
    _specs[spec.label] = spec
    return spec


def content_specs(audience: str | None = None) -> list[ContentSpec]:
    return [spec for spec in _specs.values() if audience is None or spec.audience == audience]


def spec_for(item_or_model) -> ContentSpec | None:
    """The declaration of a model, an instance of it, or a ``"app.model"``
    label; None for a model that declared nothing."""
    if isinstance(item_or_model, str):
        return _specs.get(item_or_model.lower())
    return _specs.get(item_or_model._meta.label_lower)


def is_public(item_or_model) -> bool:
    """Whether what happens to this content may reach anything public
    (caches, sitemap, feeds, search, social): a staff-only or undeclared
    type never does."""
    spec = spec_for(item_or_model)
    return spec is not None and spec.is_public


def unregister_content(spec: ContentSpec) -> None:
    """Forget a declaration (tests that declare a type for one test)."""
    if _specs.get(spec.label) is spec:
        del _specs[spec.label]


def spec_named(name: str) -> ContentSpec | None:
    return next((spec for spec in _specs.values() if spec.name == name), None)


def teasers(
    kinds: Iterable[str] | None = None, since: datetime | None = None, audience: str = PUBLIC
) -> list[Teaser]:
    """Visible items of the named types (all of ``audience`` by default),
    read as teasers, newest first; ``since`` keeps those published after."""
    wanted = set(kinds) if kinds is not None else None
    result = []
    for spec in content_specs(audience):
        if spec.listing is None or spec.teaser is None or (wanted is not None and spec.name not in wanted):
            continue
        rows = spec.listing()
        if since is not None:
            rows = rows.filter(publish_at__gt=since)
        result.extend(spec.teaser(item) for item in rows)
    return sorted(result, key=_teaser_sort_key, reverse=True)


def _teaser_sort_key(teaser: Teaser):
    moment = teaser.date
    if isinstance(moment, datetime):
        return moment.timestamp()
    if isinstance(moment, date):
        return datetime(moment.year, moment.month, moment.day).timestamp()
    return float("-inf")
