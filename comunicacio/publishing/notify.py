"""Who is told of a workflow transition, and how.

``notify_transition(item, transition)`` maps the transition's action to a
kind of notification and its recipients, and, in the transaction that
recorded the transition, creates one ``Notification`` per recipient (their
dashboard entry, once: unique per recipient, transition and kind) and records
one ``workflow.notify`` effect per recipient: the email, sent by the worker in
the recipient's language, exactly once per recipient (a retry, or a worker
killed while sending to several people, only repeats the unsent ones; each
message's Message-ID is stable per effect).

- sent to review (``submit``, a working copy's ``copy_submit``): every active
  member of staff who may publish the item (unit scopes honoured), with the
  editor's comment;
- returned (``return``, ``copy_return``): the author, with the reason;
- approved, scheduled, published (``publish``, ``copy_publish``), withdrawn:
  the author.

Never the person who did it. Code that records a transition with
``workflow.note`` calls ``notify_transition`` itself; other action names
notify nobody unless ``register_action`` maps them. A "published" email
waits, like the publication's other effects, until the item is visible (an
embargo), and is dropped if it never was.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from comunicacio import formatting, registry, roles
from comunicacio.mail import compose, stable_message_id
from comunicacio.notifications import Notification
from comunicacio.preferences import language_for

from . import effects

HANDLER = "workflow.notify"
Kind = Notification.Kind

# Who is told: the item's publishers or its author.
PUBLISHERS = "publishers"
AUTHOR = "author"

_ACTIONS: dict[str, tuple[str, str]] = {
    "submit": (Kind.SUBMITTED, PUBLISHERS),
    "copy_submit": (Kind.SUBMITTED, PUBLISHERS),
    "return": (Kind.RETURNED, AUTHOR),
    "copy_return": (Kind.RETURNED, AUTHOR),
    "approve": (Kind.APPROVED, AUTHOR),
    "copy_approve": (Kind.APPROVED, AUTHOR),
    "schedule": (Kind.SCHEDULED, AUTHOR),
    "publish": (Kind.PUBLISHED, AUTHOR),
    "copy_publish": (Kind.PUBLISHED, AUTHOR),
    "withdraw": (Kind.WITHDRAWN, AUTHOR),
}


def register_action(action: str, kind: str, audience: str) -> None:
    """Notify ``audience`` (``PUBLISHERS`` or ``AUTHOR``) with ``kind`` of
    transitions recorded as ``action``."""
    if audience not in (PUBLISHERS, AUTHOR) or kind not in Kind.values:
        raise ValueError(f"{action}: unknown kind {kind!r} or audience {audience!r}")
    _ACTIONS[action] = (kind, audience)


def kind_of(action: str) -> str | None:
    found = _ACTIONS.get(action)
    return found[0] if found else None


def publishers_of(item) -> list:
    """Every active member of staff who may publish ``item`` (a unit-scoped
    role counts only for its units)."""
    opts = item._meta
    permission = Permission.objects.filter(
        content_type=ContentType.objects.get_for_model(item), codename=f"publish_{opts.model_name}"
    ).first()
    held = Q(is_superuser=True)
    if permission is not None:
        held |= Q(user_permissions=permission) | Q(groups__permissions=permission)
    candidates = (
        get_user_model().objects.filter(held, is_active=True, is_staff=True).distinct().order_by("pk")
    )
    return [user for user in candidates if roles.can(user, roles.PUBLISH, item)]


def recipients(item, transition, author=None) -> list:
    """Who ``transition`` concerns, never whoever made it. ``author``: who
    wrote what the transition is about, when not the item's author (a
    working copy's)."""
    found = _ACTIONS.get(transition.action)
    if found is None:
        return []
    _kind, audience = found
    if audience == PUBLISHERS:
        people = publishers_of(item)
    else:
        author = author or item.created_by
        people = [author] if author is not None and author.is_active else []
    return [person for person in people if person.pk != transition.user_id]


def notify_transition(item, transition, *, author=None) -> list[Notification]:
    """The dashboard entries of ``transition`` and, where the item's content
    type declares ``workflow.notify``, one recorded email per recipient.
    Call it in the transaction that recorded the transition."""
    kind = kind_of(transition.action)
    if kind is None:
        return []
    created = []
    for person in recipients(item, transition, author):
        notification, new = Notification.objects.get_or_create(
            recipient=person,
            transition=transition,
            kind=kind,
            defaults={"content_type": transition.content_type, "object_id": transition.object_id},
        )
        if not new:
            continue
        created.append(notification)
        if kind == Kind.PUBLISHED:
            # Bound to the publication: sent once the item is visible.
            key = f"published:{item.publication}:notify:{transition.pk}:{person.pk}"
            due_at = item.publish_at
        else:
            key = f"notify:{transition.pk}:{person.pk}"
            due_at = None
        effects.record(item, HANDLER, key, due_at)
    return created


def _names_from_key(key: str) -> tuple[int, int]:
    *_rest, transition_id, user_id = key.split(":")
    return int(transition_id), int(user_id)


def admin_url(item) -> str:
    try:
        path = reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_change", args=[item.pk])
    except NoReverseMatch:
        return ""
    return settings.SITE_URL + path


def _public_url(item) -> str:
    if not registry.is_public(item) or not hasattr(item, "get_absolute_url"):
        return ""
    return settings.SITE_URL + item.get_absolute_url()


@effects.register(HANDLER, events=set())
def send_notification(item, effect) -> None:
    """Email one recipient of one transition, in their language."""
    transition_id, user_id = _names_from_key(effect.key)
    notification = (
        Notification.objects.select_related("recipient", "transition__user")
        .filter(transition_id=transition_id, recipient_id=user_id)
        .first()
    )
    if notification is None:  # the transition or the person is gone
        return
    person = notification.recipient
    if not person.is_active or not person.email:
        return
    language = language_for(person)
    actor = notification.transition.user
    context = {
        "kind": notification.kind,
        "item": item,
        "title": str(item),
        "actor": (actor.get_full_name() or actor.get_username()) if actor else "",
        "comment": notification.transition.comment,
        "admin_url": admin_url(item),
        "public_url": _public_url(item),
        "when": formatting.moment(item.publish_at, language=language) if item.publish_at else "",
        "live": item.publish_at is not None and item.publish_at <= timezone.now(),
    }
    compose(
        "emails/workflow_notification",
        context,
        to=[person.email],
        language=language,
        # Identical on every attempt: mail systems drop the copy a crash
        # between the SMTP acceptance and our commit could cause.
        message_id=stable_message_id("effect", effect.pk),
    ).send()
