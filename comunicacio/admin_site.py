import re

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import DataError, connections, router, transaction
from django.db.models.constants import LOOKUP_SEP
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from . import admin_history, roles
from .admin_messages import GenderedMessagesMixin
from .permission_labels import PermissionLabelsMixin

# What absurd filter values in a changelist's URL raise: an id beyond the
# database's integers (OverflowError), year 0 (ValueError), a NUL byte or an
# out-of-range value PostgreSQL refuses (DataError), and Django's own refusal
# of a malformed lookup.
LOOKUP_ERRORS = (IncorrectLookupParameters, OverflowError, ValueError, DataError)
# SQLite runs regular expressions with Python's re and reports a bad pattern
# only as an OperationalError, which must not be mistaken for anything else:
# such patterns are checked before the query.
REGEX_LOOKUPS = ("__regex", "__iregex")
# Lookups whose values are compared as the field's own integers. Django turns
# an out-of-range `exact` into "no rows" but lets `in` reach the database,
# where SQLite fails and PostgreSQL answers: checked first so that every
# database answers the same 400.
INTEGER_LOOKUPS = {"exact", "in", "gt", "gte", "lt", "lte", "range"}


def _target_field(model, key: str):
    """The field a changelist lookup such as ``unit__id__in`` compares, and
    its lookup name; (None, None) when the key is not a plain field path."""
    parts = key.split(LOOKUP_SEP)
    lookup = "exact"
    if len(parts) > 1 and parts[-1] in INTEGER_LOOKUPS | {"isnull"}:
        lookup = parts.pop()
    field = None
    for name in parts:
        if model is None:
            return None, None
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return None, None
        model = field.related_model
    # A relation is compared through the field it points to (usually an id).
    if field is not None and field.is_relation:
        field = getattr(field, "target_field", None)
    return field, lookup


def out_of_range_integers(model, params, using: str) -> bool:
    """Whether a filter compares an integer field with a number the
    database cannot hold."""
    ops = connections[using].ops
    for key, value in params.items():
        field, lookup = _target_field(model, key)
        if field is None or lookup not in INTEGER_LOOKUPS:
            continue
        internal_type = field.get_internal_type()
        if internal_type not in ops.integer_field_ranges:
            continue
        low, high = ops.integer_field_range(internal_type)
        values = value.split(",") if lookup in {"in", "range"} else [value]
        for raw in values:
            try:
                number = int(raw.strip())
            except ValueError:
                continue  # Django's own validation refuses it
            if (low is not None and number < low) or (high is not None and number > high):
                return True
    return False


class BadLookup(Exception):
    """A changelist's filters cannot be applied: the request's fault (400)."""


class SafeChangelistMixin:
    """Every changelist answers absurd filters in its URL with a 400 page
    that says so, never a server error or a silent redirect; every inline
    formset refuses tampered rows with a form error; every history shows
    inline rows only to who may see the inline."""

    def get_changelist_instance(self, request):
        for key, value in request.GET.items():
            if "\x00" in value:
                # PostgreSQL refuses NUL in text; SQLite would just find nothing.
                raise BadLookup("NUL byte")
            if key.endswith(REGEX_LOOKUPS):
                try:
                    re.compile(value)
                except re.error as error:
                    raise BadLookup(str(error)) from error
        if out_of_range_integers(self.model, request.GET, router.db_for_read(self.model)):
            raise BadLookup("integer out of range")
        try:
            return super().get_changelist_instance(request)
        except LOOKUP_ERRORS as error:
            raise BadLookup(str(error)) from error

    def changelist_view(self, request, extra_context=None):
        try:
            # A savepoint: after a DataError PostgreSQL refuses every further
            # query of the transaction until it is rolled back.
            with transaction.atomic(using=router.db_for_read(self.model)):
                response = super().changelist_view(request, extra_context)
                # The rows are fetched while the list renders.
                if isinstance(response, TemplateResponse) and "cl" in (response.context_data or {}):
                    try:
                        response.render()
                    except LOOKUP_ERRORS as error:
                        raise BadLookup(str(error)) from error
        except BadLookup:
            return self.bad_lookup_response(request)
        return response

    def history_view(self, request, object_id, extra_context=None):
        # The history shows inline rows only to who may see the inline.
        response = super().history_view(request, object_id, extra_context)
        return admin_history.filter_history(self, request, response)

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            yield strict_formset(formset), inline

    def bad_lookup_response(self, request):
        context = {**self.admin_site.each_context(request), "opts": self.opts}
        return TemplateResponse(request, "admin/bad_lookup.html", context, status=400)


class StrictInlineFormSetMixin:
    """An inline formset that refuses tampered POST data with a form error.

    Django already reports a missing or non-numeric management form and
    more forms than allowed; it silently accepts a negative count, more
    "initial" rows than the item has, and a row id that is not one of the
    item's rows (it treats the row as a new one)."""

    def clean(self):
        super().clean()
        if not self.is_bound:
            return
        counts = {}
        for name in (TOTAL_FORM_COUNT, INITIAL_FORM_COUNT):
            raw = self.data.get(self.add_prefix(name), "")
            try:
                counts[name] = int(raw)
            except (TypeError, ValueError):
                counts[name] = -1
        existing = {str(pk) for pk in self.get_queryset().values_list("pk", flat=True)}
        if (
            min(counts.values()) < 0
            or counts[INITIAL_FORM_COUNT] > counts[TOTAL_FORM_COUNT]
            or counts[INITIAL_FORM_COUNT] > len(existing)
        ):
            raise ValidationError(
                _("Les dades de control de «%(list)s» no són vàlides. Torneu a carregar la pàgina.")
                % {"list": self.model._meta.verbose_name_plural},
                code="tampered_management_form",
            )
        pk_name = self.model._meta.pk.name
        for index, form in enumerate(self.forms):
            posted = self.data.get(f"{form.prefix}-{pk_name}", "")
            initial = index < counts[INITIAL_FORM_COUNT]
            if (initial and str(posted) not in existing) or (not initial and posted not in ("", None)):
                raise ValidationError(
                    _(
                        "Una fila de «%(list)s» no és d'aquest element o ja no existeix. "
                        "Torneu a carregar la pàgina."
                    )
                    % {"list": self.model._meta.verbose_name_plural},
                    code="tampered_row",
                )


def strict_formset(formset):
    if issubclass(formset, StrictInlineFormSetMixin):
        return formset
    return type(formset.__name__, (StrictInlineFormSetMixin, formset), {"__module__": formset.__module__})


class StyleCheckMixin:
    """The change form of every registered content type shows the
    accessibility and clear-language check of the saved item
    (``comunicacio.style_check``, templates/admin/publishing/_style_check.html)."""

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        from . import registry, style_check

        spec = registry.spec_for(self.model)
        if spec is not None:
            opts = self.model._meta
            context["style_check"] = {
                "findings": style_check.check_item(obj, spec.image_field) if obj is not None else [],
                "checked": obj is not None,
                "url": reverse(
                    "admin:style_check",
                    args=[opts.app_label, opts.model_name],
                    current_app=self.admin_site.name,
                ),
                "object_id": getattr(obj, "pk", None) or "",
            }
        return super().render_change_form(request, context, add, change, form_url, obj)


class CommunicationAdminSite(admin.AdminSite):
    """The back-office: only active staff with a role (or superusers) enter;
    a user without a role sees nothing of it."""

    def has_permission(self, request) -> bool:
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        return user.is_superuser or user.groups.filter(name__in=roles.role_names()).exists()

    def index(self, request, extra_context=None):
        # The home is a work dashboard (comunicacio.dashboard); Django's app
        # list stays, compact, beside it.
        from .dashboard.views import dashboard_context

        return super().index(request, {**dashboard_context(request), **(extra_context or {})})

    def get_urls(self):
        from . import staff_views
        from .dashboard import views as dashboard_views

        return [
            path("preferencies/", self.admin_view(staff_views.preferences), name="preferences"),
            path(
                "style-check/<str:app_label>/<str:model_name>/",
                self.admin_view(staff_views.style_check),
                name="style_check",
            ),
            path(
                "tauler/avisos/<int:pk>/llegit/",
                self.admin_view(dashboard_views.mark_read),
                name="dashboard_mark_read",
            ),
            path(
                "tauler/avisos/llegits/",
                self.admin_view(dashboard_views.mark_all_read),
                name="dashboard_mark_all_read",
            ),
            path(
                "cerca/",
                self.admin_view(lambda request: dashboard_views.search_view(request, self)),
                name="search",
            ),
        ] + super().get_urls()

    def register(self, model_or_iterable, admin_class=None, **options):
        # Every model admin, ours and those of Django's and third-party apps,
        # gets the safe changelist, messages that agree with the model's
        # gender and the style check of content types (as Django itself
        # subclasses for options).
        admin_class = admin_class or admin.ModelAdmin
        mixins = tuple(
            mixin
            for mixin in (SafeChangelistMixin, GenderedMessagesMixin, StyleCheckMixin, PermissionLabelsMixin)
            if not issubclass(admin_class, mixin)
        )
        if mixins:
            admin_class = type(
                admin_class.__name__,
                (*mixins, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        super().register(model_or_iterable, admin_class, **options)


class CommunicationAdminConfig(AdminConfig):
    default_site = "comunicacio.admin_site.CommunicationAdminSite"

    def ready(self):
        super().ready()  # discovers every app's admin.py
        from . import field_labels

        field_labels.apply()
        from taggit.models import Tag

        from .admin import TagAdmin

        # taggit registers its admin after ours (it is installed later):
        # replaced here, once every admin.py ran.
        if admin.site.is_registered(Tag):
            admin.site.unregister(Tag)
            admin.site.register(Tag, TagAdmin)
