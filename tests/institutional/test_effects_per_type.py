"""Side effects are recorded per content type, as each declares them in its
hooks.py: an event is never sent to the press, an institutional entry is
neither sent to the press nor posted."""

from datetime import timedelta

from django.utils import timezone

from comunicacio.publishing import workflow
from comunicacio.publishing.models import Effect
from institutional.models import Holder, InstitutionalCategory, InstitutionalEntry
from tests.factories import local, make_event, make_user


def _handlers(item) -> set[str]:
    return set(Effect.for_item(item).values_list("handler", flat=True))


def test_publishing_an_institutional_entry_records_only_what_applies(
    superuser, django_capture_on_commit_callbacks
):
    holder = Holder.objects.create(name="Anna Puig i Serra", position="Alcaldessa", slug="anna-puig", order=1)
    entry = InstitutionalEntry.objects.create(
        holder=holder,
        start=timezone.now() + timedelta(days=2),
        subject="Reunió amb l'Associació de Veïns del Molí",
        category=InstitutionalCategory.MEETING,
        # An author other than the publisher: told by email (workflow.notify).
        created_by=make_user("editor"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(entry, "publish", superuser)
    assert _handlers(entry) == {"cache.purge", "workflow.notify"}
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(entry, "withdraw", superuser)
    assert _handlers(entry) == {"cache.purge", "workflow.notify"}


def test_publishing_an_event_records_no_press_mailing(superuser, django_capture_on_commit_callbacks):
    event = make_event(
        title="Concert",
        status="draft",
        sessions=[(local(2026, 11, 21, 19), local(2026, 11, 21, 21))],
        created_by=make_user("editor"),
    )
    with django_capture_on_commit_callbacks(execute=False):
        workflow.perform(event, "publish", superuser)
    assert _handlers(event) == {"cache.purge", "workflow.notify", "social.publish"}
