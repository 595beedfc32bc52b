"""``comunicacio.mail.compose``: the one way every sender builds an email."""

import re
import smtplib
import subprocess
from pathlib import Path

import pytest
from django.test import override_settings

from comunicacio.mail import compose, mail_domain, stable_message_id
from comunicacio.mail.smtp import classify

ROOT = Path(__file__).resolve().parents[2]

TEMPLATES = {
    "mail/note_subject.txt": "  Nota  {{ title }}\n per  a {{ name }} ",
    "mail/note.txt": "{% get_current_language as lang %}[{{ lang }}] {{ title }}",
    "mail/note.html": "{% get_current_language as lang %}<p lang='{{ lang }}'>{{ title }}</p>",
    "mail/plain_subject.txt": "Avís",
    "mail/plain.txt": "Només text.",
}


@pytest.fixture(autouse=True)
def templates():
    with override_settings(
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "OPTIONS": {
                    "loaders": [("django.template.loaders.locmem.Loader", TEMPLATES)],
                    "builtins": ["django.templatetags.i18n"],
                },
            }
        ]
    ):
        yield


def test_subject_text_and_html_are_rendered_in_the_recipients_language():
    message = compose(
        "mail/note", {"title": "L'Església", "name": "Laia"}, to=["laia@diari.example"], language="es"
    )
    # The subject is one line; plain text is not HTML-escaped (no &#x27;).
    assert message.subject == "Nota L'Església per a Laia"
    assert message.body == "[es] L'Església"
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    assert html == "<p lang='es'>L&#x27;Església</p>"


def test_a_message_to_one_person_is_marked_as_sent_by_a_robot_with_a_stable_id():
    message = compose(
        "mail/plain", {}, to=["autor@ajuntament.example"], message_id=stable_message_id("effect", 7)
    )
    assert message.extra_headers == {
        "Message-ID": f"<effect-7@{mail_domain()}>",
        "Auto-Submitted": "auto-generated",
    }
    assert message.alternatives == []  # no HTML template: text only
    assert "List-Id" not in message.message()


def test_a_list_message_has_list_headers_one_click_unsubscribe_and_a_verp_return_path():
    message = compose(
        "mail/plain",
        {},
        to=["Laia Puig <laia@diari.example>"],
        auto_submitted=False,
        from_email="premsa@ajuntament.example",
        from_name="Ajuntament · Premsa",
        envelope_from="premsa+12@ajuntament.example",
        reply_to=["premsa@ajuntament.example"],
        list_id="<premsa.ajuntament.example>",
        list_unsubscribe=["https://web.example/baixa/x/", "mailto:premsa@ajuntament.example?subject=baixa"],
        one_click=True,
        headers={"X-Embargo-Until": "2026-01-01T10:00:00+01:00"},
    )
    parsed = message.message()
    assert message.from_email == "premsa+12@ajuntament.example"  # the envelope sender
    assert parsed["From"] == "=?utf-8?q?Ajuntament_=C2=B7_Premsa?= <premsa@ajuntament.example>"
    assert parsed["Reply-To"] == "premsa@ajuntament.example"
    assert parsed["List-Id"] == "<premsa.ajuntament.example>"
    assert parsed["List-Unsubscribe"] == (
        "<https://web.example/baixa/x/>, <mailto:premsa@ajuntament.example?subject=baixa>"
    )
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert parsed["Precedence"] == "bulk"
    assert parsed["X-Embargo-Until"] == "2026-01-01T10:00:00+01:00"
    assert "Auto-Submitted" not in parsed


def test_without_one_click_there_is_no_unsubscribe_post_header():
    message = compose(
        "mail/plain", {}, to=["a@b.example"], list_id="<l.example>", list_unsubscribe=["https://x.example/"]
    )
    assert "List-Unsubscribe-Post" not in message.extra_headers
    assert message.extra_headers["List-Unsubscribe"] == "<https://x.example/>"


def test_every_sender_composes_through_the_mail_block():
    """No app builds an EmailMultiAlternatives or sets Auto-Submitted or a
    Message-ID by hand any more: they all call compose()."""
    tracked = subprocess.run(
        ["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    offenders = []
    for relative in tracked:
        if relative.startswith(("tests/", "comunicacio/mail/")) or "/migrations/" in relative:
            continue
        source = (ROOT / relative).read_text(encoding="utf-8")
        if re.search(
            r"EmailMultiAlternatives\(|[\"']Auto-Submitted[\"']|[\"']Message-ID[\"']\s*[:\]]", source
        ):
            offenders.append(relative)
    assert offenders == []


def test_smtp_answers_are_classified():
    assert classify(smtplib.SMTPDataError(554, b"spam"))[:2] == (True, False)
    assert classify(smtplib.SMTPDataError(421, b"bye"))[:2] == (False, True)
    assert classify(ConnectionRefusedError())[:2] == (False, True)
    refused = smtplib.SMTPRecipientsRefused({"a@b.example": (450, b"later")})
    assert classify(refused) == (False, False, "450 later")
    assert classify(smtplib.SMTPSenderRefused(553, b"no relay", "x@y.example")).connection_lost
