"""A bulk mailing: what the engine needs to know of one (its delivery model,
return address, how to build one message and when a delivery must wait), and
the registry bounces are matched against.

Settings: a mailing reads its batch size and rate from its own settings (the
press mailing's ``PRESS_BATCH_SIZE``, ``PRESS_SEND_RATE_PER_MINUTE``), which
default to the generic ``MAIL_BATCH_SIZE`` and ``MAIL_SEND_RATE_PER_MINUTE``."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings


@dataclass(frozen=True)
class Hold:
    """Why a claimed delivery is not sent now: skipped for good (``reason``)
    or postponed (``until``)."""

    reason: str = ""
    until: datetime | None = None


def _setting(name: str, generic: str) -> Callable[[], Any]:
    # Read at call time, so tests and a restarted worker see the current value.
    return lambda: getattr(settings, name, getattr(settings, generic))


@dataclass(frozen=True)
class Mailing:
    name: str
    # A concrete subclass of ``comunicacio.mail.deliveries.MailDelivery``.
    model: type
    # build_message(delivery, now=..., connection=...) -> EmailMessage
    build_message: Callable[..., Any]
    # The list's own address; its local part is the VERP prefix of bounces.
    return_address: Callable[[], str]
    # hold(delivery, now) -> Hold | None, judged at sending time.
    hold: Callable[[Any, datetime], Hold | None] = lambda delivery, now: None
    select_related: tuple[str, ...] = ()
    # Run after every batch (close the mailings with nothing left to send).
    after_batch: Callable[[], Any] = lambda: None
    batch_size: Callable[[], int] = field(default=_setting("MAIL_BATCH_SIZE", "MAIL_BATCH_SIZE"))
    rate_per_minute: Callable[[], int] = field(
        default=_setting("MAIL_SEND_RATE_PER_MINUTE", "MAIL_SEND_RATE_PER_MINUTE")
    )
    max_attempts: Callable[[], int] = lambda: settings.PUBLISHING_MAX_ATTEMPTS
    # How often the sweeper looks for a stalled chain of batches.
    sweep_seconds: Callable[[], float] = lambda: settings.PUBLISHING_SWEEP_SECONDS

    @property
    def message_id_kind(self) -> str:
        return self.model.message_id_kind

    def verp_local(self) -> str:
        return self.return_address().partition("@")[0].lower()


def settings_of(prefix: str) -> dict[str, Callable[[], Any]]:
    """The batch size and rate of a mailing whose settings are
    ``<prefix>_BATCH_SIZE`` and ``<prefix>_SEND_RATE_PER_MINUTE``."""
    return {
        "batch_size": _setting(f"{prefix}_BATCH_SIZE", "MAIL_BATCH_SIZE"),
        "rate_per_minute": _setting(f"{prefix}_SEND_RATE_PER_MINUTE", "MAIL_SEND_RATE_PER_MINUTE"),
    }


_mailings: dict[str, Mailing] = {}


def register(mailing: Mailing) -> Mailing:
    _mailings[mailing.name] = mailing
    return mailing


def mailings() -> list[Mailing]:
    return list(_mailings.values())
