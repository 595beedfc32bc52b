"""Bounces of bulk mailings: RFC 3464 delivery status notifications.

A mailing's emails are sent with a VERP envelope sender,
``<list local part>+<delivery pk>@domain``, so a bounce comes back addressed
to the delivery it is about, and the local part says which registered
mailing's delivery model it is in; the returned message's ``Message-ID``
(``<kind-<pk>@domain>``) identifies it too when the mail system rewrote the
address. A permanent failure (``Action: failed``, status 5.x.x) marks the
delivery ``bounced``; a delay only notes it.
"""

import email
import mailbox
import re
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from pathlib import Path

from django.db import transaction

from . import verp
from .mailings import Mailing, mailings


@dataclass
class Bounce:
    mailing: Mailing
    delivery_id: int
    permanent: bool
    reason: str


def _by_address(address: str) -> tuple[Mailing, int] | None:
    parsed = verp.parse(address)
    if parsed is None:
        return None
    local, pk = parsed
    for mailing in mailings():
        if mailing.verp_local() == local:
            return mailing, pk
    return None


def _by_message_id(text: str) -> tuple[Mailing, int] | None:
    for mailing in mailings():
        match = re.search(rf"<{re.escape(mailing.message_id_kind)}-(\d+)@[^>]+>", text)
        if match:
            return mailing, int(match[1])
    return None


def parse_dsn(message: EmailMessage) -> Bounce | None:
    """The bounce a DSN reports, or None if it is not one about a delivery of
    a registered mailing."""
    if message.get_content_type() != "multipart/report":
        return None
    found = None
    for header in ("X-Original-To", "Delivered-To", "To"):
        if message[header] and (found := _by_address(str(message[header]))):
            break
    status_fields: dict[str, str] = {}
    for part in message.walk():
        content_type = part.get_content_type()
        if content_type == "message/delivery-status":
            status_fields.update(_status_fields(part))
        elif content_type in ("message/rfc822", "text/rfc822-headers") and found is None:
            found = _by_message_id(_as_text(part))
    if found is None or not status_fields:
        return None
    action = status_fields.get("action", "").lower()
    status = status_fields.get("status", "")
    permanent = action == "failed" and status.startswith("5")
    reason = " ".join(
        value for value in (status, status_fields.get("diagnostic-code", ""), action) if value
    ).strip()
    mailing, delivery_id = found
    return Bounce(mailing, delivery_id, permanent, reason or "Bounced.")


def _status_fields(part) -> dict[str, str]:
    fields: dict[str, str] = {}
    payload = part.get_payload()
    blocks = payload if isinstance(payload, list) else [email.message_from_string(str(payload))]
    for block in blocks:
        for name, value in block.items():
            fields[name.lower()] = " ".join(str(value).split())
    return fields


def _as_text(part) -> str:
    payload = part.get_payload()
    if isinstance(payload, list):
        return "\n".join(str(item) for item in payload)
    return str(payload)


def record(bounce: Bounce) -> bool:
    """Store a bounce on its delivery; returns whether one was found."""
    with transaction.atomic():
        delivery = bounce.mailing.model.objects.select_for_update().filter(pk=bounce.delivery_id).first()
        if delivery is None:
            return False
        delivery.record_bounce(bounce.permanent, bounce.reason)
    return True


def process_maildir(path: Path) -> tuple[int, int]:
    """Read the new messages of a Maildir, record the bounces, and file every
    message read as seen. Returns (bounces recorded, messages ignored)."""
    box = mailbox.Maildir(path, factory=None, create=False)
    recorded = ignored = 0
    for key in list(box.keys()):
        message = box.get_message(key)
        if message.get_subdir() != "new":
            continue
        parsed = email.message_from_bytes(message.as_bytes(), policy=policy.default)
        bounce = parse_dsn(parsed)
        if bounce is not None and record(bounce):
            recorded += 1
        else:
            ignored += 1
        message.set_subdir("cur")
        message.add_flag("S")
        box[key] = message
    return recorded, ignored
