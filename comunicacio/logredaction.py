"""Secrets never reach a log line, an error email or a debug page.

Two layers, because neither alone is enough:

* **Known secrets.** Code that decrypts or sends a credential registers its
  value (``register``): the social accounts' secrets when they are decrypted,
  every adapter's secret credentials and every ``Authorization`` value it
  sends. Any later occurrence of one of them, raw, percent-encoded or
  HTML-escaped, is replaced by ``MARKER``. This catches a secret wherever it
  ends up (a URL path, a query, a header dump, an exception message).
* **Patterns** for what looks like a secret even if nobody registered it in
  this process: Telegram bot tokens (``/bot123:AAE…/``), ``access_token=``
  and the like in queries and bodies, ``Authorization``/``Bearer`` values,
  JSON Web Tokens, and ``"…token": "…"`` pairs.

``RedactSecrets`` is the logging filter ``settings.LOGGING`` puts on every
handler (the Celery worker's handlers get it through its logging signals,
see ``comunicacio.celery``). ``SecretsFilter`` and ``RedactingReporter`` are
Django's exception reporter filter and reporter: they cleanse frame
variables that hold a secret and the credential fields of a POST, and
redact the whole rendered report (debug page and error emails), with DEBUG
on as well as off.
"""

from __future__ import annotations

import html
import logging
import re
import threading
from collections import OrderedDict
from urllib.parse import quote, quote_plus

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

MARKER = "[redacted]"
# Shorter values are not registered: redacting them would garble unrelated
# text, and no network issues credentials that short.
MIN_SECRET_LENGTH = 8
# A long-running worker sees every account's secrets; old ones age out.
MAX_KNOWN_SECRETS = 4096
# POST fields of the admin's credential forms (``social.admin``).
CREDENTIAL_FIELD_PREFIX = "credential_"

_PATTERNS: list[tuple[re.Pattern, str]] = [
    # Telegram puts the bot token in the path: /bot123456789:AAE.../sendMessage
    (re.compile(r"(/bot)\d{5,12}:[^/\s?#\"'<>]+"), rf"\1{MARKER}"),
    # A bot token anywhere else.
    (re.compile(r"(?<!\d)\d{5,12}:[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])"), MARKER),
    # Query strings and form bodies: access_token=..., token=..., client_secret=...
    (
        re.compile(r"(?i)\b([\w.-]*(?:token|secret|password|passwd|api_?key|jwt)=)[^&\s#\"'<>]+"),
        rf"\1{MARKER}",
    ),
    # Header dumps and JSON: "Authorization": "Bearer ...", "access_token": "..."
    (
        re.compile(
            r"(?i)([\"']?(?:authorization|[\w-]*(?:token|secret|password|jwt))[\"']?\s*[:=]\s*[\"'])"
            r"[^\"']+"
        ),
        rf"\1{MARKER}",
    ),
    (
        re.compile(r"(?i)(\bauthorization:\s*)(?:(?:bearer|basic|token|oauth)\s+)?[^\s\"',}]+"),
        rf"\1{MARKER}",
    ),
    (re.compile(r"(?i)\b((?:bearer|basic)\s+)(?!\[redacted\])[A-Za-z0-9._~+/=-]+"), rf"\1{MARKER}"),
    # JSON Web Tokens (Bluesky's session tokens, OAuth access tokens).
    (re.compile(r"\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]+"), MARKER),
]

_lock = threading.Lock()
_known: OrderedDict[str, None] = OrderedDict()
_known_re: re.Pattern | None = None


def register(*values) -> None:
    """Remember secrets so that every later log line and error report
    redacts them. Non-strings and short values are ignored."""
    global _known_re
    fresh = []
    for value in values:
        if not isinstance(value, str) or len(value) < MIN_SECRET_LENGTH:
            continue
        for form in {value, quote(value, safe=""), quote_plus(value), html.escape(value)}:
            fresh.append(form)
    if not fresh:
        return
    with _lock:
        changed = False
        for form in fresh:
            if form in _known:
                _known.move_to_end(form)
            else:
                _known[form] = None
                changed = True
        while len(_known) > MAX_KNOWN_SECRETS:
            _known.popitem(last=False)
            changed = True
        if changed:
            _known_re = None


def _known_pattern() -> re.Pattern | None:
    global _known_re
    with _lock:
        if _known_re is None and _known:
            # Longest first, so a secret containing another is redacted whole.
            alternatives = sorted(_known, key=len, reverse=True)
            _known_re = re.compile("|".join(re.escape(value) for value in alternatives))
        return _known_re


def redact(text: str) -> str:
    """``text`` with every known secret and every secret-looking value
    replaced by ``MARKER``."""
    if not text:
        return text
    known = _known_pattern()
    if known is not None:
        text = known.sub(MARKER, text)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def contains_secret(text: str) -> bool:
    return redact(text) != text


# ---------------------------------------------------------------------------
# Logging
# ---------------------------------------------------------------------------

_exception_formatter = logging.Formatter()


class RedactSecrets(logging.Filter):
    """Rewrites each record's message, traceback and stack with secrets
    redacted. On a handler it sees every record that handler writes,
    whichever logger (httpx, httpcore, celery, ours) created it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: the handler reports it itself
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            # Formatters reuse ``exc_text`` when it is set.
            record.exc_text = _exception_formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def protect_all_handlers() -> None:
    """Put ``RedactSecrets`` on every handler of every logger that lacks it:
    for handlers installed outside ``settings.LOGGING`` (Celery's)."""
    manager = logging.Logger.manager
    loggers = [logging.getLogger()] + [
        logger for logger in list(manager.loggerDict.values()) if isinstance(logger, logging.Logger)
    ]
    for logger in loggers:
        for handler in list(logger.handlers):
            if not any(isinstance(existing, RedactSecrets) for existing in handler.filters):
                handler.addFilter(RedactSecrets())


# ---------------------------------------------------------------------------
# Error reports (debug page, error emails)
# ---------------------------------------------------------------------------


class SecretsFilter(SafeExceptionReporterFilter):
    """Django's filter, active with DEBUG on too (a developer's debug page
    must not show production credentials either), that also cleanses every
    frame variable holding a known or secret-looking value and the
    credential fields of a POST."""

    def is_active(self, request) -> bool:
        return True

    def _sensitive_fields(self, request, keys) -> list[str]:
        marked = getattr(request, "sensitive_post_parameters", None) or []
        if marked == "__ALL__":
            return list(keys)
        return [key for key in keys if key in marked or key.startswith(CREDENTIAL_FIELD_PREFIX)]

    def get_cleansed_multivaluedict(self, request, multivaluedict):
        sensitive = self._sensitive_fields(request, multivaluedict.keys())
        if not sensitive:
            return multivaluedict
        multivaluedict = multivaluedict.copy()
        for key in sensitive:
            multivaluedict[key] = self.cleansed_substitute
        return multivaluedict

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return self.get_cleansed_multivaluedict(request, request.POST)

    def get_traceback_frame_variables(self, request, tb_frame):
        cleansed = []
        for name, value in super().get_traceback_frame_variables(request, tb_frame):
            try:
                shown = repr(value)
            except Exception:
                shown = ""
            if contains_secret(shown):
                value = self.cleansed_substitute
            cleansed.append((name, value))
        return cleansed


class RedactingReporter(ExceptionReporter):
    """The whole report redacted: the exception's message, the request's
    URL and anything the filter could not see are covered too."""

    def get_traceback_html(self):
        return redact(super().get_traceback_html())

    def get_traceback_text(self):
        return redact(super().get_traceback_text())
