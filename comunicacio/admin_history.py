"""The admin's change history (Django's LogEntry) as the viewer may read it.

A history entry names the inline rows a save added, changed or deleted, with
their text (a guest's form of address and name, say). A viewer who may not
see an inline must not read its rows there either, so those parts of each
message are left out; what is said about the item's own fields stays."""

import json

from django.utils import translation
from django.utils.translation import gettext as _


def inline_names(model_admin, request, obj) -> tuple[set[str], bool]:
    """The (untranslated, as LogEntry stores them) names of the inline models
    ``request.user`` may see on ``obj``, and whether that is all of them."""
    visible, hidden = set(), False
    with translation.override(None):
        for inline_class in model_admin.get_inlines(request, obj):
            inline = inline_class(model_admin.model, model_admin.admin_site)
            if inline.has_view_or_change_permission(request, obj):
                visible.add(str(inline.model._meta.verbose_name))
            else:
                hidden = True
    return visible, not hidden


def _about_visible_rows(sub_message, visible: set[str]) -> bool:
    payloads = [payload for payload in sub_message.values() if isinstance(payload, dict)]
    return all("name" not in payload or payload["name"] in visible for payload in payloads)


def visible_change_message(change_message: str, visible: set[str], everything_visible: bool) -> str:
    """``change_message`` without what it says about rows of inlines whose
    names are not in ``visible``."""
    if not change_message or everything_visible:
        return change_message
    try:
        messages = json.loads(change_message) if change_message.startswith("[") else None
    except json.JSONDecodeError:
        messages = None
    if not isinstance(messages, list):
        # Free text (not written by this admin): it cannot be told apart.
        return _("Canvis que no podeu veure.")
    kept = [
        message for message in messages if isinstance(message, dict) and _about_visible_rows(message, visible)
    ]
    if messages and not kept:
        return _("Canvis que no podeu veure.")
    return json.dumps(kept)


def filter_history(model_admin, request, response):
    """Rewrite, in memory, the entries a history page is about to show."""
    context = getattr(response, "context_data", None) or {}
    page = context.get("action_list")
    if page is None or "object" not in context:
        return response
    visible, everything = inline_names(model_admin, request, context["object"])
    page.object_list = list(page.object_list)
    for entry in page.object_list:
        entry.change_message = visible_change_message(entry.change_message, visible, everything)
    return response
