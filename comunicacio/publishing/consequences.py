"""What a consequential workflow action will do, in sentences, for the
confirmation the back-office asks for before doing it.

Withdrawing (or archiving what is live) takes pages down, publishing now and
scheduling put them up: the publisher is told what will happen ("Es publicarà
dijous, 3 de desembre de 2026, a les 9.00 h.", "Se suprimiran 2 publicacions
de les xarxes socials.") and confirms. The foundation says what it does to
the item's own pages; apps add what they do around it with
``register(fn)``, ``fn(item, action, publish_at) -> list of sentences``
(social its posts, the press room its unsent deliveries), declared in their
``hooks.py``. Contributions must only read: they run before anything is saved.
"""

from collections.abc import Callable
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from comunicacio import formatting, registry

from .models import Status

Contribution = Callable[..., list[str]]
_contributions: list[Contribution] = []

# Actions whose effect reaches what the public (or staff, for staff-only
# content) sees at once: they ask for confirmation.
CONSEQUENTIAL = {"publish", "schedule", "withdraw", "archive"}


def register(fn: Contribution) -> Contribution:
    """Add ``fn(item, action, publish_at)`` to what a confirmation says."""
    if fn not in _contributions:
        _contributions.append(fn)
    return fn


def needs_confirmation(item, action: str) -> bool:
    """Whether ``action`` on ``item`` changes what readers see: publishing,
    scheduling, and withdrawing or archiving what is live."""
    if action in ("withdraw", "archive"):
        return item.status == Status.PUBLISHED
    return action in CONSEQUENTIAL


def sentences(item, action: str, publish_at: datetime | None = None) -> list[str]:
    """What ``action`` will do to ``item`` (its own pages, then each app's
    contribution), one sentence each."""
    found = _own(item, action, publish_at)
    for contribution in _contributions:
        found.extend(contribution(item, action, publish_at))
    return found


def _own(item, action: str, publish_at: datetime | None) -> list[str]:
    public = registry.is_public(item)
    title = str(item) if item.pk else ""
    if action in ("withdraw", "archive"):
        if public:
            return [_("Les pàgines de «%(title)s» deixaran de ser visibles al web.") % {"title": title}]
        return [_("«%(title)s» deixarà de ser visible a la intranet.") % {"title": title}]
    if action == "publish":
        return [
            _("Es publicarà ara mateix i serà visible al web.")
            if public
            else _("Es publicarà ara mateix i serà visible a la intranet.")
        ]
    if action == "schedule" and publish_at is not None:
        when = formatting.moment(timezone.localtime(publish_at))
        return [_("Es publicarà %(when)s.") % {"when": when}]
    return []
