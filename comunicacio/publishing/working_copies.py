"""Draft over live: working copies of published content.

Editing a published item does not touch what the public sees: the edit is
kept in the item's one ``WorkingCopy`` (a pending revision) that goes through
its own review, and only publishing the copy replaces the live content, in
one transaction, with one revision and the consequences of an edit of live
content (``workflow.content_changed``: the page cache purged, the "changed"
effects). Social posts are not re-sent; the "changed" effects only flag sent
posts whose announced facts no longer hold, as for any edit.

How an edit becomes a copy without per-type code: the normal save (the admin
form, its inlines, the type's own edit action such as materialising an
event's occurrences) runs inside a savepoint (``applied``), the result is read
the way revisions read it (``revisions.snapshot``) plus the item's own related
rows, and the savepoint is rolled back. Nothing written inside survives: the
live row, its tags and inlines, the search document (a ``post_save`` write)
and the recorded effects are rolled back, and Django discards the
``on_commit`` callbacks (the page-cache purge) registered inside a
rolled-back savepoint. Showing the copy (the change form, the staff preview)
uses the same trick the other way round: the copy is applied inside a
savepoint, the response is rendered and everything is rolled back.

The item's own related rows are those of its reverse foreign keys from models
of the same app that are deleted with it (a news item's attachments, an
event's sessions and occurrences, an institutional entry's guests). One-to-one
companions (a press note's distribution) and generic rows of other apps (its
social posts) are channels rather than content: a copy neither holds nor
changes them.

Decisions:

- States: draft → review (editor submits) → approved (publisher) → published
  (the copy is applied and deleted); a publisher may return it (with the
  reason) to draft; its author or a publisher may discard it at any time.
- Withdrawing or archiving the live item keeps its copy (work is never lost
  behind the editor's back), but a copy can only be published while the item
  is published; otherwise discard it or publish the item again first.
- Conflicts: the copy remembers the live revision it was based on; if the live
  item was changed since, the form and the publish confirmation say so, and
  publishing replaces those changes with the copy's content.
- The publication and expiry times stay the workflow's: a copy does not move
  them (``revisions.NOT_RESTORED``).
"""

import json
from contextlib import contextmanager

from django.conf import settings
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comunicacio import registry, roles

from . import actions, effects, notify, revisions, workflow
from .models import Revision, Status, TargetMixin


class WorkingCopyError(Exception):
    """A refused step on a working copy; ``str(error)`` is for the user."""


class WorkingCopy(TargetMixin):
    """The pending edit of one published item (at most one per item)."""

    class State(models.TextChoices):
        DRAFT = "draft", gettext_lazy("Esborrany")
        REVIEW = "review", gettext_lazy("En revisió")
        APPROVED = "approved", gettext_lazy("Aprovada")

    # The item's content as ``revisions.snapshot`` records it.
    data = models.JSONField()
    # The item's own related rows ({"app.model": [serialised rows]}).
    rows = models.JSONField(default=dict)
    state = models.CharField(gettext_lazy("estat"), max_length=16, choices=State.choices, default=State.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("autor"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("modificat per"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The live revision the copy started from: a newer one is a conflict.
    based_on = models.ForeignKey(
        Revision,
        verbose_name=gettext_lazy("basada en"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(gettext_lazy("creada"), default=timezone.now)
    updated_at = models.DateTimeField(gettext_lazy("modificada"), default=timezone.now)

    class Meta:
        app_label = "comunicacio"
        verbose_name = gettext_lazy("còpia de treball")
        verbose_name_plural = gettext_lazy("còpies de treball")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="working_copy_once")
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} ({self.state})"

    @property
    def is_outdated(self) -> bool:
        """Whether the live item was changed after the copy was based on it."""
        latest = Revision.for_item(self.target).values_list("pk", flat=True).first()
        return latest is not None and latest != self.based_on_id


def copy_for(item) -> WorkingCopy | None:
    if item is None or item.pk is None:
        return None
    return WorkingCopy.for_item(item).select_related("author", "updated_by").first()


# --- what a copy holds ------------------------------------------------------------
def copied_relations(model) -> list:
    """(related model, foreign key) of the rows that belong to ``model``'s
    content, in declaration order (an event's sessions before the
    occurrences that point at them)."""
    return [
        (rel.related_model, rel.field)
        for rel in model._meta.related_objects
        if rel.one_to_many
        and rel.on_delete is models.CASCADE
        and rel.related_model._meta.app_label == model._meta.app_label
        and not rel.related_model._meta.auto_created
    ]


def capture(item) -> tuple[dict, dict]:
    """The item's content as stored now: its snapshot and its own rows."""
    fresh = type(item)._base_manager.get(pk=item.pk)
    rows = {}
    for related, fk in copied_relations(type(item)):
        found = related._base_manager.filter(**{fk.attname: item.pk}).order_by("pk")
        rows[related._meta.label_lower] = json.loads(serializers.serialize("json", found))
    return revisions.snapshot(fresh), rows


def _apply(item, copy: WorkingCopy) -> None:
    """Write the copy's content into the database (its fields, tags and
    declared extras through the revision machinery, then its own rows)."""
    try:
        revisions.apply(item, Revision(data=copy.data))
    except ValidationError as error:
        raise WorkingCopyError(
            _("La còpia de treball ja no és vàlida: %(errors)s") % {"errors": "; ".join(error.messages)}
        ) from None
    for related, fk in copied_relations(type(item)):
        label = related._meta.label_lower
        if label not in copy.rows:
            continue
        wanted = copy.rows[label]
        keep = [row["pk"] for row in wanted]
        related._base_manager.filter(**{fk.attname: item.pk}).exclude(pk__in=keep).delete()
        for row in serializers.deserialize("json", json.dumps(wanted)):
            taken = related._base_manager.filter(pk=row.object.pk).exclude(**{fk.attname: item.pk})
            if taken.exists():
                # A row added in the copy whose id was given to another
                # item's row after the copy's savepoint was rolled back
                # (SQLite reuses ids): it gets a new one.
                row.object.pk = None
            row.save()


@contextmanager
def applied(item, copy: WorkingCopy | None = None):
    """Inside the block the database shows ``item`` as its copy says (or as
    it is, without a copy), and every write made inside is rolled back at the
    end, with the ``on_commit`` callbacks registered inside. Yields a fresh
    instance of the item."""
    with transaction.atomic():
        try:
            draft = type(item)._base_manager.get(pk=item.pk)
            if copy is not None:
                _apply(draft, copy)
                draft = type(item)._base_manager.get(pk=item.pk)
            yield draft
        finally:
            transaction.set_rollback(True)


# --- permissions -------------------------------------------------------------------
def may_edit(user, item, copy: WorkingCopy | None) -> bool:
    """Editors change a published item through its copy; an approved copy,
    like an approved item, only publishers."""
    if item.status != Status.PUBLISHED or not roles.can(user, roles.EDIT, item):
        return False
    return copy is None or copy.state != WorkingCopy.State.APPROVED or roles.can(user, roles.PUBLISH, item)


STEPS = ("submit", "approve", "return", "publish", "discard")


def allowed_steps(user, item, copy: WorkingCopy | None) -> list[str]:
    """The steps ``user`` may take on ``copy`` now."""
    if copy is None:
        return []
    editor = roles.can(user, roles.EDIT, item)
    publisher = roles.can(user, roles.PUBLISH, item)
    State = WorkingCopy.State
    found = []
    if editor and copy.state == State.DRAFT:
        found.append("submit")
    if publisher and copy.state == State.REVIEW:
        found.append("approve")
    if publisher and copy.state in (State.REVIEW, State.APPROVED):
        found.append("return")
    if publisher and item.status == Status.PUBLISHED:
        found.append("publish")
    if publisher or (editor and copy.author_id == getattr(user, "pk", None)):
        found.append("discard")
    return found


def may_take(step: str, user, item) -> bool:
    """Whether ``user``'s role could ever take ``step`` on ``item`` (what a
    403 answers); the state then decides whether it can be taken now."""
    if step in ("submit",):
        return roles.can(user, roles.EDIT, item)
    if step == "discard":
        return roles.can(user, roles.EDIT, item) or roles.can(user, roles.PUBLISH, item)
    return roles.can(user, roles.PUBLISH, item)


def check(step: str, user, item, copy: WorkingCopy | None) -> None:
    if copy is None:
        raise WorkingCopyError(_("Aquest element no té cap còpia de treball."))
    if step not in allowed_steps(user, item, copy):
        if step == "publish" and item.status != Status.PUBLISHED:
            raise WorkingCopyError(
                _(
                    "Només es poden publicar els canvis d'un element publicat: torneu-lo a publicar "
                    "o descarteu la còpia de treball."
                )
            )
        raise WorkingCopyError(
            _("No podeu fer «%(step)s» amb aquesta còpia de treball (estat: %(state)s).")
            % {"step": step_label(step), "state": copy.get_state_display()}
        )


def step_label(step: str) -> str:
    return str(
        {
            "submit": _("Envia a revisió"),
            "approve": _("Aprova"),
            "return": _("Retorna a esborrany"),
            "publish": _("Publica els canvis"),
            "discard": _("Descarta"),
        }.get(step, step)
    )


# --- actions -----------------------------------------------------------------------
def store(item, user, data: dict, rows: dict) -> WorkingCopy:
    """Keep ``data`` and ``rows`` (from ``capture`` inside ``applied``) as
    the item's working copy, creating it on the first edit."""
    with transaction.atomic():
        copy = WorkingCopy.for_item(item).select_for_update().first()
        if not may_edit(user, item, copy):
            raise WorkingCopyError(_("No podeu modificar la còpia de treball d'aquest element."))
        now = timezone.now()
        if copy is None:
            copy = WorkingCopy(
                target=item,
                author=user,
                created_at=now,
                based_on=Revision.for_item(item).first(),
            )
        copy.data, copy.rows = data, rows
        copy.updated_by, copy.updated_at = user, now
        copy.save()
    return copy


def edit(item, user, write) -> WorkingCopy:
    """Edit ``item``'s working copy: ``write(draft)`` changes and saves the
    fresh instance it is given (which shows the copy so far) the way a
    normal edit would, its consequences included; only the result is kept."""
    if not may_edit(user, item, copy_for(item)):
        raise WorkingCopyError(_("No podeu modificar la còpia de treball d'aquest element."))
    with transaction.atomic():
        copy = WorkingCopy.for_item(item).select_for_update().first()
        with applied(item, copy) as draft:
            write(draft)
            data, rows = capture(draft)
        return store(item, user, data, rows)


def submit(item, user, *, comment: str = "") -> WorkingCopy:
    return _move(
        item, user, "submit", WorkingCopy.State.REVIEW, comment, _("Còpia de treball enviada a revisió")
    )


def approve(item, user, *, comment: str = "") -> WorkingCopy:
    return _move(item, user, "approve", WorkingCopy.State.APPROVED, comment, _("Còpia de treball aprovada"))


def return_to_draft(item, user, *, comment: str) -> WorkingCopy:
    if not comment.strip():
        raise WorkingCopyError(_("Indiqueu el motiu pel qual retorneu la còpia de treball."))
    return _move(
        item, user, "return", WorkingCopy.State.DRAFT, comment, _("Còpia de treball retornada a esborrany")
    )


def _move(item, user, step: str, state: str, comment: str, what: str) -> WorkingCopy:
    with transaction.atomic():
        copy = WorkingCopy.for_item(item).select_for_update().first()
        check(step, user, item, copy)
        copy.state = state
        copy.save(update_fields=["state"])
        transition = workflow.note(item, user, f"copy_{step}", _join(what, comment))
        notify.notify_transition(item, transition, author=copy.author)
    return copy


def publish(item, user, *, comment: str = "", post_update: bool = False) -> Revision:
    """Replace the live content with the copy's, in one transaction: one
    revision, the consequences of an edit of live content (through the
    type's edit action: an event's occurrences follow its sessions), the
    copy deleted. ``post_update``: the publisher chose to announce the
    change where the item was announced (the social networks' update posts,
    ``effects.ANNOUNCED_UPDATE``); otherwise nothing is posted again."""
    with transaction.atomic():
        locked = type(item).objects.select_for_update().get(pk=item.pk)
        copy = WorkingCopy.for_item(locked).select_for_update().first()
        check("publish", user, locked, copy)
        _apply(locked, copy)
        locked = type(item)._base_manager.get(pk=item.pk)
        spec = registry.spec_for(locked)
        edit_action = (spec.edit_action if spec is not None else None) or actions.record_edit
        revision = edit_action(locked, user, comment=_("Publicats els canvis de la còpia de treball"))
        if post_update:
            effects.schedule(locked, effects.ANNOUNCED_UPDATE, f"{effects.ANNOUNCED_UPDATE}:{revision.pk}")
        author = copy.author
        copy.delete()
        transition = workflow.note(
            locked, user, "copy_publish", _join(_("Canvis de la còpia de treball publicats"), comment)
        )
        notify.notify_transition(locked, transition, author=author)
    item.refresh_from_db()
    return revision


def discard(item, user, *, comment: str = "") -> None:
    with transaction.atomic():
        copy = WorkingCopy.for_item(item).select_for_update().first()
        check("discard", user, item, copy)
        copy.delete()
        workflow.note(item, user, "copy_discard", _join(_("Còpia de treball descartada"), comment))


def take(step: str, item, user, *, comment: str = "", post_update: bool = False):
    """The step named ``step`` (one of ``STEPS``), for the admin's buttons."""
    verbs = {
        "submit": submit,
        "approve": approve,
        "return": return_to_draft,
        "publish": publish,
        "discard": discard,
    }
    if step not in verbs:
        raise WorkingCopyError(_("L'acció «%(action)s» no existeix.") % {"action": step})
    if step == "publish":
        return publish(item, user, comment=comment, post_update=post_update)
    return verbs[step](item, user, comment=comment)


def _join(what: str, comment: str) -> str:
    comment = comment.strip()
    return f"{what}: {comment}" if comment else what
