"""The writes of ``news`` that have consequences, each owning all of them.
Admin views, commands and tasks call these; they never reach into state."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comunicacio import roles
from comunicacio.publishing import workflow

from .press import sending as press_sending
from .press.models import PressDistribution


class NothingToSend(Exception):
    """The note is not out yet (publishing will send it) or nobody is new."""


def send_press_note(distribution: PressDistribution, user, now: datetime | None = None) -> int:
    """The publisher confirmed sending a live press note to the journalists
    added to its distribution since it went out: checks they may publish it,
    creates the deliveries (nobody who already had the note gets it twice),
    records who confirmed on the note's history and starts the batches after
    the commit (the outbox sweeper resumes them if the broker is down).
    Returns how many journalists it goes to."""
    from .models import Kind, NewsItem

    with transaction.atomic():
        item = NewsItem.objects.select_for_update().get(pk=distribution.news_id)
        if not roles.can(user, roles.PUBLISH, item):
            raise PermissionDenied
        if item.kind != Kind.PRESS_NOTE or not press_sending.is_released(item, now):
            raise NothingToSend(_("La nota no és publicada: s'enviarà quan es publiqui."))
        count = press_sending.recipients_not_sent(distribution)
        if not count:
            raise NothingToSend(_("No hi ha cap destinatari nou per enviar."))
        press_sending.create_deliveries(distribution, now)
        workflow.note(
            item,
            user,
            "press_sent",
            ngettext(
                "Enviada als mitjans: %(count)s destinatari afegit a la distribució.",
                "Enviada als mitjans: %(count)s destinataris afegits a la distribució.",
                count,
            )
            % {"count": count},
        )
        transaction.on_commit(press_sending.enqueue_batch)
    return count
