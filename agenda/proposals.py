"""The rules of public event proposals: what counts as spam, how often one
address may send, and what approving or rejecting a proposal does.

Approval never publishes anything: it creates a draft event, submits it to
review through ``comunicacio.publishing.workflow`` and the normal workflow
(approve, schedule, publish) takes it from there.
"""

import hashlib
import logging
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

from comunicacio import images, roles
from comunicacio.mail import compose
from comunicacio.publishing import revisions, workflow
from comunicacio.storage import private_storage

from .models import Event, EventProposal, EventSession, ProposalState, Venue

logger = logging.getLogger(__name__)

TOKEN_SALT = "agenda.proposal.form"


def min_seconds() -> int:
    """A person needs at least this long to fill the form in; bots don't."""
    return getattr(settings, "PROPOSAL_MIN_SECONDS", 5)


def max_token_age() -> int:
    return getattr(settings, "PROPOSAL_FORM_MAX_AGE", 24 * 3600)


def rate_limit() -> tuple[int, int]:
    """(submissions, per seconds) allowed from one address."""
    return getattr(settings, "PROPOSAL_RATE_LIMIT", (5, 3600))


@dataclass
class Refusal(Exception):
    """A submission refused as spam-like or too frequent; ``message`` is for
    the person at the keyboard, ``status`` is the HTTP status to answer."""

    message: str
    status: int = 400


class ProposalError(Exception):
    """A moderation step that cannot be done; ``str(error)`` is for the user."""


# --- anti-spam --------------------------------------------------------------------------


def form_token() -> str:
    """A signed timestamp for a freshly rendered form, with a nonce: two forms
    shown at the same instant get different tokens, each usable once."""
    return signing.dumps({"t": time.time(), "n": secrets.token_urlsafe(12)}, salt=TOKEN_SALT)


def _used_key(nonce: str) -> str:
    digest = hashlib.blake2b(nonce.encode(), digest_size=16).hexdigest()
    return f"agenda:proposals:token-used:{digest}"


def check_token(token: str) -> None:
    """Refuse a missing, forged, expired, too fast or already used form token,
    and spend it: a token is good for one submission only.

    The spent token is recorded with ``cache.add``, atomic on every backend
    (Redis ``SET NX`` in production, which every process shares), so two
    submissions racing with one token cannot both pass. The record lives as
    long as the token could still be accepted; after that its signature's age
    refuses it anyway."""
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT, max_age=max_token_age())
        elapsed = time.time() - float(data["t"])
        nonce = str(data["n"])
    except signing.SignatureExpired:
        raise Refusal(_("El formulari ha caducat. Torneu a omplir-lo i envieu-lo de nou.")) from None
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise Refusal(
            _("No hem pogut validar el formulari. Torneu a carregar la pàgina i envieu-lo de nou.")
        ) from None
    if elapsed < min_seconds():
        raise Refusal(
            _(
                "Heu enviat el formulari massa de pressa i sembla automàtic. "
                "Reviseu les dades i torneu-lo a enviar."
            )
        )
    remaining = max(1, int(max_token_age() - elapsed) + 1)
    if not cache.add(_used_key(nonce), 1, remaining):
        raise Refusal(
            _(
                "Aquest formulari ja s'ha enviat. Si voleu enviar una altra proposta, "
                "reviseu les dades i torneu-lo a enviar."
            )
        )


def check_honeypot(value: str) -> None:
    if value:
        raise Refusal(_("No s'ha acceptat la proposta: hi ha un camp que s'havia de deixar en blanc."))


def _rate_key(address: str) -> str:
    count, window = rate_limit()
    bucket = int(time.time() // window)
    digest = hashlib.blake2b(f"{address}".encode(), digest_size=12).hexdigest()
    return f"agenda:proposals:rate:{digest}:{bucket}"


def check_rate(address: str) -> None:
    count, window = rate_limit()
    if (cache.get(_rate_key(address)) or 0) >= count:
        raise Refusal(
            _(
                "Heu enviat massa propostes en poca estona. Espereu una hora i torneu-ho a provar, "
                "o escriviu-nos a %(email)s."
            )
            % {"email": settings.PRESS_CONTACT["email"]},
            status=429,
        )


def count_submission(address: str) -> None:
    """Count one submission (stored or refused as spam) against the address."""
    key = _rate_key(address)
    _, window = rate_limit()
    cache.add(key, 0, window)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)


# --- submission ------------------------------------------------------------------------


def submit(values: dict, audiences=()) -> EventProposal:
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


def approve(proposal: EventProposal, user) -> Event:
    """Create a draft event from ``proposal`` and submit it to review."""
    if not (roles.can(user, roles.EDIT, Event()) and user.has_perm("agenda.add_event")):
        raise ProposalError(_("No teniu permís per crear activitats a l'agenda."))
    with transaction.atomic():
        locked = _locked_pending(proposal)
        event = Event.objects.create(
            title=locked.title,
            summary=locked.summary,
            description=linebreaks(escape(locked.description)) if locked.description else "",
            category=locked.category,
            organiser_name=locked.organiser[:150],
            organiser_email=locked.email,
            organiser_phone=locked.phone,
            venue=Venue.objects.filter(name__iexact=locked.venue_text.strip()).first(),
            is_free=locked.is_free,
            price_text=locked.price_text,
            image=_library_image(locked, user),
            created_by=user,
        )
        event.audiences.set(locked.audiences.all())
        EventSession.objects.create(event=event, start=locked.start, end=locked.end, all_day=locked.all_day)
        _materialise(event)
        revisions.record(event, user, comment=_("Creada a partir d'una proposta"))
        workflow.perform(
            event,
            "submit",
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
    proposal.refresh_from_db()
    return event


def _materialise(event: Event) -> None:
    from .recurrence import materialise

    materialise(event)


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


def reject(proposal: EventProposal, user, reason: str, notify: bool = False) -> None:
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
            transaction.on_commit(lambda: _send("event_proposal_rejected", locked))
    proposal.refresh_from_db()
