"""Side effects of publishing: a pluggable list of handlers, each run once per
(item, event) through a recorded ``Effect`` row.

Apps register handlers with ``@register(...)``; each content type lists in
its ``ContentSpec.effects`` the handlers that apply to it, and only those are
recorded for its items (handlers registered ``public=True`` act on what the
public sees, and never apply to staff-only content; ``comunicacio.checks``
refuses a spec that lists an unknown or inapplicable one). ``schedule``
records the effects of an event and, on commit, enqueues those already due; the beat
sweeper runs the rest when they fall due, retries failures with backoff and
catches anything a dead worker or broker lost. No task is ever enqueued with a
long ETA (Redis would redeliver it after its visibility timeout).

Delivery guarantee
------------------
Every effect runs **at least once**, and at most once except in one window.
``run`` claims the row with ``SELECT ... FOR UPDATE SKIP LOCKED`` and keeps
that transaction open while the handler talks to the outside world; the row
becomes ``done`` in the same transaction. So:

* a worker killed before the handler's external call finished (or a database
  or broker outage) rolls the transaction back: the effect is still
  ``pending`` and the sweeper runs it again. Nothing is lost. The broker
  message of the killed attempt is not needed (with Redis it only comes back
  after the visibility timeout, and is then skipped as already done);
* two workers, or a task and the sweeper, never run the same effect at the same
  time: the second one skips the locked row;
* the one duplicate window is between the external system's acceptance (SMTP
  ``250`` after ``DATA``, a social network's ``201``) and our ``COMMIT``: a
  crash exactly there rolls back a side effect that did happen, and the retry
  repeats it. Handlers narrow what a repeat costs with an idempotency key
  derived from the effect: the author email carries the stable Message-ID
  ``<effect-<pk>@domain>``, identical on every attempt, so mail systems that
  deduplicate by Message-ID drop the copy, and the recipient's client threads
  it as the same message.

Effects of a ``published`` event are only meaningful while the item is live in
that publication: they wait while the item is scheduled or embargoed, and are
dropped (marked done with a note) once the item was withdrawn, republished or
expired before they could run. A handler registered with
``wait_for_embargo=False`` (the press mailing, which must reach journalists
*before* the embargo lifts) runs as soon as the workflow released the item
(published, publish time passed, not expired), even while a per-model rule such
as a press-note embargo still hides it from the public.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone

from comunicacio import outbox

from .models import Effect, Status

logger = logging.getLogger(__name__)

PUBLISHED = "published"
WITHDRAWN = "withdrawn"
CHANGED = "changed"
# The publisher chose to announce an edit of live content (a working copy's
# publication with "post an update"): the channels that announced the item
# announce the change too. Never recorded on an ordinary edit.
ANNOUNCED_UPDATE = "announced_update"


@dataclass(frozen=True)
class Handler:
    name: str
    events: frozenset[str]
    run: Callable  # run(item, effect) -> None; raise to retry
    wait_for_embargo: bool = True
    # Acts on what the public sees (page cache, social networks, the press):
    # never for staff-only content.
    public: bool = False


_handlers: dict[str, Handler] = {}


def register(name: str, events: set[str], *, wait_for_embargo: bool = True, public: bool = False) -> Callable:
    """Register ``func(item, effect)`` for ``events``. With
    ``wait_for_embargo=False`` a ``published`` effect does not wait for
    per-model visibility rules (an embargo), only for the publish time. With
    ``public=True`` it acts on what the public sees, so it never applies to
    staff-only content."""

    def decorator(func: Callable) -> Callable:
        _handlers[name] = Handler(
            name=name, events=frozenset(events), run=func, wait_for_embargo=wait_for_embargo, public=public
        )
        return func

    return decorator


def handlers_for(event: str, item=None) -> list[Handler]:
    """The handlers of ``event``; given ``item``, only those its content
    type's declaration lists (and no public one for staff-only content)."""
    found = [handler for handler in _handlers.values() if event in handler.events]
    if item is None:
        return found
    spec = registry_spec(item)
    return [
        handler
        for handler in found
        if handler.name in spec.effects and (spec.is_public or not handler.public)
    ]


def handler_names() -> set[str]:
    return set(_handlers)


def get_handler(name: str) -> Handler | None:
    return _handlers.get(name)


def schedule(item, event: str, key: str, due_at: datetime | None = None) -> list[int]:
    """Record one effect per handler of ``event`` for ``item`` (once: an
    existing row with the same key is left alone) and enqueue the due ones
    after the surrounding transaction commits."""
    now = timezone.now()
    due_at = due_at or now
    content_type = ContentType.objects.get_for_model(item)
    created = []
    for handler in handlers_for(event, item):
        try:
            with transaction.atomic():
                effect = Effect.objects.create(
                    content_type=content_type,
                    object_id=item.pk,
                    handler=handler.name,
                    key=key,
                    due_at=due_at,
                )
        except IntegrityError:
            continue
        created.append(effect.pk)
    if created and due_at <= now:
        transaction.on_commit(lambda: enqueue(created))
    return created


def record(item, handler_name: str, key: str, due_at: datetime | None = None) -> int | None:
    """Record one effect of the handler ``handler_name`` for ``item`` under
    ``key`` (a handler that runs once per recipient, say, rather than once
    per event), if the item's content type declares the handler: once (an
    existing row with the same key is left alone), enqueued after the
    surrounding transaction commits when due. Returns the new row's pk, or
    None. A key ``published:<publication>:...`` ties the effect to that
    publication like the ``published`` event's own effects (it waits for
    the item to be visible, and is dropped if it never is)."""
    spec = registry_spec(item)
    handler = get_handler(handler_name)
    if handler is None or handler_name not in spec.effects or (handler.public and not spec.is_public):
        return None
    now = timezone.now()
    due_at = due_at or now
    try:
        with transaction.atomic():
            effect = Effect.objects.create(
                content_type=ContentType.objects.get_for_model(item),
                object_id=item.pk,
                handler=handler_name,
                key=key,
                due_at=due_at,
            )
    except IntegrityError:
        return None
    if due_at <= now:
        transaction.on_commit(lambda: enqueue([effect.pk]))
    return effect.pk


def registry_spec(item):
    from comunicacio import registry

    spec = registry.spec_for(item)
    if spec is None:
        # comunicacio.checks refuses such a model at start-up.
        raise ImproperlyConfigured(f"{item._meta.label}: publishable but declares no ContentSpec")
    return spec


def enqueue(effect_ids: list[int]) -> None:
    from .tasks import run_effect

    for effect_id in effect_ids:
        try:
            run_effect.delay(effect_id)
        except Exception:  # broker down: the sweeper will pick it up
            logger.warning("Could not enqueue effect %s; the sweeper will run it", effect_id)


# Shared by every outbox (30 s, 1 min, 2 min... capped at one hour, jittered).
backoff = outbox.backoff


def _obsolete_reason(
    effect: Effect, item, now: datetime, handler: Handler | None = None
) -> tuple[str, datetime | None] | None:
    """Why an effect of a ``published`` event should not run now.

    Returns ``None`` to run it, ``("", moment)`` to wait until ``moment`` (the
    item is scheduled or embargoed) and ``(reason, None)`` to drop it (the item
    is no longer live in the publication that scheduled the effect)."""
    # "published:<publication>" or "published:<publication>:<more>" (an
    # effect per recipient of the publication, ``record``).
    event, _, rest = effect.key.partition(":")
    publication = rest.split(":", 1)[0]
    if event != PUBLISHED or not hasattr(item, "publication"):
        return None
    if item.status != Status.PUBLISHED or str(item.publication) != publication:
        return (f"Skipped: the item is {item.status} in publication {item.publication}.", None)
    if handler is not None and not handler.wait_for_embargo:
        # Released by the workflow is enough: the base rule, without the
        # model's own extra conditions (the embargo).
        if item.expire_at is not None and item.expire_at <= now:
            return ("Skipped: the item expired before this effect could run.", None)
        if item.publish_at is not None and item.publish_at > now:
            return ("", item.publish_at)
        return None
    if item.is_visible(now):
        return None
    upcoming = type(item).objects.filter(pk=item.pk).next_visibility_change(now)
    if upcoming is None:
        return ("Skipped: the item expired before this effect could run.", None)
    return ("", upcoming)


def run(effect_id: int) -> str:
    """Run one effect if it is due and nobody else is running it.

    The row lock is held while the handler runs: if the worker dies, the
    database rolls the transaction back and the effect stays pending (see the
    delivery guarantee above). Returns what happened: ``done``, ``failed``
    (will be retried, or gave up), ``postponed``, ``obsolete`` or ``skipped``
    (not due, not pending, or being run by someone else)."""
    now = timezone.now()
    with transaction.atomic():
        effect = (
            Effect.objects.select_for_update(skip_locked=True)
            .filter(pk=effect_id, state=Effect.State.PENDING, due_at__lte=now)
            .first()
        )
        if effect is None:
            return "skipped"
        handler = get_handler(effect.handler)
        # A deleted item has nothing left to act on; the effect is finished.
        item = effect.target
        verdict = _obsolete_reason(effect, item, now, handler)
        if verdict is not None:
            reason, upcoming = verdict
            if upcoming is not None:
                # Not an attempt: the item is simply not live yet.
                effect.due_at = upcoming
                effect.save(update_fields=["due_at"])
                return "postponed"
            effect.state = Effect.State.DONE
            effect.done_at = timezone.now()
            effect.last_error = reason
            effect.save(update_fields=["state", "done_at", "last_error"])
            return "obsolete"
        effect.attempts += 1
        try:
            if handler is None:
                # Possibly a worker older than the code that scheduled the
                # effect: retrying lets an upgraded worker pick it up.
                raise LookupError(f"No handler registered as {effect.handler!r}")
            if item is not None:
                with transaction.atomic():
                    handler.run(item, effect)
        except Exception as exc:
            logger.exception("Effect %s (%s) failed", effect.pk, effect.handler)
            effect.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if effect.attempts >= settings.PUBLISHING_MAX_ATTEMPTS:
                effect.state = Effect.State.FAILED
            else:
                effect.due_at = timezone.now() + backoff(effect.attempts)
            effect.save(update_fields=["attempts", "last_error", "state", "due_at"])
            return "failed"
        effect.state = Effect.State.DONE
        effect.done_at = timezone.now()
        effect.last_error = ""
        effect.save(update_fields=["attempts", "last_error", "state", "done_at"])
        logger.info("Effect %s (%s %s) done", effect.pk, effect.handler, effect.key)
        return "done"


def due_effects(now: datetime | None = None):
    return Effect.objects.filter(state=Effect.State.PENDING, due_at__lte=now or timezone.now())


def due_effect_ids(limit: int = 500) -> list[int]:
    return list(due_effects().order_by("due_at").values_list("pk", flat=True)[:limit])


# The effects outbox: rows run under a held row lock (the guarantee above);
# the shared sweeper starts ``sweep_effects`` when some are due.
outbox.register(
    "effects",
    model=Effect,
    strategy=outbox.LOCK,
    drain="comunicacio.publishing.tasks.sweep_effects",
    interval=lambda: settings.PUBLISHING_SWEEP_SECONDS,
    due=due_effects,
)


def retry(effect: Effect) -> None:
    """Put a failed effect back in the queue (admin action)."""
    Effect.objects.filter(pk=effect.pk).exclude(state=Effect.State.DONE).update(
        state=Effect.State.PENDING, due_at=timezone.now(), attempts=0
    )
    transaction.on_commit(lambda: enqueue([effect.pk]))
