"""The bulk-mailing engine of ``comunicacio.mail`` as a block: VERP, signed
unsubscribe tokens, DSN bounces keyed on the registered mailings, and the
settings a mailing reads. (Press distribution, its first user, is tested end
to end in tests/news/test_media_relations.py and
tests/integration/test_press_distribution.py.)"""

from email import message_from_bytes, policy

import pytest
from django.core import signing

from comunicacio.mail import bounces, mailings, pacing, unsubscribe, verp
from news.press.sending import PRESS


def test_a_verp_address_names_the_list_and_the_delivery():
    address = verp.envelope_sender("premsa@ajuntament.example", 42)
    assert address == "premsa+42@ajuntament.example"
    assert verp.parse(f"<{address}>") == ("premsa", 42)
    assert verp.parse("Premsa+7@ajuntament.example") == ("premsa", 7)
    assert verp.parse("premsa@ajuntament.example") is None


def test_an_unsubscribe_token_is_bound_to_its_mailing():
    token = unsubscribe.make_token(5, salt="one.mailing")
    assert unsubscribe.read_token(token, salt="one.mailing") == 5
    with pytest.raises(signing.BadSignature):
        unsubscribe.read_token(token, salt="another.mailing")
    with pytest.raises(signing.BadSignature):
        unsubscribe.read_token(signing.dumps("5", salt="one.mailing"), salt="one.mailing")
    with pytest.raises(signing.SignatureExpired):
        unsubscribe.read_token(token, salt="one.mailing", max_age=-1)


def dsn(to: str, message_id: str = "") -> object:
    raw = (
        f"From: MAILER-DAEMON@mx.example\r\nTo: {to}\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example\r\n\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
        "--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"Message-ID: {message_id}\r\n\r\n--B--\r\n"
    ).encode()
    return message_from_bytes(raw, policy=policy.default)


def test_a_bounce_is_matched_to_the_registered_mailing_by_its_return_path_or_message_id():
    by_address = bounces.parse_dsn(dsn("premsa+9@ajuntament.example"))
    assert (by_address.mailing, by_address.delivery_id, by_address.permanent) == (PRESS, 9, True)
    by_id = bounces.parse_dsn(dsn("postmaster@ajuntament.example", "<press-11@ajuntament.example>"))
    assert (by_id.mailing, by_id.delivery_id) == (PRESS, 11)


def test_a_bounce_of_no_registered_mailing_is_ignored():
    assert bounces.parse_dsn(dsn("butlleti+9@ajuntament.example")) is None
    assert bounces.parse_dsn(dsn("postmaster@ajuntament.example", "<effect-3@ajuntament.example>")) is None


def test_a_mailing_reads_its_own_settings_and_falls_back_to_the_generic_ones(settings):
    settings.PRESS_BATCH_SIZE, settings.PRESS_SEND_RATE_PER_MINUTE = 7, 120
    assert (PRESS.batch_size(), PRESS.rate_per_minute()) == (7, 120)
    assert pacing.seconds_per_message(PRESS) == 0.5
    del settings.PRESS_BATCH_SIZE, settings.PRESS_SEND_RATE_PER_MINUTE
    settings.MAIL_BATCH_SIZE, settings.MAIL_SEND_RATE_PER_MINUTE = 3, 60
    assert (PRESS.batch_size(), PRESS.rate_per_minute()) == (3, 60)
    assert PRESS in mailings.mailings()


def test_only_the_mail_block_changes_the_state_of_a_delivery():
    """A press delivery's state used to be set in three news modules (sending,
    unsubscribing, bounces); now only ``MailDelivery``'s methods do."""
    import re
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    tracked = subprocess.run(
        ["git", "ls-files", "*.py"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.split()
    writes = re.compile(r"delivery\.state\s*=|PressDelivery\.State\.(SENT|REFUSED|BOUNCED|FAILED|SKIPPED)")
    offenders = [
        path
        for path in tracked
        if not path.startswith(("tests/", "comunicacio/mail/", "benchmarks/"))
        and writes.search((root / path).read_text(encoding="utf-8"))
    ]
    assert offenders == []
