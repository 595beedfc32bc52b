"""Anti-abuse for public forms (sent by anyone, no account): the event
proposal form today, bulletin subscriptions and catalogue feedback next.

Three defences, each cheap for a person and costly for a bot:

- a honeypot: a field people never see (hidden by a class, out of the tab
  order and of assistive technology) that must stay empty;
- a signed time-to-submit token: the moment the form was shown, with a nonce,
  signed with the form's own salt. It refuses a missing or forged token, a
  form sent too fast to have been filled in by hand, one shown too long ago,
  and one already sent: each token is good for one submission;
- a rate limit per visitor address (``comunicacio.client_address``, which
  reads it behind ``TRUSTED_PROXY_COUNT`` proxies): a number of submissions
  per window, in which refused spam attempts count too.

A form gets the two fields from ``AntiAbuseFields``; its view keeps one
``Guard`` and calls ``guard.check(request, form)`` before validating the form (a
``Refusal`` carries the message for the person and the HTTP status),
``guard.accepted(request)`` once the submission is stored, and
``guard.renew(form)`` on every rendering, so each page carries a fresh token
(the clock starts again). The template renders
``{% include "public_forms/_guard.html" %}`` inside the ``<form>``.

State is in the default cache, with operations atomic on every backend
(Redis ``SET NX``/``INCR`` in production, shared by every process).
"""

import hashlib
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from .client_address import client_address

HONEYPOT = "website"
TOKEN = "token"


class AntiAbuseFields:
    """Mixin for a ``Form`` or ``ModelForm``: the honeypot and the token.

    A plain class rather than a ``Form``: Django's form metaclass collects
    ``declared_fields`` from every class in the MRO, so the fields reach any
    form class that lists this mixin, model forms included."""

    declared_fields = {
        HONEYPOT: forms.CharField(
            label=_("Deixeu aquest camp en blanc"),
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        ),
        TOKEN: forms.CharField(widget=forms.HiddenInput, required=False),
    }


@dataclass
class Refusal(Exception):
    """A submission refused as spam-like or too frequent; ``message`` is for
    the person at the keyboard, ``status`` is the HTTP status to answer."""

    message: str
    status: int = 400


# What a refusal says unless the form says it in its own words. Keys:
# "honeypot", "invalid", "expired", "too_fast", "used", "too_many".
MESSAGES = {
    "honeypot": _("No s'ha acceptat el formulari: hi ha un camp que s'havia de deixar en blanc."),
    "invalid": _("No hem pogut validar el formulari. Torneu a carregar la pàgina i envieu-lo de nou."),
    "expired": _("El formulari ha caducat. Torneu a omplir-lo i envieu-lo de nou."),
    "too_fast": _(
        "Heu enviat el formulari massa de pressa i sembla automàtic. Reviseu les dades i torneu-lo a enviar."
    ),
    "used": _(
        "Aquest formulari ja s'ha enviat. Si en voleu enviar un altre, "
        "reviseu les dades i torneu-lo a enviar."
    ),
    "too_many": _(
        "Heu enviat aquest formulari massa vegades en poca estona. Espereu una mica i torneu-ho a provar."
    ),
}


def setting(name: str, default):
    """A limit read from the settings when it is used (tests and deployments
    change it), with ``default`` when it is not set."""
    return lambda: getattr(settings, name, default)


def _value(option):
    return option() if callable(option) else option


@dataclass(frozen=True)
class Guard:
    """The anti-abuse policy of one public form.

    ``name`` keeps its cache records apart from other forms' (its own rate
    limit, its own spent tokens); ``salt`` signs its tokens (by default
    derived from ``name``; a form older than this kit keeps the salt its
    tokens were signed with). ``min_seconds``, ``max_age`` (seconds) and
    ``rate`` ((submissions, per seconds) from one address) are values or
    callables (see ``setting``); ``messages`` overrides entries of
    ``MESSAGES`` with strings or callables returning one."""

    name: str
    salt: str = ""
    min_seconds: int | Callable[[], int] = 5
    max_age: int | Callable[[], int] = 24 * 3600
    rate: tuple[int, int] | Callable[[], tuple[int, int]] = (5, 3600)
    messages: Mapping[str, str | Callable[[], str]] = field(default_factory=dict)

    # --- the token ---------------------------------------------------------------------

    def token(self) -> str:
        """A signed timestamp for a freshly rendered form, with a nonce: two
        forms shown at the same instant get different tokens, each usable once."""
        return signing.dumps({"t": time.time(), "n": secrets.token_urlsafe(12)}, salt=self._salt())

    def renew(self, form: forms.BaseForm) -> None:
        """Put a fresh token in ``form`` before it is rendered (bound or not)."""
        if form.is_bound:
            form.data = form.data.copy()
            form.data[form.add_prefix(TOKEN)] = self.token()
        else:
            form.initial[TOKEN] = self.token()

    def check_token(self, token: str) -> None:
        """Refuse a missing, forged, expired, too fast or already used token,
        and spend it.

        The spent token is recorded with ``cache.add``, atomic on every
        backend, so two submissions racing with one token cannot both pass.
        The record lives as long as the token could still be accepted; after
        that its signature's age refuses it anyway."""
        max_age = _value(self.max_age)
        try:
            data = signing.loads(token or "", salt=self._salt(), max_age=max_age)
            elapsed = time.time() - float(data["t"])
            nonce = str(data["n"])
        except signing.SignatureExpired:
            raise self._refusal("expired") from None
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            raise self._refusal("invalid") from None
        if elapsed < _value(self.min_seconds):
            raise self._refusal("too_fast")
        remaining = max(1, int(max_age - elapsed) + 1)
        if not cache.add(self._used_key(nonce), 1, remaining):
            raise self._refusal("used")

    def check_honeypot(self, value: str) -> None:
        if value:
            raise self._refusal("honeypot")

    # --- the rate limit ----------------------------------------------------------------

    def check_rate(self, address: str) -> None:
        count, _window = _value(self.rate)
        if (cache.get(self._rate_key(address)) or 0) >= count:
            raise self._refusal("too_many", status=429)

    def count(self, address: str) -> None:
        """Count one submission (stored or refused as spam) against ``address``."""
        key = self._rate_key(address)
        _count, window = _value(self.rate)
        cache.add(key, 0, window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window)

    # --- for views ---------------------------------------------------------------------

    def check(self, request, form: forms.BaseForm) -> None:
        """Refuse the submission of bound ``form`` if ``request``'s address
        sent too many, or if it is spam-like (which counts against the address
        too). Call it before validating the form: a refused submission is
        never stored, and one that passes spends its token even if the form
        then has errors (the page that comes back carries a new one)."""
        address = client_address(request)
        self.check_rate(address)
        try:
            self.check_honeypot(form.data.get(form.add_prefix(HONEYPOT), ""))
            self.check_token(form.data.get(form.add_prefix(TOKEN), ""))
        except Refusal:
            self.count(address)
            raise

    def accepted(self, request) -> None:
        """A submission was stored: it counts against its address."""
        self.count(client_address(request))

    # --- internals ---------------------------------------------------------------------

    def _salt(self) -> str:
        return self.salt or f"public_forms.{self.name}"

    def _refusal(self, key: str, status: int = 400) -> Refusal:
        message = self.messages.get(key, MESSAGES[key])
        return Refusal(str(_value(message)), status=status)

    def _used_key(self, nonce: str) -> str:
        digest = hashlib.blake2b(nonce.encode(), digest_size=16).hexdigest()
        return f"{self.name}:token-used:{digest}"

    def _rate_key(self, address: str) -> str:
        _count, window = _value(self.rate)
        bucket = int(time.time() // window)
        digest = hashlib.blake2b(f"{address}".encode(), digest_size=12).hexdigest()
        return f"{self.name}:rate:{digest}:{bucket}"
