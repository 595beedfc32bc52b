"""The rows of the foundation's own panels, built for every registered
content type (both audiences) and within what the user's roles reach
(``roles.limit_to_scope``; the review queue with the publish permission).

Each builder runs a fixed number of queries per content type, whatever the
number of items: one query of items (the transition that matters joined in
as subqueries) and, where a row names people, one query of them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from comunicacio import registry, roles
from comunicacio.notifications import Notification
from comunicacio.publishing.models import Status, Transition
from comunicacio.publishing.working_copies import WorkingCopy

from . import sentences
from .panels import Row, change_url, moment_text, person, relative_time, type_label

LIMIT = 10
ACTIVITY_LIMIT = 15
SCHEDULED_DAYS = 7


def content_models() -> list:
    return [spec.model for spec in registry.content_specs()]


def _transitions_of(model, **filters):
    content_type = ContentType.objects.get_for_model(model)
    return Transition.objects.filter(content_type=content_type, object_id=OuterRef("pk"), **filters).order_by(
        "-at", "-pk"
    )


def _people(ids) -> dict:
    ids = {pk for pk in ids if pk is not None}
    return get_user_model().objects.in_bulk(ids) if ids else {}


def _take(rows: list[tuple], limit: int, reverse: bool = False) -> list[Row]:
    rows.sort(key=lambda pair: pair[0], reverse=reverse)
    return [row for _key, row in rows[:limit]]


# --- my drafts, and what was returned to me ---------------------------------------
def _my_drafts(user, model):
    """``user``'s drafts of ``model`` with their last transition's action,
    comment, author and moment."""
    last = _transitions_of(model)
    queryset = model._default_manager.filter(created_by=user, status=Status.DRAFT).annotate(
        last_action=Subquery(last.values("action")[:1]),
        last_comment=Subquery(last.values("comment")[:1]),
        last_user=Subquery(last.values("user_id")[:1]),
        last_at=Subquery(last.values("at")[:1]),
    )
    return roles.limit_to_scope(user, queryset).order_by("-updated_at", "-pk")


def my_drafts(user, now: datetime) -> list[Row]:
    rows = []
    for model in content_models():
        for item in _my_drafts(user, model).filter(Q(last_action__isnull=True) | ~Q(last_action="return"))[
            :LIMIT
        ]:
            row = Row(
                title=str(item),
                url=change_url(item),
                kind=type_label(model),
                meta=_("Modificat %(when)s") % {"when": relative_time(item.updated_at, now)},
                when=item.updated_at,
            )
            rows.append((item.updated_at, row))
    return _take(rows, LIMIT, reverse=True)


def returned_to_me(user, now: datetime) -> list[Row]:
    found = []
    for model in content_models():
        found.extend((model, item) for item in _my_drafts(user, model).filter(last_action="return")[:LIMIT])
    people = _people(item.last_user for _model, item in found)
    rows = []
    for model, item in found:
        row = Row(
            title=str(item),
            url=change_url(item),
            kind=type_label(model),
            meta=_("Retornat per %(user)s %(when)s")
            % {"user": person(people.get(item.last_user)), "when": relative_time(item.last_at, now)},
            note=item.last_comment,
            when=item.last_at,
        )
        rows.append((item.last_at, row))
    return _take(rows, LIMIT, reverse=True)


# --- the review queue ---------------------------------------------------------------
def publishable_by(user, queryset):
    """The items of ``queryset`` that ``user`` may publish: the change and
    publish permissions of its type, everywhere or within the units their
    scoped roles cover (as ``roles.can`` decides for one item)."""
    model = queryset.model
    if not (user.is_active and user.is_staff):
        return queryset.none()
    if user.is_superuser:
        return queryset
    held = roles.grants(user)
    allowed = None  # None: every unit
    for permission in (roles.permission_for(roles.EDIT, model), roles.publish_permission(model)):
        if permission in held.everywhere:
            continue
        units = held.within.get(permission, frozenset())
        allowed = set(units) if allowed is None else allowed & units
        if not allowed:
            return queryset.none()
    if allowed is None:
        return queryset
    found = roles.unit_field(model)
    if found is None:
        return queryset.none()
    return queryset.filter(**{f"{found.attname}__in": allowed})


def may_publish_some(user) -> bool:
    return any(roles.can(user, roles.PUBLISH, model) for model in content_models())


def awaiting_review(user, now: datetime) -> list[Row]:
    """Items in review that ``user`` may publish, longest waiting first
    (since their last submission)."""
    found = []
    for model in content_models():
        submitted = _transitions_of(model, action="submit")
        queryset = publishable_by(user, model._default_manager.filter(status=Status.REVIEW)).annotate(
            submitted_at=Subquery(submitted.values("at")[:1]),
            submitted_by=Subquery(submitted.values("user_id")[:1]),
            submit_comment=Subquery(submitted.values("comment")[:1]),
        )
        found.extend(
            (model, item, False) for item in queryset.order_by("submitted_at", "updated_at", "pk")[:LIMIT]
        )
        found.extend((model, item, True) for item in _copies_in_review(user, model))
    people = _people(item.submitted_by for _model, item, _copy in found)
    rows = []
    for model, item, is_copy in found:
        moment = item.submitted_at or item.updated_at
        row = Row(
            title=_("Canvis a «%(item)s» (còpia de treball)") % {"item": item} if is_copy else str(item),
            url=change_url(item),
            kind=type_label(model),
            meta=_("Enviat per %(user)s %(when)s")
            % {"user": person(people.get(item.submitted_by)), "when": relative_time(moment, now)},
            note=item.submit_comment or "",
            when=moment,
        )
        rows.append((moment, row))
    return _take(rows, LIMIT)


def _copies_in_review(user, model):
    """Live items of ``model`` whose working copy waits for review (the
    changes to published content), as ``awaiting_review`` reads them."""
    content_type = ContentType.objects.get_for_model(model)
    copies = WorkingCopy.objects.filter(
        content_type=content_type, object_id=OuterRef("pk"), state=WorkingCopy.State.REVIEW
    )
    submitted = _transitions_of(model, action="copy_submit")
    queryset = publishable_by(user, model._default_manager.filter(Exists(copies))).annotate(
        submitted_at=Subquery(submitted.values("at")[:1]),
        submitted_by=Subquery(submitted.values("user_id")[:1]),
        submit_comment=Subquery(submitted.values("comment")[:1]),
    )
    return queryset.order_by("submitted_at", "pk")[:LIMIT]


# --- scheduled ---------------------------------------------------------------------
def scheduled_soon(user, now: datetime) -> list[Row]:
    """What goes live in the next seven days, soonest first."""
    until = now + timedelta(days=SCHEDULED_DAYS)
    rows = []
    for model in content_models():
        queryset = model._default_manager.filter(
            status=Status.PUBLISHED, publish_at__gt=now, publish_at__lte=until
        )
        for item in roles.limit_to_scope(user, queryset).order_by("publish_at", "pk")[:LIMIT]:
            row = Row(
                title=str(item),
                url=change_url(item),
                kind=type_label(model),
                meta=_("Es publicarà %(when)s") % {"when": moment_text(item.publish_at)},
                when=item.publish_at,
                when_text=moment_text(item.publish_at),
            )
            rows.append((item.publish_at, row))
    return _take(rows, LIMIT)


# --- notifications -------------------------------------------------------------------
def unread_notifications(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True)


def notifications(user, now: datetime) -> list[Row]:
    """``user``'s unread notifications, newest first, worded from their
    transitions in the active language."""
    found = list(
        unread_notifications(user)
        .select_related("transition__user", "content_type")
        .prefetch_related("target")
        .order_by("-created_at", "-pk")[:LIMIT]
    )
    rows = []
    for notification in found:
        transition = notification.transition
        target = notification.target
        title = str(target) if target is not None else _("(element esborrat)")
        if transition is not None:
            text = sentences.sentence(transition.action, person(transition.user), title)
            comment = transition.comment
            moment = transition.at
        else:
            action = sentences.KIND_ACTIONS.get(notification.kind, notification.kind)
            text = sentences.sentence(action, person(None), title)
            comment = ""
            moment = notification.created_at
        rows.append(
            Row(
                title=text,
                url=change_url(target),
                kind=type_label(notification.content_type.model_class())
                if notification.content_type.model_class()
                else "",
                meta=relative_time(moment, now),
                note=comment,
                when=moment,
                pk=notification.pk,
            )
        )
    return rows


# --- recent activity -------------------------------------------------------------------
def viewable_targets(user, models) -> Q | None:
    """A filter of rows pointing at items (``TargetMixin``) to the items of
    ``models`` that ``user`` may view; None when there are none."""
    condition = None
    for model in models:
        scoped = roles.limit_to_scope(user, model._default_manager.all())
        if scoped.query.is_empty():
            continue
        content_type = ContentType.objects.get_for_model(model)
        part = Q(content_type=content_type)
        if scoped.query.where:
            part &= Q(object_id__in=scoped.values("pk"))
        condition = part if condition is None else condition | part
    return condition


def activity(user, now: datetime) -> list[Row]:
    """The latest state changes of items ``user`` may view, as sentences."""
    condition = viewable_targets(user, content_models())
    if condition is None:
        return []
    found = list(
        Transition.objects.filter(condition)
        .select_related("user", "content_type")
        .prefetch_related("target")
        .order_by("-at", "-pk")[:ACTIVITY_LIMIT]
    )
    rows = []
    for transition in found:
        target = transition.target
        if target is None:
            continue
        model = transition.content_type.model_class()
        rows.append(
            Row(
                title=sentences.sentence(transition.action, person(transition.user), str(target)),
                url=change_url(target),
                kind=type_label(model) if model else "",
                meta=relative_time(transition.at, now),
                note=transition.comment,
                when=transition.at,
            )
        )
    return rows
