"""What kinds of content can be posted, and how to read one item as a post.

Content apps register their models here (``news`` does in its AppConfig,
``agenda`` will the same way): social publishing never imports them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models


@dataclass(frozen=True)
class SocialContent:
    kind: str  # one of the registered kinds, e.g. "news.press_note"
    title: str
    summary: str
    url: str  # absolute public URL
    campaign: str  # utm_campaign: a stable, readable name of the item
    tags: list[str] = field(default_factory=list)
    image: object | None = None  # comunicacio.media.Image
    language: str = "ca"


@dataclass(frozen=True)
class Source:
    model: type[models.Model]
    kinds: dict[str, str]  # kind -> label
    read: Callable[[models.Model], SocialContent]


_sources: dict[str, Source] = {}


def register(model: type[models.Model], kinds: dict[str, str], read: Callable) -> None:
    _sources[model._meta.label_lower] = Source(model, kinds, read)


def source_for(item) -> Source | None:
    return _sources.get(item._meta.label_lower)


def content_for(item) -> SocialContent:
    return _sources[item._meta.label_lower].read(item)


def kind_choices() -> list[tuple[str, str]]:
    return [(kind, label) for source in _sources.values() for kind, label in source.kinds.items()]
