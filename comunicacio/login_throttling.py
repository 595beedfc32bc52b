"""Login throttling (django-axes) with two limits.

Axes counts failures per username *and* address: ``AXES_FAILURE_LIMIT``
wrong passwords from one address lock that account from that address. On its
own that lets a guesser spread attempts over many addresses, so failures are
also counted per username across every address: ``AXES_USERNAME_FAILURE_LIMIT``
of them within the cool-off lock the account from everywhere. That limit is
higher (a whole office behind one address, or a colleague, mistyping cannot
reach it by accident) and, like the other, lifts by itself when the cool-off
has passed since the last counted failure; attempts refused during a lock are
not counted (``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT`` off), so
retrying does not prolong it. Addresses are read by
``comunicacio.client_address`` (``TRUSTED_PROXY_COUNT``), as for the public
proposal form.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render

ACCOUNT_WIDE = "axes_account_wide_lock"


def failures_across_addresses(request, username: str) -> int:
    attempts = AccessAttempt.objects.filter(
        username=username, attempt_time__gte=get_cool_off_threshold(request)
    )
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LoginThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler, locking also on the username-wide count.

    Axes compares ``get_failures()`` with ``AXES_FAILURE_LIMIT`` both before a
    login is tried and after it failed, so a username-wide lock reports at
    least that limit; the request remembers which lock applies, for the page."""

    def get_failures(self, request, credentials=None) -> int:
        from_address = super().get_failures(request, credentials)
        setattr(request, ACCOUNT_WIDE, False)
        username = get_client_username(request, credentials)
        limit = get_failure_limit(request, credentials)
        if username is None or from_address >= limit:
            return from_address
        if failures_across_addresses(request, username) >= settings.AXES_USERNAME_FAILURE_LIMIT:
            setattr(request, ACCOUNT_WIDE, True)
            return limit
        return from_address


def lockout_response(request, original_response=None, credentials=None):
    """The page axes shows on a lock (AXES_LOCKOUT_CALLABLE): which limit was
    reached, and for how long."""
    account_wide = getattr(request, ACCOUNT_WIDE, False)
    context = {
        "account_wide": account_wide,
        "failure_limit": (
            settings.AXES_USERNAME_FAILURE_LIMIT if account_wide else get_failure_limit(request, credentials)
        ),
        "username": get_client_username(request, credentials) or "",
        "cooloff_timedelta": get_cool_off(request),
    }
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=settings.AXES_HTTP_RESPONSE_CODE)
