"""Shared objects that content shows: a library image, an agenda venue.

An item in review is checked as it will be shown, and a live item is changed
only by publishers (``publishing.admin.PUBLISHER_ONLY_STATES``). A shared
object is shown by every item that points at it, so editing it changes those
items too. The rule: an object that approved or published content uses may
only be changed by someone who may publish each of those items, and the change is
recorded on each of those items (a note among its state changes: who changed
which object, and what). An object that no such item uses stays editable by
editors.

Which items use an object is read from the relations that point at it (any
``Publishable`` model with a foreign key or many-to-many to it), so the
foundation needs to know no app.
"""

from comunicacio import roles

from . import workflow
from .models import Publishable, Status, Transition

# The states in which editors may not change an item themselves.
LIVE_STATES = (Status.APPROVED, Status.PUBLISHED)


def _relations(model):
    for relation in model._meta.get_fields(include_hidden=True):
        if (
            relation.is_relation
            and relation.auto_created
            and not relation.concrete
            and isinstance(relation.related_model, type)
            and issubclass(relation.related_model, Publishable)
        ):
            yield relation


def _live_users(obj):
    """Per model that can show ``obj``: its approved or published items that do."""
    if obj is None or obj.pk is None:
        return
    for relation in _relations(type(obj)):
        yield relation.related_model._default_manager.filter(
            **{relation.field.name: obj}, status__in=LIVE_STATES
        ).distinct()


def live_items_using(obj) -> list[Publishable]:
    """Approved or published items that show ``obj``."""
    return [item for items in _live_users(obj) for item in items]


def is_used_live(obj) -> bool:
    return any(items.exists() for items in _live_users(obj))


def may_change(user, obj) -> bool:
    """Editors may change what no live item shows; what live items show, only
    someone who may publish each of those items (its content type's publish
    permission, within their units if their role is limited to some)."""
    if not is_used_live(obj):
        return True
    return all(roles.can(user, roles.PUBLISH, item) for item in live_items_using(obj))


def record_change(obj, user, comment: str) -> list[Transition]:
    """Note ``comment`` on every live item that shows ``obj`` and purge the
    public pages after the commit (cached ones show the object as it was;
    lists and filters may show it even when no live item does)."""
    notes = [workflow.note(item, user, "shared_object_changed", comment) for item in live_items_using(obj)]
    workflow.purge_public_pages_on_commit()
    return notes
