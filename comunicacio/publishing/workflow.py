"""The one place where content changes workflow state.

``perform`` checks who may do it, records the transition and a revision, and
schedules the side effects. Nothing else assigns ``status``. Admin buttons,
views, management commands and tasks reach it through the named verbs of
``comunicacio.publishing.actions``, which also own saving and restoring edits.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comunicacio import pagecache, registry, roles

from . import effects, notify, revisions
from .models import Effect, Revision, Status, Transition


class TransitionError(Exception):
    """A refused transition; ``str(error)`` is a message for the user."""


@dataclass(frozen=True)
class Action:
    name: str
    label: str  # what the button says: "Envia a revisió"
    sources: frozenset[str]
    target: str
    capability: str  # roles.EDIT or roles.PUBLISH
    # What it did, for revisions and the transition log: "Enviat a revisió".
    done_label: str = ""
    # Who, among those with the capability, may do it (None: all of them).
    allowed: Callable | None = None


def _action(name, label, sources, target, capability, done_label, allowed=None):
    return Action(name, label, frozenset(sources), target, capability, done_label, allowed)


def submitted_by_or_author(item, user) -> bool:
    """Whoever sent ``item`` to review (its latest submission), or its author."""
    if getattr(user, "pk", None) is None:
        return False
    if item.created_by_id == user.pk:
        return True
    latest = (
        Transition.for_item(item)
        .filter(action__in=("submit", "copy_submit"))
        .order_by("-at", "-pk")
        .values_list("user_id", flat=True)
        .first()
    )
    return latest == user.pk


ACTIONS = {
    action.name: action
    for action in [
        _action(
            "submit",
            gettext_lazy("Envia a revisió"),
            {Status.DRAFT},
            Status.REVIEW,
            roles.EDIT,
            gettext_lazy("Enviat a revisió"),
        ),
        _action(
            # An editor takes back what they sent (to change it before anyone
            # reviews it); others' submissions are the publishers' to return.
            "unsubmit",
            gettext_lazy("Retira de la revisió"),
            {Status.REVIEW},
            Status.DRAFT,
            roles.EDIT,
            gettext_lazy("Retirat de la revisió"),
            submitted_by_or_author,
        ),
        _action(
            "return",
            gettext_lazy("Retorna a esborrany"),
            {Status.REVIEW, Status.APPROVED},
            Status.DRAFT,
            roles.PUBLISH,
            gettext_lazy("Retornat a esborrany"),
        ),
        _action(
            "approve",
            gettext_lazy("Aprova"),
            {Status.REVIEW},
            Status.APPROVED,
            roles.PUBLISH,
            gettext_lazy("Aprovat"),
        ),
        _action(
            "schedule",
            gettext_lazy("Programa"),
            {Status.REVIEW, Status.APPROVED},
            Status.PUBLISHED,
            roles.PUBLISH,
            gettext_lazy("Programat"),
        ),
        _action(
            "publish",
            gettext_lazy("Publica ara"),
            {Status.DRAFT, Status.REVIEW, Status.APPROVED},
            Status.PUBLISHED,
            roles.PUBLISH,
            gettext_lazy("Publicat"),
        ),
        _action(
            "withdraw",
            gettext_lazy("Retira"),
            {Status.PUBLISHED},
            Status.WITHDRAWN,
            roles.PUBLISH,
            gettext_lazy("Retirat"),
        ),
        _action(
            "archive",
            gettext_lazy("Arxiva"),
            {Status.PUBLISHED, Status.WITHDRAWN},
            Status.ARCHIVED,
            roles.PUBLISH,
            gettext_lazy("Arxivat"),
        ),
        _action(
            "reopen",
            gettext_lazy("Torna a esborrany"),
            {Status.WITHDRAWN, Status.ARCHIVED},
            Status.DRAFT,
            roles.EDIT,
            gettext_lazy("Tornat a esborrany"),
        ),
    ]
}

# Labels of what other code records with ``note`` (working copies, press
# mailings...), for the transition log; codes not listed are shown as they are.
_NOTE_LABELS: dict[str, str] = {}


def register_note_label(action: str, label) -> None:
    """Give the transition log a label (a lazy translation) for ``action``,
    a name other code records with ``note``."""
    _NOTE_LABELS[action] = label


# What the foundation itself records with ``note``, and the working copies'
# steps (publishing.working_copies), which may register their own wording.
register_note_label("shared_object_changed", gettext_lazy("Objecte compartit modificat"))
register_note_label("copy_submit", gettext_lazy("Còpia de treball enviada a revisió"))
register_note_label("copy_return", gettext_lazy("Còpia de treball retornada"))
register_note_label("copy_publish", gettext_lazy("Còpia de treball publicada"))


def action_label(name: str) -> str:
    """What the transition log says for a recorded action: "Enviat a revisió"."""
    if name in ACTIONS:
        return str(ACTIONS[name].done_label)
    return str(_NOTE_LABELS.get(name, name))


def _allows(action: Action, item, user) -> bool:
    return roles.can(user, action.capability, item) and (action.allowed is None or action.allowed(item, user))


def available_actions(item, user) -> list[Action]:
    """The actions ``user`` may perform on ``item`` in its current state."""
    return [
        action for action in ACTIONS.values() if item.status in action.sources and _allows(action, item, user)
    ]


def may_delete(item, user) -> bool:
    """Whether ``user`` may delete ``item``: a draft, with the delete
    permission for it, or their own draft that was never published (what
    they wrote and nobody saw), which they may edit, even without it."""
    if item.status != Status.DRAFT:
        return False
    if roles.can(user, roles.DELETE, item):
        return True
    return (
        item.publication == 0
        and getattr(user, "pk", None) is not None
        and item.created_by_id == user.pk
        and roles.can(user, roles.EDIT, item)
    )


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
    if action.allowed is not None and not action.allowed(item, user):
        raise TransitionError(
            _("Només qui l'ha enviat a revisió, o n'és l'autor, pot «%(action)s».") % {"action": action.label}
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
    revision: Revision | None = None,
) -> Transition:
    """Apply one workflow action to ``item`` or raise ``TransitionError``.

    It records one revision, labelled with what was done; given ``revision``
    (the one the save that came with the action just recorded) it becomes
    that revision instead, so a save and its action are one revision. The
    people the transition concerns are notified (``notify``) in the same
    transaction."""
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
        with translation.override(settings.LANGUAGE_CODE):
            # Stored in Catalan, the site's language; shown translated.
            label = str(action.done_label)
        if revision is not None and revision.object_id == locked.pk:
            revisions.relabel(revision, locked, label)
        else:
            revisions.record(locked, user, comment=label)
        notify.notify_transition(locked, transition)
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
