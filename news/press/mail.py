"""The email of a press note to one journalist.

One message per journalist (no recipient ever sees another), in the
journalist's language, HTML in the corporate identity plus plain text
(composed by ``comunicacio.mail.compose``). Images are links to the press
room, documents are attached only when the distribution says so. Headers:

* ``Message-ID: <press-<delivery pk>@domain>``, identical on every attempt;
* ``List-Unsubscribe`` (a signed web link and a mailto) and
  ``List-Unsubscribe-Post: List-Unsubscribe=One-Click`` (RFC 8058);
* ``List-Id`` and ``Precedence: bulk``: it is a real list, so no
  ``Auto-Submitted``, but out-of-office robots should not answer it;
* for a note still under embargo when it is sent, the subject starts with
  "EMBARGAT FINS A dd/mm/aaaa hh:mm h" (Madrid time; "EMBARGADO HASTA" in
  Spanish), both bodies open with a banner, and ``X-Embargo-Until`` carries
  the moment in ISO 8601.

The envelope sender is ``<local>+<delivery pk>@domain`` (VERP): a bounce names
the delivery it is about (``manage.py process_bounces``).
"""

import html
import re
from datetime import datetime
from email.utils import formataddr
from urllib.parse import quote
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from comunicacio.mail import compose, mail_domain, unsubscribe, verp

from .models import Language, MediaContact, PressDelivery

UNSUBSCRIBE_SALT = "news.press.unsubscribe"
# Links in old emails keep working this long.
UNSUBSCRIBE_MAX_AGE = unsubscribe.DEFAULT_MAX_AGE
MADRID = ZoneInfo("Europe/Madrid")
# The embargo label is a convention journalists (and their filters) look for
# verbatim, in capitals: fixed here, not left to a translation catalogue.
EMBARGO_LABEL = {"ca": "EMBARGAT FINS A", "es": "EMBARGADO HASTA"}


# --- unsubscribe tokens --------------------------------------------------------------
def unsubscribe_token(contact: MediaContact) -> str:
    return unsubscribe.make_token(contact.pk, UNSUBSCRIBE_SALT)


def contact_id_from_token(token: str) -> int:
    """The contact a token was made for; ``signing.BadSignature`` (or its
    subclass ``SignatureExpired``) when it was altered or is too old."""
    return unsubscribe.read_token(token, UNSUBSCRIBE_SALT, UNSUBSCRIBE_MAX_AGE)


def unsubscribe_url(contact: MediaContact) -> str:
    with translation.override(contact.language):
        path = reverse("news:press_unsubscribe", kwargs={"token": unsubscribe_token(contact)})
    return settings.SITE_URL + path


# --- addresses ---------------------------------------------------------------------
def press_address() -> str:
    return settings.PRESS_CONTACT["email"]


def envelope_sender(delivery: PressDelivery) -> str:
    return verp.envelope_sender(press_address(), delivery.pk)


# --- embargo -------------------------------------------------------------------------
def embargo_in_force(item, now: datetime | None = None) -> bool:
    return item.embargo_until is not None and item.embargo_until > (now or timezone.now())


def embargo_text(moment: datetime, language: str) -> str:
    local = timezone.localtime(moment, MADRID)
    return f"{EMBARGO_LABEL.get(language, EMBARGO_LABEL['ca'])} {local:%d/%m/%Y %H:%M} h"


# --- text ----------------------------------------------------------------------------
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|tr|table|ul|ol)>|<br\s*/?>|<hr\s*/?>", re.I)
_LIST_ITEM = re.compile(r"<li[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")


def html_to_text(value: str) -> str:
    """Sanitised rich text as readable plain text (paragraphs kept)."""
    text = _LIST_ITEM.sub("- ", value or "")
    text = _BLOCK_END.sub("\n\n", text)
    text = html.unescape(_TAG.sub("", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# --- the message ---------------------------------------------------------------------
def build_message(delivery: PressDelivery, *, now: datetime | None = None, connection=None):
    """The email of ``delivery`` as it must be sent now (the embargo is
    judged at sending time)."""
    distribution = delivery.distribution
    item = distribution.news
    contact = delivery.contact
    language = contact.language if contact.language in EMBARGO_LABEL else settings.LANGUAGE_CODE
    now = now or timezone.now()
    embargo = embargo_text(item.embargo_until, language) if embargo_in_force(item, now) else ""
    attachments = list(item.attachments.all())
    link = unsubscribe_url(contact)
    with translation.override(language):
        context = {
            "item": item,
            "contact": contact,
            "language": language,
            "embargo": embargo,
            "url": settings.SITE_URL + item.get_absolute_url(),
            "press_room_url": settings.SITE_URL + reverse("news:press_room"),
            "unsubscribe_url": link,
            "attachments": attachments,
            "attach_files": distribution.attach_files,
            "body_text": html_to_text(item.display_body),
            "council": settings.COUNCIL_NAME,
            "press_contact": settings.PRESS_CONTACT,
        }
    headers = {}
    if embargo:
        headers["X-Embargo-Until"] = timezone.localtime(item.embargo_until, MADRID).isoformat()
    message = compose(
        "emails/press_note",
        context,
        to=[formataddr((contact.name, delivery.email))],
        language=language,
        message_id=delivery.stable_message_id,
        # A list message: List-Id and Precedence: bulk instead.
        auto_submitted=False,
        from_email=press_address(),
        from_name=f"{settings.COUNCIL_NAME} · Premsa",
        envelope_from=envelope_sender(delivery),
        reply_to=[press_address()],
        list_id=f"<premsa.{mail_domain()}>",
        list_unsubscribe=[link, f"mailto:{press_address()}?subject={quote('baixa ' + str(contact.pk))}"],
        one_click=True,
        headers=(
            {"X-Embargo-Until": timezone.localtime(item.embargo_until, MADRID).isoformat()}
            if embargo
            else None
        ),
        connection=connection,
    )
    if distribution.attach_files:
        for attachment in attachments:
            with attachment.file.open("rb") as handle:
                message.attach(attachment.file.name.rsplit("/", 1)[-1], handle.read())
    return message


# --- what the publisher sees before confirming --------------------------------------
def preview(distribution, contacts) -> list[dict]:
    """The email as ``contacts`` would get it now, once per language among
    them (each journalist receives it in their own): dicts with the
    ``language``'s name, ``subject``, ``text`` and ``count``. Nothing is
    saved nor sent."""
    by_language: dict[str, list] = {}
    for contact in contacts:
        language = contact.language if contact.language in EMBARGO_LABEL else settings.LANGUAGE_CODE
        by_language.setdefault(language, []).append(contact)
    shown = []
    for language, members in sorted(by_language.items(), key=lambda pair: pair[0] != settings.LANGUAGE_CODE):
        # An unsaved delivery: the message of the first journalist.
        sample = PressDelivery(distribution=distribution, contact=members[0], email=members[0].email)
        message = build_message(sample)
        shown.append(
            {
                "language": Language(language).label,
                "subject": message.subject,
                "text": message.body,
                "count": len(members),
            }
        )
    return shown
