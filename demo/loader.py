"""Loads the Vilanova del Riu demo: organisation, users, images, pages and
news. Idempotent: everything is looked up by its slug, username or title first,
and existing rows are left alone, so a second run only reads."""

import hashlib
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from comunicacio import formatting
from comunicacio.publishing import actions
from comunicacio.publishing.models import Revision, Transition

from . import images, organisation, pages, stories, users
from .pdf import make_pdf
from .routine import ROUTINE

STORIES = stories.HANDWRITTEN + ROUTINE
PRESS_CONTACT = ("Anna Roca Mir, cap de premsa", "premsa@" + organisation.EMAIL_DOMAIN, "938 000 011")
# Hours at which a council usually sends out its news, picked per item.
OFFICE_HOURS = [(9, 30), (10, 0), (10, 45), (11, 30), (12, 15), (13, 0), (16, 30), (17, 45)]


@dataclass
class Summary:
    seconds: float = 0.0
    created_news: int = 0
    counts: dict = field(default_factory=dict)


def _stable_pick(key: str, options: list):
    digest = hashlib.sha256(key.encode()).digest()
    return options[digest[0] % len(options)]


def _at(day: datetime, hour: int, minute: int = 0) -> datetime:
    local = timezone.localtime(day)
    return local.replace(hour=hour, minute=minute, second=0, microsecond=0)


def publication_moment(story: stories.Story, now: datetime) -> datetime:
    if story.alert:
        return (now - timedelta(hours=story.alert.hours_before)).replace(second=0, microsecond=0)
    if abs(story.days_ago) < 1:
        return (now - timedelta(days=story.days_ago)).replace(second=0, microsecond=0)
    hour, minute = _stable_pick(story.slug, OFFICE_HOURS)
    if story.days_ago < 0:
        hour, minute = 10, 0
    return _at(now - timedelta(days=story.days_ago), hour, minute)


def _placeholders(story: stories.Story, when: datetime, language: str) -> dict:
    event_day = when + timedelta(days=story.event_in)
    start, end = (_at(event_day, hour) for hour in story.event_hours)
    event = formatting.long_date(event_day, weekday=True, year=False, language=language)
    return {
        "event": event,
        "Event": event[0].upper() + event[1:],
        "event_time": formatting.time_range(start, end, language=language),
        "month": formatting.month_with_preposition(timezone.localtime(when).month, language),
    }


def _fill(text: str, values: dict) -> str:
    return text.format_map(values) if text else ""


def _backdate(item, when: datetime, *, expire_at: datetime | None = None) -> None:
    """Move a just-published item's history to ``when``.

    Only demo history is back-dated: the workflow refuses to publish in the
    past (rightly), so the demo publishes now and then rewrites the dates of
    what it just did, as if the team had done it on those days."""
    fields = {"publish_at": when, "created_at": when - timedelta(hours=2)}
    if expire_at:
        fields["expire_at"] = expire_at
    type(item).objects.filter(pk=item.pk).update(**fields)
    transitions = list(Transition.for_item(item).order_by("pk").values_list("pk", flat=True))
    for index, pk in enumerate(reversed(transitions)):
        Transition.objects.filter(pk=pk).update(at=when - timedelta(hours=index))
    revision_ids = list(Revision.for_item(item).order_by("pk").values_list("pk", flat=True))
    for index, pk in enumerate(reversed(revision_ids)):
        Revision.objects.filter(pk=pk).update(created_at=when - timedelta(hours=index))


def create_story(story: stories.Story, *, now, units, pictures, editor, publisher):
    from news.models import Attachment, NewsItem

    when = publication_moment(story, now)
    ca, es = _placeholders(story, when, "ca"), _placeholders(story, when, "es")
    unit = units[story.unit]
    contact = PRESS_CONTACT if story.kind == stories.PRESS else (unit.name, unit.email, unit.phone)
    item = NewsItem(
        kind=story.kind,
        slug=story.slug,
        title=_fill(story.title, ca),
        title_es=_fill(story.title_es, es),
        summary=_fill(story.summary, ca),
        summary_es=_fill(story.summary_es, es),
        body=_fill(story.body, ca),
        body_es=_fill(story.body_es, es),
        image=pictures.get(story.image) if story.image else None,
        unit=unit,
        contact_name=contact[0],
        contact_email=contact[1],
        contact_phone=contact[2],
        featured=story.featured,
        created_by=editor,
    )
    if story.embargo_hours:
        item.embargo_until = _at(now + timedelta(hours=story.embargo_hours), 10)
    if story.alert:
        item.is_alert = True
        item.alert_severity = story.alert.severity
        item.alert_start = when
        item.alert_end = (now + timedelta(hours=story.alert.hours_after)).replace(second=0, microsecond=0)
    # The demo's own texts must respect the same rules as the admin form
    # (summary length, alerts only on notices, embargo only on press notes).
    item.full_clean()
    item.save()
    item.tags.set(list(story.tags))
    actions.record_edit(item, editor, created=True)

    if story.attachment:
        title, lines = story.attachment
        attachment = Attachment(news=item, title=title, position=0)
        attachment.file.save(f"{story.slug}.pdf", ContentFile(make_pdf(title, lines)), save=True)

    if story.state == stories.DRAFT:
        return item
    actions.submit(item, editor, comment="Llesta per revisar.")
    if story.state == stories.REVIEW:
        return item
    if story.state == stories.RETURNED:
        actions.return_to_draft(item, publisher, comment=story.extra["returned"])
        return item
    if story.state == stories.SCHEDULED:
        actions.schedule(item, publisher, when, comment="Programada.")
        return item
    actions.publish(item, publisher)
    expire_at = None
    if story.state == stories.EXPIRED:
        expire_at = _at(now - timedelta(days=story.expired_days_ago), 23, 59)
    _backdate(item, when, expire_at=expire_at)
    if story.state == stories.WITHDRAWN:
        actions.withdraw(item, publisher, comment="Retirada: la data del trasllat s'ha ajornat.")
    return item


def load_news(units, pictures, people) -> int:
    from news.models import NewsItem

    existing = set(NewsItem.objects.filter(slug__in=[s.slug for s in STORIES]).values_list("slug", flat=True))
    missing = [story for story in STORIES if story.slug not in existing]
    if not missing:
        return 0
    now = timezone.now()
    editor, publisher = people["redaccio"], people["cap"]
    with transaction.atomic():
        for story in missing:
            create_story(story, now=now, units=units, pictures=pictures, editor=editor, publisher=publisher)
    return len(missing)


def load() -> Summary:
    from news.models import NewsItem

    started = time.monotonic()
    units = organisation.load()
    people = users.load()
    pages.load()
    pictures = images.load(people["redaccio"])
    created = load_news(units, pictures, people)
    from . import agenda as agenda_demo
    from . import dashboard as dashboard_demo
    from . import institutional as institutional_demo

    agenda_demo.load(people)
    institutional_demo.load(people)
    # The back-office home: notifications, proposals to moderate.
    dashboard_demo.load(people)
    demo_news = NewsItem.objects.filter(slug__in=[s.slug for s in STORIES])
    return Summary(
        seconds=time.monotonic() - started,
        created_news=created,
        counts={
            "units": len(units),
            "buildings": len(organisation.BUILDINGS),
            "images": len(pictures),
            "pages": len(pages.PAGES),
            "news": demo_news.count(),
            "visible news": demo_news.visible().count(),
            "events": len(agenda_demo.EVENTS),
            "institutional holders": len(institutional_demo.HOLDERS),
            "institutional entries": len(institutional_demo.ENTRIES),
        },
    )
