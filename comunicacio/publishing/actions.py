"""The writes of publishing, by name: what admin classes, views, commands and
tasks call so that each write brings all its consequences with it.

- ``record_edit``: an edit was saved. Records the revision, then what an
  edit of live content causes (purged pages, the "changed" effects, the
  publication's pending effects moved with a new publication time).
- ``restore_revision``: an older revision's content brought back, recorded as
  a new revision with the same consequences as an edit.
- The workflow verbs (``submit``, ``approve``, ``publish``…): named entries
  over ``workflow.perform``, which stays the one write path for status (it
  locks the row, records the transition and a revision, schedules the
  effects and purges on commit). ``apply`` runs a verb by its name, for the
  admin's buttons that post one.

Domain apps build their own actions on these (``agenda.actions.save_event``
materialises occurrences and then records the edit here).
"""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from comunicacio import formatting

from . import revisions, workflow
from .models import Revision, Status, Transition

TransitionError = workflow.TransitionError


def record_edit(item, user, *, created: bool = False, comment: str = "") -> Revision:
    """Record an edit of ``item`` that has just been saved (its row and its
    related rows: the snapshot reads tags and inlines) and schedule its
    consequences. ``comment`` defaults to "Creat" or "Desat"."""
    if not comment:
        # Stored in Catalan, the msgid: shown in each reader's language.
        with translation.override(settings.LANGUAGE_CODE):
            comment = _("Creat") if created else _("Desat")
    with transaction.atomic():
        revision = revisions.record(item, user, comment=comment)
        workflow.content_changed(item, revision)
    return revision


def restore_revision(item, revision: Revision, user) -> Revision:
    """Bring ``revision``'s content back into ``item`` (its workflow state is
    kept) and record the result as a new revision, with the consequences of
    an edit. Raises ``ValidationError`` (nothing changed) when the restored
    content is no longer valid."""
    with transaction.atomic():
        revisions.apply(item, revision)
        with translation.override(settings.LANGUAGE_CODE):
            comment = _("Restaurada la revisió del %(moment)s") % {
                "moment": formatting.date_time(revision.created_at)
            }
        restored = revisions.record(item, user, comment=comment)
        workflow.content_changed(item, restored)
    return restored


def record_page_edit(page, user) -> Revision:
    """An institutional page (``comunicacio.pages.SitePage``: always live, no
    workflow) was saved: its revision, and every public page purged once the
    edit is committed (the footer lists these pages)."""
    with transaction.atomic():
        revision = revisions.record(page, user, comment=_("Desat"))
        workflow.purge_public_pages_on_commit()
    return revision


def apply(
    item,
    action_name: str,
    user,
    *,
    comment: str = "",
    publish_at: datetime | None = None,
    revision: Revision | None = None,
) -> Transition:
    """The workflow action named ``action_name`` (see ``workflow.ACTIONS``).
    ``revision``: the one the save that came with it recorded, which becomes
    the transition's (one revision per save and action)."""
    return workflow.perform(
        item, action_name, user, comment=comment, publish_at=publish_at, revision=revision
    )


def unsubmit(item, user, *, comment: str = "") -> Transition:
    """Take one's own submission back from review (to draft)."""
    return apply(item, "unsubmit", user, comment=comment)


def delete_draft(item, user) -> None:
    """Delete a draft: with the delete permission, or one's own draft that
    was never published (``workflow.may_delete``). Raises ``TransitionError``."""
    with transaction.atomic():
        locked = type(item).objects.select_for_update().get(pk=item.pk)
        if not workflow.may_delete(locked, user):
            if locked.status != Status.DRAFT:
                raise TransitionError(_("Només es poden esborrar els esborranys."))
            raise TransitionError(_("No teniu permís per esborrar aquest element."))
        locked.delete()


def submit(item, user, *, comment: str = "") -> Transition:
    return apply(item, "submit", user, comment=comment)


def return_to_draft(item, user, *, comment: str = "") -> Transition:
    return apply(item, "return", user, comment=comment)


def approve(item, user, *, comment: str = "") -> Transition:
    return apply(item, "approve", user, comment=comment)


def schedule(item, user, publish_at: datetime | None = None, *, comment: str = "") -> Transition:
    """Publish at ``publish_at`` (or the item's own future publication time)."""
    return apply(item, "schedule", user, comment=comment, publish_at=publish_at)


def publish(item, user, *, comment: str = "") -> Transition:
    return apply(item, "publish", user, comment=comment)


def withdraw(item, user, *, comment: str = "") -> Transition:
    return apply(item, "withdraw", user, comment=comment)


def archive(item, user, *, comment: str = "") -> Transition:
    return apply(item, "archive", user, comment=comment)


def reopen(item, user, *, comment: str = "") -> Transition:
    return apply(item, "reopen", user, comment=comment)
