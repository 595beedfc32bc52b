"""Revisions: every saved version of public content, comparable and restorable.

One revision per save or transition: a save that also posts a workflow action
is one revision, labelled with what the action did (``relabel``). Labels are
stored in Catalan and shown in the reader's language with a human date
(``describe``: "Desat per Marta · dijous, 3 de desembre de 2026, 9.12 h"); a
comparison marks the words inserted and deleted (``compare_words``), rich text
read as text, never as markup."""

import difflib
import html as html_lib
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from comunicacio import formatting
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


def relabel(revision: Revision, item, comment: str) -> Revision:
    """Make ``revision`` (just recorded by a save) also the revision of the
    transition that came with it: its label, and the content as the
    transition left it (a publication time set by "publish now")."""
    revision.comment = comment[:255]
    revision.data = snapshot(item)
    revision.save(update_fields=["comment", "data"])
    return revision


def describe(revision: Revision) -> str:
    """ "Desat per Marta · dijous, 3 de desembre de 2026, 9.12 h", in the
    active language (labels are stored in Catalan, the msgids)."""
    what = _(revision.comment) if revision.comment else _("Desat")
    when = formatting.date_time(revision.created_at)
    if revision.user is None:
        return _("%(what)s · %(when)s") % {"what": what, "when": when}
    who = revision.user.get_full_name() or revision.user.get_username()
    return _("%(what)s per %(who)s · %(when)s") % {"what": what, "who": who, "when": when}


def _differing(older: Revision, newer: Revision, model, visible):
    fields = {field.attname: field for field in model._meta.concrete_fields}
    keys = list(dict.fromkeys([*older.data, *newer.data]))
    for key in keys:
        if visible is not None and key not in visible:
            continue
        old, new = _display(older.data.get(key)), _display(newer.data.get(key))
        # Compared as shown, so that an empty value recorded as "" by older
        # snapshots and as None by newer ones is no difference.
        if old != new:
            field = fields.get(key)
            yield field, (str(field.verbose_name) if field is not None else key), old, new


def compare(
    older: Revision, newer: Revision, model, visible: set[str] | None = None
) -> list[tuple[str, str, str]]:
    """(field label, old value, new value) for every field that differs;
    only the keys in ``visible`` when given (what the viewer may see)."""
    return [(label, old, new) for _field, label, old, new in _differing(older, newer, model, visible)]


def compare_words(
    older: Revision, newer: Revision, model, visible: set[str] | None = None
) -> list[tuple[str, SafeString, SafeString]]:
    """``compare``'s rows with the old value's deleted words marked ``<del>``
    and the new value's inserted words ``<ins>``, everything else escaped;
    rich text compared as the text a reader sees (paragraphs kept)."""
    from comunicacio.richtext import RichTextField

    rows = []
    for field, label, old, new in _differing(older, newer, model, visible):
        if isinstance(field, RichTextField):
            old, new = html_to_text(old), html_to_text(new)
        rows.append((label, *word_diff(old, new)))
    return rows


_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|tr|caption|table|ul|ol)\s*>|<br\s*/?>|<hr\s*/?>", re.I)
_TAG = re.compile(r"<[^>]*>")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def html_to_text(value: str) -> str:
    """Rich text as text: tags gone, one paragraph per block, entities read."""
    text = _BLOCK_END.sub("\n\n", value or "")
    text = html_lib.unescape(_TAG.sub("", text))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


_TOKEN = re.compile(r"\n+|[^\S\n]+|\w+|[^\w\s]", re.UNICODE)


def _render(tokens, marked: set[int], tag: str) -> str:
    parts = []
    run: list[str] = []

    def close():
        if run:
            parts.append(f"<{tag}>{''.join(run)}</{tag}>")
            run.clear()

    for index, token in enumerate(tokens):
        shown = "<br>" * min(token.count("\n"), 2) if "\n" in token else escape(token)
        if index in marked and "\n" not in token:
            run.append(shown)
        else:
            # A space between two marked words stays inside the mark.
            if run and index in marked:
                run.append(shown)
                continue
            if run and token.isspace() and "\n" not in token and index + 1 in marked:
                run.append(shown)
                continue
            close()
            parts.append(shown)
    close()
    return "".join(parts)


def word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """(old with its deleted words in ``<del>``, new with its inserted words
    in ``<ins>``), escaped; line breaks shown as ``<br>``."""
    before, after = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    deleted, inserted = set(), set()
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation in ("delete", "replace"):
            deleted.update(range(a1, a2))
        if operation in ("insert", "replace"):
            inserted.update(range(b1, b2))
    return mark_safe(_render(before, deleted, "del")), mark_safe(_render(after, inserted, "ins"))


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
