"""Side effects of publishing: a pluggable list of handlers, each run once per
(item, event) through a recorded ``Effect`` row.

Apps register handlers with ``@register(...)``. ``schedule`` records the
effects of an event and, on commit, enqueues those already due; the beat
sweeper enqueues the rest when they fall due, retries failures with backoff and
catches anything a dead worker or broker lost. No task is ever enqueued with a
long ETA (Redis would redeliver it after its visibility timeout).
"""

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Effect

logger = logging.getLogger(__name__)

PUBLISHED = "published"
WITHDRAWN = "withdrawn"
CHANGED = "changed"


@dataclass(frozen=True)
class Handler:
    name: str
    events: frozenset[str]
    run: Callable  # run(item, effect) -> None; raise to retry


_handlers: dict[str, Handler] = {}


def register(name: str, events: set[str]) -> Callable:
    def decorator(func: Callable) -> Callable:
        _handlers[name] = Handler(name=name, events=frozenset(events), run=func)
        return func

    return decorator


def handlers_for(event: str) -> list[Handler]:
    return [handler for handler in _handlers.values() if event in handler.events]


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
    for handler in handlers_for(event):
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


def enqueue(effect_ids: list[int]) -> None:
    from .tasks import run_effect

    for effect_id in effect_ids:
        try:
            run_effect.delay(effect_id)
        except Exception:  # broker down: the sweeper will pick it up
            logger.warning("Could not enqueue effect %s; the sweeper will run it", effect_id)


def backoff(attempts: int) -> timedelta:
    """Exponential backoff with full jitter, capped at one hour."""
    ceiling = min(3600, 30 * 2 ** (attempts - 1))
    return timedelta(seconds=random.uniform(ceiling / 2, ceiling))


def run(effect_id: int) -> str:
    """Run one effect if it is due and nobody else is running it.

    The row lock is held while the handler runs: if the worker dies, the
    database rolls the transaction back and the effect stays pending."""
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
        item = effect.target
        effect.attempts += 1
        try:
            if handler is None:
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
        return "done"


def due_effect_ids(limit: int = 500) -> list[int]:
    return list(
        Effect.objects.filter(state=Effect.State.PENDING, due_at__lte=timezone.now())
        .order_by("due_at")
        .values_list("pk", flat=True)[:limit]
    )


def retry(effect: Effect) -> None:
    """Put a failed effect back in the queue (admin action)."""
    Effect.objects.filter(pk=effect.pk).update(state=Effect.State.PENDING, due_at=timezone.now(), attempts=0)
    transaction.on_commit(lambda: enqueue([effect.pk]))
