"""The agenda's writes that other code calls (the admin, proposal approval,
the demo): each owns every consequence of the write.

An event's dated occurrences are rows materialised from its sessions and
recurrence rule (``agenda.recurrence``); every save of an event's schedule,
whoever makes it, must bring them in line before anything reads them, and
then be recorded like any edit of publishable content
(``comunicacio.publishing.actions``). The daily task and the rebuild command
materialise through here too. Moderating proposals has its own
actions in ``agenda.proposals.actions``.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comunicacio.publishing import actions as publishing

from . import recurrence
from .models import Event


def save_event(event: Event, user, *, created: bool = False, comment: str = ""):
    """``event`` (its row, sessions and occurrence edits) has been saved:
    materialise its occurrences, then record the edit (a revision and, when
    the event is live, the purge and the "changed" effects). Returns the
    revision. A recurrence rule that cannot be used raises ``ValidationError``
    before anything is recorded."""
    with transaction.atomic():
        recurrence.materialise(event)
        return publishing.record_edit(event, user, created=created, comment=comment)


def restore_event_revision(event: Event, revision, user):
    """Bring an older revision of ``event`` back: its fields, including the
    recurrence rule, so its occurrences follow the restored rule."""
    with transaction.atomic():
        restored = publishing.restore_revision(event, revision, user)
        recurrence.materialise(event)
    return restored


def edit_occurrence(occurrence, user, *, cancelled=None, start=None, end=None, note=None):
    """Move, cancel or restore one date of an event (``start=False`` undoes
    a move), then record it like any edit of the event: a revision saying
    which date changed, and, when the event is live, the purge and the
    "changed" effects. A move that is not valid raises ``ValidationError``
    with nothing changed. Returns the revision."""
    from comunicacio import formatting

    event = occurrence.event
    with transaction.atomic():
        recurrence.edit_occurrence(occurrence, cancelled=cancelled, start=start, end=end, note=note)
        occurrence.refresh_from_db()
        planned = formatting.long_date(occurrence.original_date)
        if occurrence.cancelled:
            comment = _("Data del %(date)s cancel·lada") % {"date": planned}
        elif occurrence.is_moved:
            comment = _("Data del %(date)s moguda a: %(when)s") % {
                "date": planned,
                "when": occurrence.when_text(),
            }
        else:
            comment = _("Data del %(date)s restablerta") % {"date": planned}
        if occurrence.note:
            comment = f"{comment} ({occurrence.note})"
        return publishing.record_edit(event, user, comment=comment[:255])


def extend_horizon() -> dict:
    """Materialise the occurrences of running series that entered the
    horizon (the daily task). No revision: the events themselves are unchanged."""
    return recurrence.extend_horizon()


def regenerate_occurrences() -> dict:
    """Rebuild every event's occurrence rows, keeping per-occurrence edits
    (the ``regenerate_occurrences`` command)."""
    return recurrence.regenerate_all()


def materialise_bulk_loaded(events: list[Event], sessions: dict) -> int:
    """Write the occurrences and calendar signatures of events created with
    ``bulk_create`` (the benchmark's volume generator, imports), which skip
    ``save_event``: the same rows materialising would write, so regenerating
    them afterwards is the no-op it is on a live site. ``sessions`` maps each
    event's pk to its one session. Returns the number of occurrences."""
    from .models import Occurrence

    horizon = timezone.localdate() + timedelta(days=recurrence.horizon_days())
    for event in events:
        event.schedule_signature = recurrence.schedule_signature(event, [sessions[event.pk]], overrides=[])
    Event.objects.bulk_update(events, ["schedule_signature"], batch_size=500)
    rows = [
        recurrence.new_occurrence(event, planned)
        for event in events
        for planned in recurrence.plan(event, [sessions[event.pk]], until=horizon)
    ]
    Occurrence.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
