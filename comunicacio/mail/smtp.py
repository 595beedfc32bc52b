"""What an SMTP server's answer means for a delivery: refused for good, try
again later, and whether the connection can still be used."""

import smtplib
from typing import NamedTuple


class Verdict(NamedTuple):
    permanent: bool
    connection_lost: bool
    reason: str


def classify(exc: Exception) -> Verdict:
    """Permanent (5xx about the recipient), temporary (4xx, a connection
    problem), and whether the batch must stop using the connection."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(exc.recipients.values()))
        return Verdict(500 <= code < 600, False, f"{code} {_decode(text)}")
    if isinstance(exc, smtplib.SMTPSenderRefused):
        # About us, not the recipient: retry, and stop sending for now.
        return Verdict(False, True, f"{exc.smtp_code} {_decode(exc.smtp_error)}")
    if isinstance(exc, smtplib.SMTPResponseException):
        code = exc.smtp_code
        return Verdict(500 <= code < 600, code == 421, f"{code} {_decode(exc.smtp_error)}")
    # SMTPServerDisconnected, refused connection, timeout...
    return Verdict(False, True, f"{type(exc).__name__}: {exc}")


def _decode(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
