"""What the back-office says after adding, saving or deleting, with each
model's grammatical gender: "La notícia «…» s'ha desat", "L'esdeveniment
«…» s'ha esborrat", not Django's "El/la … fou canviat amb èxit".

Each model declares its name with the definite article, once, from its
app's ``hooks.py`` (a Meta-independent declaration, so third-party models
get one too)::

    admin_messages.declare("news.newsitem", FEMININE, _("la notícia"))

``definite`` is a translatable phrase because the article depends on the
language and may differ between them (elision in Catalan: "l'entrada");
without one, the article is derived from ``gender``. A model nobody
declared gets a sentence that needs no gender ("S'ha desat «…» (unitat)").
``GenderedMessagesMixin`` (applied to every ModelAdmin by
``CommunicationAdminSite.register``) replaces Django's messages with these.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.admin.utils import model_ngettext, quote, unquote
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, strip_tags
from django.utils.text import capfirst
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _

MASCULINE = "m"
FEMININE = "f"


@dataclass(frozen=True)
class Name:
    gender: str
    definite: Any = None  # the lazily translated name with its article


_declared: dict[str, Name] = {}


def declare(model_label: str, gender: str, definite=None) -> None:
    """Declare the grammatical gender of ``model_label`` ("app_label.model_name")
    and, where the article is not simply "el"/"la", its name with the article."""
    if gender not in (MASCULINE, FEMININE):
        raise ValueError(f"gender must be {MASCULINE!r} or {FEMININE!r}, not {gender!r}")
    _declared[model_label.lower()] = Name(gender, definite)


def declared(model) -> Name | None:
    return _declared.get(model._meta.label_lower)


def _article(gender: str, name: str) -> str:
    if get_language().startswith("ca") and name[:1].lower() in "aeiouàèéíòóúh":
        return "l'"
    if gender == FEMININE:
        return pgettext("article definit femení", "la ")
    return pgettext("article definit masculí", "el ")


def definite_name(model) -> str | None:
    """The model's name with its definite article in the active language
    ("la notícia", "l'esdeveniment"), or None if nobody declared it."""
    name = declared(model)
    if name is None:
        return None
    if name.definite is not None:
        return str(name.definite)
    verbose = str(model._meta.verbose_name)
    return _article(name.gender, verbose) + verbose


# --- the sentences -----------------------------------------------------------------
ADDED, CHANGED, DELETED = "added", "changed", "deleted"


def object_message(model, kind: str, obj) -> str:
    """ "La notícia «…» s'ha desat." (``obj`` is shown as given: text or safe HTML)."""
    the_name = definite_name(model)
    if the_name is None:
        template = {
            ADDED: _("S'ha creat «{obj}» ({name})."),
            CHANGED: _("S'han desat els canvis de «{obj}» ({name})."),
            DELETED: _("S'ha esborrat «{obj}» ({name})."),
        }[kind]
        return format_html(template, obj=obj, name=model._meta.verbose_name)
    template = {
        ADDED: _("{the_name} «{obj}» s'ha creat."),
        CHANGED: _("{the_name} «{obj}» s'ha desat."),
        DELETED: _("{the_name} «{obj}» s'ha esborrat."),
    }[kind]
    return format_html(template, the_name=capfirst(the_name), obj=obj)


def bulk_deleted_message(model, count: int) -> str:
    return ngettext("S'ha esborrat %(count)d %(name)s.", "S'han esborrat %(count)d %(name)s.", count) % {
        "count": count,
        "name": model_ngettext(model._meta, count),
    }


def missing_message(model, key) -> str:
    return _("No existeix cap element de «%(list)s» amb l'identificador «%(key)s». Potser s'ha esborrat.") % {
        "list": model._meta.verbose_name_plural,
        "key": key,
    }


# Django's own sentences (options.py), recognised to be replaced; their
# second sentence says which button was pressed.
_DJANGO = {
    ADDED: {
        "The {name} “{obj}” was added successfully.": (ADDED, ""),
        "The {name} “{obj}” was added successfully. You may edit it again below.": (ADDED, "continue"),
        "The {name} “{obj}” was added successfully. You may add another {name} below.": (ADDED, "another"),
    },
    CHANGED: {
        "The {name} “{obj}” was changed successfully.": (CHANGED, ""),
        "The {name} “{obj}” was changed successfully. You may edit it again below.": (CHANGED, "continue"),
        "The {name} “{obj}” was changed successfully. You may add another {name} below.": (
            CHANGED,
            "another",
        ),
        # "Save as new" on a change form adds a copy.
        "The {name} “{obj}” was added successfully. You may edit it again below.": (ADDED, "continue"),
    },
}
_DJANGO_DELETED = "The %(name)s “%(obj)s” was deleted successfully."
_DJANGO_BULK_DELETED = "Successfully deleted %(count)d %(items)s."


def _plain(text) -> str:
    return strip_tags(str(text)).strip()


def _followup(variant: str) -> str:
    if variant == "continue":
        return _("Podeu continuar editant a sota.")
    if variant == "another":
        return _("Podeu crear-ne més a sota.")
    return ""


class GenderedMessagesMixin:
    """Says what happened in words that agree with the model's gender.

    Django writes its messages inside long methods (response_add,
    response_change, response_delete, the delete action); they are
    recognised when they reach ``message_user`` and replaced, so that all
    the rest of those methods (popups, redirects, "save as new") stays
    Django's."""

    def _remember(self, request, kind, obj, **extra):
        request._admin_message = {"kind": kind, "obj": obj, **extra}

    def response_add(self, request, obj, post_url_continue=None):
        self._remember(request, ADDED, obj)
        try:
            return super().response_add(request, obj, post_url_continue)
        finally:
            request._admin_message = None

    def response_change(self, request, obj):
        self._remember(request, CHANGED, obj)
        try:
            return super().response_change(request, obj)
        finally:
            request._admin_message = None

    def response_delete(self, request, obj_display, obj_id):
        self._remember(request, DELETED, obj_display)
        try:
            return super().response_delete(request, obj_display, obj_id)
        finally:
            request._admin_message = None

    def delete_queryset(self, request, queryset):
        count = queryset.count()
        super().delete_queryset(request, queryset)
        # The delete action reports after this returns.
        request._admin_message = {"kind": "bulk", "count": count}

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        self.message_user(request, missing_message(self.model, unquote(object_id)), messages.WARNING)
        url = reverse("admin:index", current_app=self.admin_site.name)
        return HttpResponseRedirect(url)

    def _object_link(self, request, obj, kind):
        if kind == CHANGED:
            return format_html('<a href="{}">{}</a>', request.path, obj)
        if self.has_change_permission(request, obj):
            opts = obj._meta
            url = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change",
                args=(quote(obj.pk),),
                current_app=self.admin_site.name,
            )
            return format_html('<a href="{}">{}</a>', url, obj)
        return str(obj)

    def _replacement(self, request, message):
        remembered = getattr(request, "_admin_message", None)
        if not remembered:
            return None
        kind = remembered["kind"]
        text = _plain(message)
        opts = self.model._meta
        if kind == "bulk":
            count = remembered["count"]
            django = _(_DJANGO_BULK_DELETED) % {"count": count, "items": model_ngettext(opts, count)}
            return bulk_deleted_message(self.model, count) if text == _plain(django) else None
        obj = remembered["obj"]
        if kind == DELETED:
            django = _(_DJANGO_DELETED) % {"name": opts.verbose_name, "obj": obj}
            return object_message(self.model, DELETED, obj) if text == _plain(django) else None
        for msgid, (said_kind, variant) in _DJANGO[kind].items():
            django = format_html(_(msgid), name=opts.verbose_name, obj=obj)
            if text == _plain(django):
                said = object_message(self.model, said_kind, self._object_link(request, obj, kind))
                followup = _followup(variant)
                return format_html("{} {}", said, followup) if followup else said
        return None

    def message_user(self, request, message, level=messages.INFO, extra_tags="", fail_silently=False):
        replacement = self._replacement(request, message)
        if replacement is not None:
            message = replacement
        return super().message_user(request, message, level, extra_tags, fail_silently)


# The foundation's own models, and those of Django and taggit it shows.
# Apps declare theirs in their hooks.py.
def _declare_foundation() -> None:
    from django.utils.translation import gettext_lazy

    declare("comunicacio.unit", FEMININE, gettext_lazy("la unitat organitzativa"))
    declare("comunicacio.unitscope", MASCULINE)
    declare("comunicacio.building", FEMININE)
    declare("comunicacio.image", FEMININE, gettext_lazy("la imatge"))
    declare("comunicacio.sitepage", FEMININE)
    declare("comunicacio.transition", MASCULINE)
    declare("comunicacio.revision", FEMININE)
    declare("comunicacio.effect", MASCULINE)
    declare("comunicacio.notification", MASCULINE)
    declare("comunicacio.staffpreference", FEMININE)
    declare("auth.user", MASCULINE)
    declare("auth.group", MASCULINE)
    declare("taggit.tag", FEMININE)


_declare_foundation()
