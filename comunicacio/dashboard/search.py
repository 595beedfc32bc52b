"""The back-office's global search: every registered model admin with
``search_fields`` that the user may view, each searched through its own
``get_queryset`` and ``get_search_results`` (so its scopes, permissions and
lookups hold), grouped by model with a count, the first few rows and a link
to the list filtered by the same words."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.exceptions import FieldError
from django.db import DataError, router, transaction
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from .panels import change_url

MAX_LENGTH = 200
PER_MODEL = 5


@dataclass
class Group:
    label: str
    app_label: str
    count: int
    see_all: str
    rows: list[dict] = field(default_factory=list)


def problem_with(term: str) -> str:
    """Why ``term`` cannot be searched, for the user; "" when it can."""
    if not term.strip():
        return _("Escriviu què voleu cercar.")
    if len(term) > MAX_LENGTH:
        return _("La cerca és massa llarga: com a màxim %(max)s caràcters.") % {"max": MAX_LENGTH}
    if any(ord(char) < 32 and char not in "\t\n\r" for char in term):
        return _("La cerca conté caràcters no vàlids.")
    return ""


def searchable_admins(request, site) -> list:
    """The model admins with search fields that ``request.user`` may view."""
    found = []
    for model, model_admin in site._registry.items():
        if not model_admin.get_search_fields(request):
            continue
        if not model_admin.has_view_or_change_permission(request):
            continue
        found.append((model, model_admin))
    return sorted(
        found, key=lambda pair: (str(pair[0]._meta.app_config.verbose_name), str(pair[0]._meta.verbose_name))
    )


def search(request, site, term: str) -> list[Group]:
    groups = []
    for model, model_admin in searchable_admins(request, site):
        try:
            # A savepoint: a lookup the database refuses (PostgreSQL aborts
            # the transaction) must not break the other models' searches.
            with transaction.atomic(using=router.db_for_read(model)):
                queryset = model_admin.get_queryset(request)
                queryset, duplicates = model_admin.get_search_results(request, queryset, term)
                if duplicates:
                    queryset = queryset.distinct()
                count = queryset.count()
                if not count:
                    continue
                first = list(queryset[:PER_MODEL])
        except (DataError, FieldError, ValueError, OverflowError):
            continue
        opts = model._meta
        try:
            changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        except NoReverseMatch:
            changelist = ""
        name = str(opts.verbose_name_plural)
        groups.append(
            Group(
                label=name[:1].upper() + name[1:],
                app_label=str(opts.app_config.verbose_name),
                count=count,
                see_all=f"{changelist}?{urlencode({'q': term})}" if changelist else "",
                rows=[{"title": str(obj), "url": change_url(obj)} for obj in first],
            )
        )
    return groups
