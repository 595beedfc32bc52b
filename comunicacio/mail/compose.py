"""Composing an email: one way for every sender (the author told an item is
out, a proposal's organiser, a social account's owner, a journalist).

``compose`` renders ``<template>_subject.txt``, ``<template>.txt`` and, when
it exists, ``<template>.html`` in the recipient's language and sets the
headers mail systems read:

* ``Message-ID``: pass a stable one (``stable_message_id``) when the message
  may be sent again after a crash between the SMTP ``250`` and our COMMIT,
  so mail systems that deduplicate drop the copy;
* ``Auto-Submitted: auto-generated`` (RFC 3834) on a message a robot sends to
  one person, so out-of-office robots do not answer it; not on a list message,
  which carries ``List-Id`` and ``Precedence: bulk`` instead;
* ``List-Unsubscribe`` and, for a one-click link, ``List-Unsubscribe-Post:
  List-Unsubscribe=One-Click`` (RFC 8058).
"""

from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation

ONE_CLICK = "List-Unsubscribe=One-Click"


def render_text(template_name: str, context: dict) -> str:
    """Render a plain-text email template: no HTML escaping, or every
    apostrophe of a Catalan title ("l'Església") would arrive as ``&#x27;``."""
    template = get_template(template_name).template
    return template.render(Context(context, autoescape=False))


def mail_domain() -> str:
    """The domain of the site's own addresses (Message-IDs, list ids)."""
    return settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">")


def stable_message_id(kind: str, pk: int) -> str:
    """``<kind-pk@domain>``: identical on every attempt to send the row ``pk``."""
    return f"<{kind}-{pk}@{mail_domain()}>"


def _html(template: str, context: dict) -> str | None:
    try:
        return render_to_string(f"{template}.html", context)
    except TemplateDoesNotExist:
        return None


def compose(
    template: str,
    context: dict,
    *,
    to: list[str],
    language: str | None = None,
    message_id: str | None = None,
    auto_submitted: bool = True,
    from_email: str | None = None,
    from_name: str | None = None,
    envelope_from: str | None = None,
    reply_to: list[str] | None = None,
    list_id: str | None = None,
    list_unsubscribe: list[str] | None = None,
    one_click: bool = False,
    headers: dict[str, str] | None = None,
    connection=None,
) -> EmailMultiAlternatives:
    """The email of ``template`` (a path without extension) for ``to``.

    ``from_email`` (with ``from_name``) is the visible sender and
    ``envelope_from`` the return path (a VERP address); without them
    ``DEFAULT_FROM_EMAIL`` is both."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_text(f"{template}_subject.txt", context).split())
        text = render_text(f"{template}.txt", context)
        html = _html(template, context)
    extra: dict[str, str] = {}
    if from_email and (envelope_from or from_name):
        extra["From"] = formataddr((from_name, from_email)) if from_name else from_email
    if message_id:
        extra["Message-ID"] = message_id
    if auto_submitted:
        extra["Auto-Submitted"] = "auto-generated"
    if list_id:
        extra["List-Id"] = list_id
    if list_unsubscribe:
        extra["List-Unsubscribe"] = ", ".join(f"<{target}>" for target in list_unsubscribe)
        if one_click:
            extra["List-Unsubscribe-Post"] = ONE_CLICK
    if list_id:
        # A real list: out-of-office robots should not answer it either.
        extra["Precedence"] = "bulk"
    extra.update(headers or {})
    message = EmailMultiAlternatives(
        subject,
        text,
        from_email=envelope_from or from_email,
        to=to,
        reply_to=reply_to,
        connection=connection,
        headers=extra,
    )
    if html is not None:
        message.attach_alternative(html, "text/html")
    return message
