"""News items and the news change form's data."""

import itertools
from datetime import datetime, timedelta

from django.utils import timezone

from comunicacio.publishing.models import Status
from news.models import Kind, NewsItem

from ._sequence import next_number
from .admin_forms import SOCIAL_PREFIX, split_datetime
from .organisation import make_unit

# make_live_news's own count: its publication times step back one minute per
# item, and a count shared with every other builder would soon reach days.
_live_order = itertools.count(1)


def make_news(
    *,
    status: str = Status.DRAFT,
    publish_at: datetime | None = None,
    tags: list[str] | tuple[str, ...] | None = None,
    **fields,
) -> NewsItem:
    """A news item saved directly in ``status`` (test set-up only: product
    code changes status through ``workflow.perform``). A published item with
    no ``publish_at`` gets "now"; with no ``unit``, a unit of its own."""
    number = next_number()
    fields.setdefault("title", f"Nova biblioteca al barri {number}")
    fields.setdefault("summary", "L'Ajuntament obre una biblioteca nova per als veïns del barri.")
    fields.setdefault("body", "<p>La biblioteca obre dilluns.</p>")
    fields.setdefault("kind", Kind.PRESS_NOTE)
    if "unit" not in fields:
        fields["unit"] = make_unit()
    if status == Status.PUBLISHED and publish_at is None:
        publish_at = timezone.now()
    item = NewsItem.objects.create(status=status, publish_at=publish_at, **fields)
    if tags:
        item.tags.set(tags)
    return item


def make_live_news(unit, *, title: str | None = None, tags=(), **fields) -> NewsItem:
    """A news item of ``unit`` visible now unless ``fields`` say otherwise.
    Each one is published a minute before the previous one, so that lists,
    feeds and cards show them in the order they were made."""
    number = next(_live_order)
    values = {
        "title": title or f"Notícia número {number}",
        "summary": f"Resum planer de la notícia {number}.",
        "body": f"<p>Cos de la notícia {number}.</p>",
        "kind": Kind.PRESS_NOTE,
        "status": Status.PUBLISHED,
        "publish_at": timezone.now() - timedelta(hours=1, minutes=number),
        "unit": unit,
    }
    values.update(fields)
    # Not through make_news: a published item given no date keeps none here.
    item = NewsItem.objects.create(**values)
    if tags:
        item.tags.add(*tags)
    return item


def news_admin_form_data(item: NewsItem | None = None, **overrides) -> dict:
    """POST data of the news change form as a browser would send it for
    ``item`` unchanged (or an empty add form), with ``overrides`` applied.
    Date-time overrides are given as datetimes under the field's name."""
    item = item or NewsItem(kind=Kind.PRESS_NOTE)
    values = {
        "kind": item.kind,
        "title": item.title,
        "summary": item.summary,
        "body": item.body,
        "image": item.image_id or "",
        "tags": ", ".join(sorted(item.tags.names())) if item.pk else "",
        "featured": item.featured,
        "unit": item.unit_id or "",
        "contact_name": item.contact_name,
        "contact_email": item.contact_email,
        "contact_phone": item.contact_phone,
        "publish_at": item.publish_at,
        "expire_at": item.expire_at,
        "embargo_until": item.embargo_until,
        "is_alert": item.is_alert,
        "alert_severity": item.alert_severity,
        "alert_start": item.alert_start,
        "alert_end": item.alert_end,
        "title_es": item.title_es,
        "summary_es": item.summary_es,
        "body_es": item.body_es,
    }
    values.update(overrides)
    data = {
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        # The press-mailing section (news.press.admin.PressDistributionInline).
        "press_distribution-TOTAL_FORMS": "0",
        "press_distribution-INITIAL_FORMS": "0",
        "press_distribution-MIN_NUM_FORMS": "0",
        "press_distribution-MAX_NUM_FORMS": "1",
        # The social posts inline (no rows: the posts are left as they are).
        f"{SOCIAL_PREFIX}-TOTAL_FORMS": "0",
        f"{SOCIAL_PREFIX}-INITIAL_FORMS": "0",
        f"{SOCIAL_PREFIX}-MIN_NUM_FORMS": "0",
        f"{SOCIAL_PREFIX}-MAX_NUM_FORMS": "0",
    }
    for name, value in values.items():
        if name in {"publish_at", "expire_at", "embargo_until", "alert_start", "alert_end"}:
            split_datetime(data, name, value)
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    return data
