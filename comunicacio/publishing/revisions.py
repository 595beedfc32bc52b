"""Revisions: every saved version of public content, comparable and restorable."""

from comunicacio.slugs import slug_locked

from .models import Revision

# Workflow bookkeeping is not content: restoring a revision never changes it.
NOT_CONTENT = {"status", "publication", "created_by", "created_at", "updated_at", "search_vector"}
# Kept in revisions (a comparison shows them) but never restored: publishing
# and scheduling set the publication time, and bringing back an older one
# would hide or reveal a published item behind the workflow's back.
NOT_RESTORED = {"publish_at"}


def content_fields(item):
    return [
        field
        for field in item._meta.concrete_fields
        if not field.primary_key and field.attname not in NOT_CONTENT and field.name not in NOT_CONTENT
    ]


def snapshot(item) -> dict:
    # None stays None: value_to_string() would turn an empty date into "",
    # which cannot be restored.
    data = {
        field.attname: None if field.value_from_object(item) is None else field.value_to_string(item)
        for field in content_fields(item)
    }
    data.update(item.snapshot_extra() if hasattr(item, "snapshot_extra") else {})
    return data


def record(item, user, comment: str = "") -> Revision:
    return Revision.objects.create(
        target=item,
        user=user if getattr(user, "pk", None) else None,
        comment=comment[:255],
        data=snapshot(item),
    )


def compare(
    older: Revision, newer: Revision, model, visible: set[str] | None = None
) -> list[tuple[str, str, str]]:
    """(field label, old value, new value) for every field that differs;
    only the keys in ``visible`` when given (what the viewer may see)."""
    labels = {field.attname: str(field.verbose_name) for field in model._meta.concrete_fields}
    keys = list(dict.fromkeys([*older.data, *newer.data]))
    rows = []
    for key in keys:
        if visible is not None and key not in visible:
            continue
        old, new = _display(older.data.get(key)), _display(newer.data.get(key))
        # Compared as shown, so that an empty value recorded as "" by older
        # snapshots and as None by newer ones is no difference.
        if old != new:
            rows.append((labels.get(key, key), old, new))
    return rows


def _display(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def apply(item, revision: Revision) -> None:
    """Put the revision's content back into ``item`` and save it (its
    workflow state is kept). Recording the result and its consequences is
    ``publishing.actions.restore_revision``'s, which callers use."""
    for field in content_fields(item):
        if field.attname in NOT_RESTORED or field.attname not in revision.data:
            continue
        if field.attname == "slug" and slug_locked(item):
            continue  # a published address never changes (comunicacio.slugs)
        raw = revision.data[field.attname]
        # Older snapshots stored an empty nullable value as "".
        empty = raw is None or (raw == "" and field.null)
        setattr(item, field.attname, None if empty else field.to_python(raw))
    item.full_clean()
    item.save()
    if hasattr(item, "restore_extra"):
        item.restore_extra(revision.data)
