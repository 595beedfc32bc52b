"""The one place where content changes workflow state.

``perform`` checks who may do it, records the transition and a revision, and
schedules the side effects. Nothing else assigns ``status``. Admin buttons,
views, management commands and tasks reach it through the named verbs of
``comunicacio.publishing.actions``, which also own saving and restoring edits.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comunicacio import pagecache, registry, roles

from . import effects, revisions
from .models import Effect, Status, Transition


class TransitionError(Exception):
    """A refused transition; ``str(error)`` is a message for the user."""


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    capability: str  # roles.EDIT or roles.PUBLISH


def _action(name, label, sources, target, capability):
    return Action(name, label, frozenset(sources), target, capability)


ACTIONS = {
    action.name: action
    for action in [
        _action("submit", gettext_lazy("Envia a revisió"), {Status.DRAFT}, Status.REVIEW, roles.EDIT),
        _action(
            "return",
            gettext_lazy("Retorna a esborrany"),
            {Status.REVIEW, Status.APPROVED},
            Status.DRAFT,
            roles.PUBLISH,
        ),
        _action("approve", gettext_lazy("Aprova"), {Status.REVIEW}, Status.APPROVED, roles.PUBLISH),
        _action(
            "schedule",
            gettext_lazy("Programa"),
            {Status.REVIEW, Status.APPROVED},
            Status.PUBLISHED,
            roles.PUBLISH,
        ),
        _action(
            "publish",
            gettext_lazy("Publica ara"),
            {Status.DRAFT, Status.REVIEW, Status.APPROVED},
            Status.PUBLISHED,
            roles.PUBLISH,
        ),
        _action("withdraw", gettext_lazy("Retira"), {Status.PUBLISHED}, Status.WITHDRAWN, roles.PUBLISH),
        _action(
            "archive",
            gettext_lazy("Arxiva"),
            {Status.PUBLISHED, Status.WITHDRAWN},
            Status.ARCHIVED,
            roles.PUBLISH,
        ),
        _action(
            "reopen",
            gettext_lazy("Torna a esborrany"),
            {Status.WITHDRAWN, Status.ARCHIVED},
            Status.DRAFT,
            roles.EDIT,
        ),
    ]
}


def available_actions(item, user) -> list[Action]:
    """The actions ``user`` may perform on ``item`` in its current state."""
    return [
        action
        for action in ACTIONS.values()
        if item.status in action.sources and roles.can(user, action.capability, item)
    ]


def check(item, action_name: str, user, *, publish_at: datetime | None = None) -> Action:
    """Raise ``TransitionError`` unless ``user`` may apply the action now."""
    action = ACTIONS.get(action_name)
    if action is None:
        raise TransitionError(_("L'acció «%(action)s» no existeix.") % {"action": action_name})
    if not roles.can(user, action.capability, item):
        raise TransitionError(_("No teniu permís per a «%(action)s».") % {"action": action.label})
    if item.status not in action.sources:
        raise TransitionError(
            _("No es pot «%(action)s» un element en estat «%(status)s».")
            % {"action": action.label, "status": item.get_status_label()}
        )
    now = timezone.now()
    if action.name == "schedule" and (publish_at is None or publish_at <= now):
        raise TransitionError(_("Per programar cal una data de publicació futura."))
    if action.target == Status.PUBLISHED:
        starts = publish_at if action.name == "schedule" else now
        if item.expire_at and item.expire_at <= starts:
            raise TransitionError(
                _("La data de caducitat (%(expiry)s) ha de ser posterior a la de publicació.")
                % {"expiry": date_format(timezone.localtime(item.expire_at), "DATETIME_FORMAT")}
            )
    return action


def perform(
    item,
    action_name: str,
    user,
    *,
    comment: str = "",
    publish_at: datetime | None = None,
) -> Transition:
    """Apply one workflow action to ``item`` or raise ``TransitionError``."""
    with transaction.atomic():
        locked = type(item).objects.select_for_update().get(pk=item.pk)
        if action_name == "schedule":
            publish_at = publish_at or locked.publish_at
        action = check(locked, action_name, user, publish_at=publish_at)
        now = timezone.now()
        previous = locked.status
        if action.name == "schedule":
            locked.publish_at = publish_at
        elif action.name == "publish":
            locked.publish_at = now
        if action.target == Status.PUBLISHED:
            locked.publication += 1
        locked.status = action.target
        locked.save(update_fields=["status", "publish_at", "publication", "updated_at"])
        transition = Transition.objects.create(
            target=locked,
            action=action.name,
            from_status=previous,
            to_status=action.target,
            user=user if getattr(user, "pk", None) else None,
            comment=comment,
            at=now,
        )
        revisions.record(locked, user, comment=str(action.label))
        if action.target == Status.PUBLISHED:
            effects.schedule(locked, effects.PUBLISHED, f"published:{locked.publication}", locked.publish_at)
            purge_public_pages_on_commit(locked)
        elif previous == Status.PUBLISHED:
            effects.schedule(locked, effects.WITHDRAWN, f"withdrawn:{locked.publication}")
            purge_public_pages_on_commit(locked)
    # Keep the caller's instance in step with the database.
    for field in ("status", "publish_at", "publication", "updated_at"):
        setattr(item, field, getattr(locked, field))
    return transition


def purge_public_pages_on_commit(item=None) -> None:
    """Start a new page-cache generation as soon as the change is committed,
    in the request that made it: a withdrawal is gone from every page of
    every process at once, and a new generation also learns the moment a
    scheduled publication or a new expiry falls due. The ``cache.purge``
    effect does it again from the worker, as a backstop for a cache that was
    unreachable here (``robust``: that failure must not turn the committed
    change into an error page). A change to staff-only ``item`` is on no
    public page: nothing to purge."""
    if item is not None and not registry.is_public(item):
        return
    transaction.on_commit(pagecache.purge, robust=True)


def content_changed(item, revision) -> None:
    """Called after an edit is saved: a published item's pages must be purged,
    and if its publication time was moved, the publication's pending effects
    (the author's "it is live" email...) move with it."""
    if item.status != Status.PUBLISHED:
        return
    if item.publish_at is not None:
        pending = Effect.for_item(item).filter(
            key=f"published:{item.publication}", state=Effect.State.PENDING
        )
        moved = list(pending.exclude(due_at=item.publish_at).values_list("pk", flat=True))
        if moved:
            Effect.objects.filter(pk__in=moved).update(due_at=item.publish_at)
            if item.publish_at <= timezone.now():
                transaction.on_commit(lambda: effects.enqueue(moved))
    effects.schedule(item, effects.CHANGED, f"changed:{revision.pk}")
    purge_public_pages_on_commit(item)


def note(item, user, action: str, comment: str) -> Transition:
    """Record, among the item's state changes, something that happened to it
    without changing its state (a press mailing confirmed after publication,
    a shared library object it shows changed), so its history says who did
    what and when."""
    return Transition.objects.create(
        target=item,
        action=action,
        from_status=item.status,
        to_status=item.status,
        user=user if getattr(user, "pk", None) else None,
        comment=comment,
    )
