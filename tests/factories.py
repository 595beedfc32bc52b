"""Plain factories shared by the test suite (no factory library: a few
functions that build valid objects with overridable fields)."""

import itertools
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from comunicacio import roles
from comunicacio.organisation import Building, Unit
from comunicacio.publishing.models import Status
from news.models import Kind, NewsItem

_sequence = itertools.count(1)

SOCIAL_PREFIX = "social-socialpost-content_type-object_id"

# Short names for the roles, so tests read ``make_user("editor")``.
ROLE_GROUPS = {
    "editor": roles.EDITORS,
    "publisher": roles.PUBLISHERS,
    "siteadmin": roles.SITE_ADMINS,
}


def make_user(role: str | None = None, *, staff: bool = True, username: str | None = None, **fields):
    """A user in the group for ``role`` ("editor", "publisher", "siteadmin"),
    or with no role at all when ``role`` is None; "superuser" builds one."""
    number = next(_sequence)
    username = username or f"{role or 'norole'}{number}"
    fields.setdefault("email", f"{username}@ajuntament.example")
    fields.setdefault("first_name", username.capitalize())
    user_model = get_user_model()
    if role == "superuser":
        return user_model.objects.create_superuser(username=username, password="contrasenya-prova", **fields)
    user = user_model.objects.create_user(
        username=username, password="contrasenya-prova", is_staff=staff, **fields
    )
    if role is not None:
        user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
    return user


def make_building(**fields) -> Building:
    number = next(_sequence)
    fields.setdefault("name", f"Casa de la Vila {number}")
    fields.setdefault("slug", f"casa-vila-{number}")
    fields.setdefault("address", f"Plaça de la Vila, {number}")
    return Building.objects.create(**fields)


def make_unit(**fields) -> Unit:
    number = next(_sequence)
    fields.setdefault("name", f"Departament de Cultura {number}")
    fields.setdefault("slug", f"cultura-{number}")
    return Unit.objects.create(**fields)


def make_news(
    *,
    status: str = Status.DRAFT,
    publish_at: datetime | None = None,
    tags: list[str] | None = None,
    **fields,
) -> NewsItem:
    """A news item saved directly in ``status`` (test set-up only: product
    code changes status through ``workflow.perform``). A published item with
    no ``publish_at`` gets "now"."""
    number = next(_sequence)
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


def _split_datetime(data: dict, name: str, value: datetime | None) -> None:
    """The admin's split date/time widget, in local time and ISO formats."""
    local = timezone.localtime(value) if value else None
    data[f"{name}_0"] = local.strftime("%Y-%m-%d") if local else ""
    data[f"{name}_1"] = local.strftime("%H:%M:%S") if local else ""


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
        # The press-mailing section (news.press_admin.PressDistributionInline).
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
            _split_datetime(data, name, value)
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    return data
