"""What kinds of content can be posted, and how to read one item as a post.

Content types declare both in their ``ContentSpec`` (``social_kinds``,
``social_read``): social publishing reads them from the registry and never
imports a content app. Staff-only content is never posted.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import models

from comunicacio import registry


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
    # Whether the item may be posted automatically is the source's to say,
    # since only it knows what makes its content wrong to announce (social
    # never imports a content app). Asked when posts are scheduled, and
    # again by every send, the sweeper's included.
    #   withheld: why it must not be posted now ("" = it may): a cancelled
    #     or postponed event;
    #   stale_at: from when posting it makes no sense any more (an event's
    #     last date is over). None: the default rule, SOCIAL_STALE_AFTER_HOURS
    #     after the post was due.
    withheld: str = ""
    stale_at: datetime | None = None
    # What a post announces that can still change after it went out (an
    # event's status and dates), as an opaque fingerprint: a sent post whose
    # fingerprint no longer matches is flagged for the publisher. ``""``:
    # nothing of the kind (news).
    facts: str = ""
    # The correction the composer offers for a flagged post: a label put
    # before the title ("Cancel·lat", "Ajornat", "Nova data") and a line
    # under it (the new date and place).
    correction: str = ""
    correction_detail: str = ""


@dataclass(frozen=True)
class Source:
    model: type[models.Model]
    kinds: dict[str, str]  # kind -> label
    read: Callable[[models.Model], SocialContent]


def source_for(item) -> Source | None:
    """How ``item`` (an instance or a model) is posted; None if never."""
    spec = registry.spec_for(item)
    if spec is None or not spec.is_public or spec.social_read is None or not spec.social_kinds:
        return None
    return Source(spec.model, dict(spec.social_kinds), spec.social_read)


def content_for(item) -> SocialContent:
    source = source_for(item)
    if source is None:
        raise LookupError(f"{item._meta.label_lower} is never posted")
    return source.read(item)


def kind_choices() -> list[tuple[str, str]]:
    sources = [source_for(spec.model) for spec in registry.content_specs(registry.PUBLIC)]
    return [(kind, label) for source in sources if source for kind, label in source.kinds.items()]
