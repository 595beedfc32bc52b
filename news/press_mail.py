"""The email of a press note to one journalist.

One message per journalist (no recipient ever sees another), in the
journalist's language, HTML in the corporate identity plus plain text. Images
are links to the press room, documents are attached only when the
distribution says so. Headers:

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
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from comunicacio.publishing.handlers import render_text

from .media_relations import MediaContact, PressDelivery, mail_domain

UNSUBSCRIBE_SALT = "news.press.unsubscribe"
# Links in old emails keep working this long.
UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 365 * 2
MADRID = ZoneInfo("Europe/Madrid")
# The embargo label is a convention journalists (and their filters) look for
# verbatim, in capitals: fixed here, not left to a translation catalogue.
EMBARGO_LABEL = {"ca": "EMBARGAT FINS A", "es": "EMBARGADO HASTA"}
VERP_PATTERN = re.compile(r"^(?P<local>[^+@]+)\+(?P<pk>\d+)@", re.IGNORECASE)


# --- unsubscribe tokens --------------------------------------------------------------
def unsubscribe_token(contact: MediaContact) -> str:
    return signing.dumps(contact.pk, salt=UNSUBSCRIBE_SALT)


def contact_id_from_token(token: str) -> int:
    """The contact a token was made for; ``signing.BadSignature`` (or its
    subclass ``SignatureExpired``) when it was altered or is too old."""
    value = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    if not isinstance(value, int):
        raise signing.BadSignature("Unexpected payload")
    return value


def unsubscribe_url(contact: MediaContact) -> str:
    with translation.override(contact.language):
        path = reverse("news:press_unsubscribe", kwargs={"token": unsubscribe_token(contact)})
    return settings.SITE_URL + path


# --- addresses ---------------------------------------------------------------------
def press_address() -> str:
    return settings.PRESS_CONTACT["email"]


def envelope_sender(delivery: PressDelivery) -> str:
    local, _, domain = press_address().partition("@")
    return f"{local}+{delivery.pk}@{domain}"


def delivery_id_from_address(address: str) -> int | None:
    match = VERP_PATTERN.match(address.strip().strip("<>"))
    return int(match["pk"]) if match else None


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
    with translation.override(language):
        context = {
            "item": item,
            "contact": contact,
            "language": language,
            "embargo": embargo,
            "url": settings.SITE_URL + item.get_absolute_url(),
            "press_room_url": settings.SITE_URL + reverse("news:press_room"),
            "unsubscribe_url": unsubscribe_url(contact),
            "attachments": attachments,
            "attach_files": distribution.attach_files,
            "body_text": html_to_text(item.display_body),
            "council": settings.COUNCIL_NAME,
            "press_contact": settings.PRESS_CONTACT,
        }
        subject = " ".join(render_text("emails/press_note_subject.txt", context).split())
        text = render_text("emails/press_note.txt", context)
        body_html = render_to_string("emails/press_note.html", context)
    domain = mail_domain()
    message = EmailMultiAlternatives(
        subject,
        text,
        from_email=envelope_sender(delivery),
        to=[formataddr((contact.name, delivery.email))],
        reply_to=[press_address()],
        connection=connection,
        headers={
            "From": formataddr((f"{settings.COUNCIL_NAME} · Premsa", press_address())),
            "Message-ID": delivery.stable_message_id,
            "List-Id": f"<premsa.{domain}>",
            "List-Unsubscribe": (
                f"<{context['unsubscribe_url']}>, "
                f"<mailto:{press_address()}?subject={quote('baixa ' + str(contact.pk))}>"
            ),
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Precedence": "bulk",
        },
    )
    if embargo:
        message.extra_headers["X-Embargo-Until"] = timezone.localtime(item.embargo_until, MADRID).isoformat()
    message.attach_alternative(body_html, "text/html")
    if distribution.attach_files:
        for attachment in attachments:
            with attachment.file.open("rb") as handle:
                message.attach(attachment.file.name.rsplit("/", 1)[-1], handle.read())
    return message
