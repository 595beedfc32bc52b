"""Social publishing as side effects of the publishing workflow."""

from django.db import transaction

from comunicacio.publishing import effects

from . import sending
from . import tasks as tasks  # the social outbox's drain, registered in every process


@effects.register("social.publish", events={effects.PUBLISHED}, public=True)
def publish_posts(item, effect) -> None:
    # Runs once the item is visible (after its publish time and any embargo):
    # posts are scheduled here and sent by their own tasks, each its own
    # recorded state machine.
    # The effect fell due when the item became visible (its publish time, or
    # later when an embargo held it): staleness counts from then.
    due_now = sending.schedule_for_publication(item, visible_since=effect.due_at)
    if due_now:
        transaction.on_commit(lambda: sending.enqueue(due_now))


@effects.register("social.withdraw", events={effects.WITHDRAWN}, public=True)
def withdraw_posts(item, effect) -> None:
    sending.withdraw(item)


@effects.register("social.post_update", events={effects.ANNOUNCED_UPDATE}, public=True)
def post_update(item, effect) -> None:
    # Only when the publisher chose to announce an edit (a working copy's
    # publication): an ordinary edit posts nothing again.
    due_now = sending.post_update(item)
    if due_now:
        transaction.on_commit(lambda: sending.enqueue(due_now))


@effects.register("social.flag_outdated", events={effects.CHANGED}, public=True)
def flag_outdated_posts(item, effect) -> None:
    # After every saved edit of a published item (its dates and status
    # included: the effect runs once the edit is committed): sent posts that
    # announce what no longer holds are flagged for the publisher.
    sending.flag_outdated(item)
