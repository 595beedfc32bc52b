"""A real SMTP server for the tests (aiosmtpd), run in a thread on a free port.

It records every message it receives, but counts as *delivered* only the ones
it answered ``250`` to, on a connection that was still open: that is what
"the author received the email" means. It can refuse (``451``/``554``), stop
listening, or hold its answer to ``DATA`` until released, which keeps the
sender's delivery in flight for as long as a test needs. It counts the SMTP
sessions clients opened (each one greets with EHLO or HELO), so a test can
tell one connection per batch from one per message.
"""

import asyncio
import email
import socket
import threading
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Attempt:
    message: EmailMessage
    recipients: list[str]
    outcome: str = "received"  # then: waiting, accepted, rejected, abandoned


@dataclass
class SmtpSink:
    port: int = field(default_factory=free_port)
    # None: answer 250; otherwise the refusal sent in answer to DATA.
    refusal: str | None = None
    attempts: list[Attempt] = field(default_factory=list)
    # SMTP sessions opened by clients (greetings received).
    sessions: int = 0
    _released: threading.Event = field(default_factory=threading.Event)
    _controller: Controller | None = None

    def __post_init__(self):
        self._released.set()

    # -- control --------------------------------------------------------------
    def start(self) -> "SmtpSink":
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        self._released.set()
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def hold(self) -> None:
        """Keep the answer to the next DATA commands until ``release``."""
        self._released.clear()

    def release(self) -> None:
        self._released.set()

    @property
    def delivered_attempts(self) -> list[Attempt]:
        return [attempt for attempt in self.attempts if attempt.outcome == "accepted"]

    @property
    def delivered(self) -> list[EmailMessage]:
        return [attempt.message for attempt in self.attempts if attempt.outcome == "accepted"]

    # -- aiosmtpd handler ---------------------------------------------------
    # With a hook, aiosmtpd leaves recording the greeting to the handler.
    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.sessions += 1
        session.host_name = hostname
        return responses

    async def handle_HELO(self, server, session, envelope, hostname):
        self.sessions += 1
        session.host_name = hostname
        return f"250 {server.hostname}"

    async def handle_DATA(self, server, session, envelope) -> str:
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=policy.default)
        attempt = Attempt(message=message, recipients=list(envelope.rcpt_tos))
        self.attempts.append(attempt)
        if self.refusal is not None:
            attempt.outcome = "rejected"
            return self.refusal
        if not self._released.is_set():
            attempt.outcome = "waiting"
            try:
                await asyncio.get_running_loop().run_in_executor(None, self._released.wait, 60)
            except asyncio.CancelledError:
                # aiosmtpd cancels the session when the client goes away.
                attempt.outcome = "abandoned"
                raise
            if server.transport is None or server.transport.is_closing():
                attempt.outcome = "abandoned"
                return "421 4.4.2 Connection lost"
        attempt.outcome = "accepted"
        return "250 2.0.0 Message accepted for delivery"
