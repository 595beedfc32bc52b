"""The writes of event proposals: storing one sent through the public form
(whose anti-abuse is ``agenda.proposals.forms.GUARD``), and what approving or
rejecting one does.

Approval never publishes anything: it creates a draft event (saved through
``agenda.actions.save_event``, which materialises its occurrences and records
its first revision), submits it to review, and the normal workflow (approve,
schedule, publish) takes it from there.
"""

import logging
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

from agenda.actions import save_event
from agenda.models import Event, EventSession, Venue
from comunicacio import images, roles
from comunicacio.mail import compose
from comunicacio.publishing import actions as publishing
from comunicacio.storage import private_storage

from . import notices, venues
from .models import EventProposal, NoticeKind, ProposalState

logger = logging.getLogger(__name__)


class ProposalError(Exception):
    """A moderation step that cannot be done; ``str(error)`` is for the user."""


# --- submission ------------------------------------------------------------------------


def submit_proposal(values: dict, audiences=()) -> EventProposal:
    """Store a valid proposal and, once committed, confirm it to the proposer."""
    values = {**values, "image": received_image(values.get("image"))}
    with transaction.atomic():
        proposal = EventProposal.objects.create(**values, consent_at=timezone.now())
        if audiences:
            proposal.audiences.set(audiences)
        transaction.on_commit(lambda: send_received(proposal.pk))
    return proposal


def received_image(upload) -> ContentFile | None:
    """The proposer's image as it is kept until moderation: verified again,
    re-encoded without metadata (GPS position, camera, dates) and renamed at
    random, so that neither the location nor the original file name is
    stored. It goes to the private storage (the model field's), never under
    the public media folder."""
    if not upload:
        return None
    data, extension = images.strip_metadata(images.validate_upload(upload))
    return ContentFile(data, name=f"{secrets.token_hex(16)}.{extension}")


def _forget_image(proposal: EventProposal) -> list[str]:
    """Detach the private image from a decided proposal; the file itself is
    deleted once the decision is committed (a rollback keeps it)."""
    name = proposal.image.name if proposal.image else ""
    if name:
        proposal.image = ""
        discard_images([name])
    return ["image"] if name else []


def discard_images(names) -> None:
    """Delete private proposal images once the current transaction commits."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: [private_storage().delete(name) for name in names])


def _send(template: str, proposal: EventProposal, extra: dict | None = None) -> None:
    context = {
        "proposal": proposal,
        "council": settings.COUNCIL_NAME,
        "contact": settings.PRESS_CONTACT,
        **(extra or {}),
    }
    compose(f"emails/{template}", context, to=[proposal.email], language=settings.LANGUAGE_CODE).send()


def send_received(pk: int) -> None:
    proposal = EventProposal.objects.filter(pk=pk).first()
    if proposal is None:
        return
    try:
        _send("event_proposal_received", proposal)
    except Exception:
        # The proposal is stored; a lost confirmation must not turn the
        # proposer's success into an error page.
        logger.exception("Could not send the confirmation of event proposal %s", pk)


# --- moderation -------------------------------------------------------------------------


def _locked_pending(proposal: EventProposal) -> EventProposal:
    locked = EventProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.state != ProposalState.PENDING:
        raise ProposalError(
            _("La proposta «%(title)s» ja està %(state)s.")
            % {"title": locked.title, "state": locked.get_state_display().lower()}
        )
    return locked


# ``approve_proposal(venue=AUTO)``: use the known venue whose normalised name
# is the proposal's place, if exactly one is (no guessing).
AUTO = object()


def approve_proposal(
    proposal: EventProposal, user, *, venue=AUTO, new_venue_name: str = "", notify: bool = True
) -> Event:
    """Create a draft event from ``proposal`` and submit it to review.

    Its venue is ``venue`` (a known ``Venue`` the moderator chose, or None
    for none yet), or a new venue named ``new_venue_name`` created now.
    With ``notify`` the proposer is told, once the approval is committed
    (recorded: sent exactly once, see ``agenda.proposals.notices``)."""
    if not (roles.can(user, roles.EDIT, Event()) and user.has_perm("agenda.add_event")):
        raise ProposalError(_("No teniu permís per crear activitats a l'agenda."))
    new_venue_name = (new_venue_name or "").strip()
    if new_venue_name and not user.has_perm("agenda.add_venue"):
        raise ProposalError(_("No teniu permís per crear espais."))
    with transaction.atomic():
        locked = _locked_pending(proposal)
        if new_venue_name:
            venue = Venue.objects.create(name=new_venue_name[:150])
        elif venue is AUTO:
            venue = venues.exact_match(locked.venue_text)
        event = Event.objects.create(
            title=locked.title,
            summary=locked.summary,
            description=linebreaks(escape(locked.description)) if locked.description else "",
            category=locked.category,
            organiser_name=locked.organiser[:150],
            organiser_email=locked.email,
            organiser_phone=locked.phone,
            venue=venue,
            is_free=locked.is_free,
            price_text=locked.price_text,
            image=_library_image(locked, user),
            created_by=user,
        )
        event.audiences.set(locked.audiences.all())
        EventSession.objects.create(event=event, start=locked.start, end=locked.end, all_day=locked.all_day)
        save_event(event, user, created=True, comment=_("Creada a partir d'una proposta"))
        publishing.submit(
            event,
            user,
            comment=_("Proposta núm. %(pk)s de %(who)s. Lloc indicat: %(venue)s")
            % {"pk": locked.pk, "who": locked.organiser, "venue": locked.venue_text},
        )
        locked.state = ProposalState.APPROVED
        locked.event = event
        locked.decided_by = user
        locked.decided_at = timezone.now()
        # The image now lives in the media library (public only while the
        # event is): the private copy goes.
        forgotten = _forget_image(locked)
        locked.save(update_fields=["state", "event", "decided_by", "decided_at", *forgotten])
        if notify:
            notices.record(locked, NoticeKind.APPROVED)
    proposal.refresh_from_db()
    return event


def _library_image(proposal: EventProposal, user):
    """The proposal's image as a media-library image (metadata stripped,
    renditions made), or None."""
    if not proposal.image:
        return None
    from comunicacio.media import Image

    with proposal.image.open("rb") as handle:
        data = handle.read()
    # Not the random private name: one that says where the image came from.
    name = f"proposta-{proposal.pk}.{proposal.image.name.rsplit('.', 1)[-1]}"
    image = Image(
        title=proposal.title[:200],
        alt_text=(proposal.image_description or proposal.title)[:250],
        credit=(_("Imatge: %(who)s") % {"who": proposal.organiser})[:150],
        uploaded_by=user,
    )
    image.file = SimpleUploadedFile(name, data)
    image.save()
    return image


def reject_proposal(proposal: EventProposal, user, reason: str, notify: bool = False) -> None:
    reason = (reason or "").strip()
    if not reason:
        raise ProposalError(_("Indiqueu el motiu del rebuig."))
    with transaction.atomic():
        locked = _locked_pending(proposal)
        locked.state = ProposalState.REJECTED
        locked.rejection_reason = reason
        locked.decided_by = user
        locked.decided_at = timezone.now()
        forgotten = _forget_image(locked)
        locked.save(update_fields=["state", "rejection_reason", "decided_by", "decided_at", *forgotten])
        if notify:
            notices.record(locked, NoticeKind.REJECTED)
    proposal.refresh_from_db()
