"""Admin support shared by every publishable model: workflow buttons that
respect roles, preview, revision history with comparison and restore."""

import copy
import json

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from comunicacio import formatting, roles, slugs
from comunicacio.image_chooser import ImageChooserAdminMixin

from . import actions, consequences, form_layout, revisions, shared_objects, workflow
from .models import Revision, Status, Transition
from .working_copy_admin import WorkingCopyAdminMixin

WORKFLOW_FIELD = "_workflow"
COMMENT_FIELD = "_workflow_comment"
# Posted by the confirmation box's button: the action the publisher was told
# the consequences of and confirmed.
CONFIRMED_FIELD = "_confirmed"
# The code of the form error that asks for that confirmation.
CONFIRM_CODE = "workflow_confirm"
# States whose content only publishers may change: what they approved or what
# the public sees. Withdrawn and archived items are out of public view and
# editors may reopen them (workflow "reopen"), so they stay editable.
PUBLISHER_ONLY_STATES = {Status.APPROVED, Status.PUBLISHED}


class PublishableAdmin(WorkingCopyAdminMixin, ImageChooserAdminMixin, admin.ModelAdmin):
    change_form_template = "admin/publishing/change_form.html"
    list_filter = ("status",)
    readonly_fields = ("workflow_state",)
    date_hierarchy = "publish_at"
    # Read-only displays that show a model field (for what revisions show).
    revision_aliases = {"slug_display": "slug"}

    class Media:
        # State badges, the confirmation box, the revision comparison.
        css = {"all": ["publishing/workflow.css"]}

    @admin.display(description=gettext_lazy("Estat"))
    def workflow_state(self, obj):
        if obj is None or obj.pk is None:
            return _("Esborrany nou")
        return obj.get_status_label()

    @admin.display(description=gettext_lazy("Estat"), ordering="status")
    def status_badge(self, obj):
        if obj.is_scheduled:
            # When it goes live, in the list itself: "Programat · 3/12 9.00 h".
            return format_html(
                '<span class="status status-scheduled">{} · <time datetime="{}">{}</time></span>',
                obj.get_status_label(),
                obj.publish_at.isoformat(),
                formatting.short_date_time(obj.publish_at),
            )
        return format_html('<span class="status status-{}">{}</span>', obj.status, obj.get_status_label())

    def get_list_display(self, request):
        # Every publishable list shows its state as the badge (a scheduled
        # item's go-live time included), whatever its admin declares.
        columns = list(super().get_list_display(request))
        columns = ["status_badge" if name in ("status", "workflow_state") else name for name in columns]
        if "status_badge" not in columns:
            columns.insert(1 if columns else 0, "status_badge")
        return list(dict.fromkeys(columns))

    # --- permissions -----------------------------------------------------------
    # Object checks go through roles.can, which honours roles limited to units.
    def get_queryset(self, request):
        return roles.limit_to_scope(request.user, super().get_queryset(request))

    def has_view_permission(self, request, obj=None):
        if not super().has_view_permission(request, obj):
            return False
        return obj is None or roles.may_view(request.user, obj)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if (
            obj is not None
            and obj.status in PUBLISHER_ONLY_STATES
            and not self.edits_working_copy(request, obj)
        ):
            return roles.can(request.user, roles.PUBLISH, obj)
        return obj is None or roles.can(request.user, roles.EDIT, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None:
            # A draft, with the delete permission; or one's own draft that
            # was never published, even without it.
            return workflow.may_delete(obj, request.user)
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        actions.delete_draft(obj, request.user)

    # --- the address: editable until the first publication -------------------
    # An admin lists "slug_display" (the read-only address) in its fieldsets;
    # until the item is first published the editable field takes its place.
    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if slugs.slug_locked(obj) or not self._has_slug_field():
            return fieldsets
        return [
            (name, {**options, "fields": _swap(options.get("fields", ()), "slug_display", "slug")})
            for name, options in fieldsets
        ]

    def _has_slug_field(self) -> bool:
        try:
            self.model._meta.get_field("slug")
        except FieldDoesNotExist:
            return False
        return True

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "slug" and db_field.blank:
            return slugs.SlugFormField(
                label=db_field.verbose_name,
                max_length=db_field.max_length,
                required=False,
                help_text=_(
                    "Deixeu-ho en blanc perquè es generi del títol. Es pot canviar fins que "
                    "l'element es publica per primer cop; després ja no canvia."
                ),
                widget=admin.widgets.AdminTextInputWidget,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Someone whose role is limited to units files items under those units
        # only (an item of another unit, or of none, would be out of their reach).
        unit = roles.unit_field(self.model)
        if unit is not None and db_field.name == unit.name:
            units = roles.units_for(request.user, self.model)
            if units is not None:
                kwargs["queryset"] = db_field.remote_field.model._default_manager.filter(pk__in=units)
                kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # --- the form checks the requested transition before anything is saved ---
    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change=change, **kwargs)
        action = request.POST.get(WORKFLOW_FIELD) if request.method == "POST" else None
        confirmed = bool(action) and request.POST.get(CONFIRMED_FIELD) == action

        class WorkflowForm(base):
            def clean(self):
                cleaned = super().clean()
                if "slug" in self.fields and not cleaned.get("slug"):
                    self._fill_slug(cleaned)
                if (
                    self.instance.status == Status.PUBLISHED
                    and "publish_at" in self.fields
                    and "publish_at" not in self.errors
                    and cleaned.get("publish_at") is None
                ):
                    # An empty date would hide a live item without a transition.
                    self.add_error(
                        "publish_at",
                        _("Un element publicat necessita una data de publicació. Per amagar-lo, retireu-lo."),
                    )
                if action and not self.errors:
                    # Check against the values being saved (a new expiry, say),
                    # on a copy: the instance is only updated after clean().
                    candidate = copy.copy(self.instance)
                    unit = roles.unit_field(type(candidate))
                    for name in ("publish_at", "expire_at", *([unit.name] if unit else [])):
                        if name in cleaned:
                            setattr(candidate, name, cleaned[name])
                    publish_at = cleaned.get("publish_at")
                    if action == "schedule" and publish_at is None:
                        publish_at = self.instance.publish_at
                    try:
                        workflow.check(candidate, action, request.user, publish_at=publish_at)
                    except workflow.TransitionError as error:
                        raise ValidationError(str(error), code="workflow") from None
                    if not confirmed and consequences.needs_confirmation(candidate, action):
                        # Nothing is saved: the form comes back, every typed
                        # value kept, with what the action will do and a
                        # button that confirms it.
                        raise ValidationError(
                            [
                                ValidationError(sentence, code=CONFIRM_CODE)
                                for sentence in consequences.sentences(candidate, action, publish_at)
                            ]
                            or [ValidationError(_("Confirmeu l'acció."), code=CONFIRM_CODE)]
                        )
                return cleaned

            def _fill_slug(self, cleaned) -> None:
                """An address left empty is made from the title now, so that
                everything that reads it before the save (the social posts'
                links) has one; one not sent at all, or whose title is not
                valid, stays as it was."""
                stored = self.instance.slug
                if stored and (self.add_prefix("slug") not in self.data or not cleaned.get("title")):
                    cleaned["slug"] = stored
                elif cleaned.get("title"):
                    model = type(self.instance)
                    cleaned["slug"] = slugs.unique_slug(
                        model._default_manager.all(),
                        cleaned["title"],
                        fallback=getattr(model, "slug_fallback", "contingut"),
                        exclude_pk=self.instance.pk,
                    )

        return WorkflowForm

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the inlines: the revision's snapshot reads them. A workflow
        # action posted with the save makes this revision its own (one
        # revision per save and action): remembered for _after_save.
        request._publishing_saved_at = Revision.for_item(form.instance).values_list("pk", flat=True).first()
        self.record_edit(request, form.instance, created=not change)

    def record_edit(self, request, item, created: bool) -> None:
        """The action that owns the consequences of a saved edit; a model
        whose saves do more (an event's occurrences) overrides this."""
        actions.record_edit(item, request.user, created=created)

    def _saved_revision(self, request, obj):
        """The revision the save of this request recorded, if any."""
        latest = Revision.for_item(obj).first()
        if latest is None or latest.pk == getattr(request, "_publishing_saved_at", None):
            return None
        return latest

    def restore_revision(self, request, item, revision) -> None:
        actions.restore_revision(item, revision, request.user)

    def _after_save(self, request, obj, added=False):
        action = request.POST.get(WORKFLOW_FIELD)
        if not action:
            return None
        try:
            actions.apply(
                obj,
                action,
                request.user,
                comment=request.POST.get(COMMENT_FIELD, "")[:2000],
                revision=self._saved_revision(request, obj),
            )
        except actions.TransitionError as error:
            # The form checked the action, so only a concurrent change gets
            # here. The admin view runs in one transaction: roll the edit back
            # too, so that nothing is half-done.
            transaction.set_rollback(True)
            self.message_user(
                request,
                _("No s'ha desat res: %(error)s") % {"error": error},
                messages.ERROR,
            )
            if added:
                return HttpResponseRedirect(
                    reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_changelist")
                )
        else:
            self.message_user(
                request,
                _("«%(item)s»: %(action)s fet. Estat actual: %(state)s.")
                % {"item": obj, "action": workflow.ACTIONS[action].label, "state": obj.get_status_label()},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(
            reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
        )

    def response_change(self, request, obj):
        return self._after_save(request, obj) or super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_save(request, obj, added=True) or super().response_add(
            request, obj, post_url_continue
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        self._confirmation_context(request, context)
        context["workflow_comment"] = request.POST.get(COMMENT_FIELD, "") if request.method == "POST" else ""
        if obj is not None and obj.pk:
            # The buttons save the form too: none on a read-only form.
            context["workflow_actions"] = (
                workflow.available_actions(obj, request.user)
                if self.has_change_permission(request, obj)
                else []
            )
            context["preview_url"] = obj.get_preview_url()
            context["revisions_url"] = reverse(
                f"admin:{obj._meta.app_label}_{obj._meta.model_name}_revisions", args=[obj.pk]
            )
            context["transitions"] = [
                (transition, workflow.action_label(transition.action))
                for transition in Transition.for_item(obj).select_related("user")[:10]
            ]
        else:
            context["workflow_actions"] = [
                action
                for action in workflow.ACTIONS.values()
                if Status.DRAFT in action.sources
                and action.name in {"submit", "publish"}
                and roles.can(request.user, action.capability, self.model)
            ]
        self._lay_out_form(request, context, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _confirmation_context(self, request, context) -> None:
        """A form held back only to confirm a consequential action shows the
        confirmation box instead of the error note."""
        adminform = context.get("adminform")
        action = (
            workflow.ACTIONS.get(request.POST.get(WORKFLOW_FIELD, "")) if request.method == "POST" else None
        )
        if adminform is None or action is None:
            return
        form = adminform.form
        found = form.errors.as_data().get("__all__", [])
        asked = [error for error in found if error.code == CONFIRM_CODE]
        if not asked:
            return
        others = len(found) > len(asked) or any(key != "__all__" for key in form.errors)
        formsets = [inline.formset for inline in context.get("inline_admin_formsets", [])]
        formsets_invalid = any(formset.is_bound and not formset.is_valid() for formset in formsets)
        context["workflow_confirmation"] = {
            "action": action,
            "sentences": [message for error in asked for message in error.messages],
        }
        if not others and not formsets_invalid:
            # Not an error of the user's: no "please correct the errors" note.
            context["errors"] = []

    def _lay_out_form(self, request, context, obj) -> None:
        """The sections of the form and its primary action
        (``publishing.form_layout``)."""
        adminform = context.get("adminform")
        if adminform is None:
            return
        context["form_sections"] = form_layout.sections(
            self.model, adminform, context.get("inline_admin_formsets", [])
        )
        readonly = obj is not None and obj.pk and not self.has_change_permission(request, obj)
        names = [action.name for action in context["workflow_actions"]]
        context["primary_action"] = (
            form_layout.Primary("none")
            if readonly
            else form_layout.primary_action(obj, names, getattr(obj, "publish_at", None))
        )
        fields = [name for fieldset in adminform for line in fieldset for name in _line_names(line)]
        context["translation_pairs_json"] = json.dumps(form_layout.translation_pairs(self.model, fields))

    # --- revisions -------------------------------------------------------------
    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        own = [
            path(
                "<path:object_id>/revisions/",
                self.admin_site.admin_view(self.revisions_view),
                name="{}_{}_revisions".format(*info),
            ),
            path(
                # str, not int: a malformed id gets a 404 here rather than
                # falling through to the admin's catch-all redirect.
                "<path:object_id>/revisions/<str:revision_id>/restore/",
                self.admin_site.admin_view(require_POST(self.restore_view)),
                name="{}_{}_restore".format(*info),
            ),
        ]
        return own + super().get_urls()

    def _object_or_404(self, request, object_id, need_change=False):
        # get_object() turns malformed ids into None instead of a server error.
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404(_("Aquest element no existeix."))
        allowed = (
            self.has_change_permission(request, obj)
            if need_change
            else self.has_view_or_change_permission(request, obj)
        )
        if not allowed:
            raise PermissionDenied
        return obj

    def revision_keys_visible(self, request, obj) -> set[str]:
        """The keys of a revision's data that ``request.user`` may read: the
        fields the change form shows them, and the rows of the inlines they
        may see. The history respects the same permissions as the form."""
        keys = set()
        for name in flatten_fieldsets(self.get_fieldsets(request, obj)):
            name = self.revision_aliases.get(name, name)
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            keys.update({field.name, getattr(field, "attname", field.name)})
        related = {rel.related_model: rel.get_accessor_name() for rel in self.model._meta.related_objects}
        for inline_class in self.get_inlines(request, obj):
            inline = inline_class(self.model, self.admin_site)
            if inline.model in related and inline.has_view_or_change_permission(request, obj):
                keys.add(related[inline.model])
        return keys

    def revisions_view(self, request, object_id):
        obj = self._object_or_404(request, object_id)
        history = list(Revision.for_item(obj).select_related("user"))
        comparison = None
        chosen = request.GET.getlist("r")
        if len(chosen) == 2:
            by_id = {str(revision.pk): revision for revision in history}
            if not all(pk in by_id for pk in chosen):
                raise Http404(_("Aquestes revisions no són d'aquest element."))
            if chosen[0] == chosen[1]:
                self.message_user(request, _("Trieu dues revisions diferents."), messages.WARNING)
            else:
                older, newer = sorted((by_id[pk] for pk in chosen), key=lambda r: (r.created_at, r.pk))
                comparison = {
                    "older": older,
                    "newer": newer,
                    "older_label": revisions.describe(older),
                    "newer_label": revisions.describe(newer),
                    "rows": revisions.compare_words(
                        older, newer, self.model, visible=self.revision_keys_visible(request, obj)
                    ),
                }
        elif chosen:
            self.message_user(request, _("Per comparar, trieu exactament dues revisions."), messages.WARNING)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "title": _("Revisions de «%(item)s»") % {"item": obj},
            "history": [(revision, revisions.describe(revision)) for revision in history],
            "comparison": comparison,
            "can_restore": self.has_change_permission(request, obj),
        }
        return TemplateResponse(request, "admin/publishing/revisions.html", context)

    def restore_view(self, request, object_id, revision_id):
        obj = self._object_or_404(request, object_id, need_change=True)
        if not revision_id.isdigit():
            raise Http404(_("Aquesta revisió no existeix."))
        revision = get_object_or_404(Revision.for_item(obj), pk=int(revision_id))
        try:
            self.restore_revision(request, obj, revision)
        except ValidationError as error:
            self.message_user(
                request,
                _("No s'ha pogut restaurar la revisió: %(errors)s") % {"errors": "; ".join(error.messages)},
                messages.ERROR,
            )
        else:
            self.message_user(request, _("Revisió restaurada."), messages.SUCCESS)
        return HttpResponseRedirect(
            reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
        )


class SharedObjectAdmin(admin.ModelAdmin):
    """Admin of an object that content shows (a library image, a venue): see
    ``publishing.shared_objects``. ``change_note`` is what each live item
    using it records, with ``%(object)s``, ``%(user)s`` and ``%(fields)s``."""

    change_note = gettext_lazy("«%(object)s» modificat per %(user)s (%(fields)s).")

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or shared_objects.may_change(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or shared_objects.may_change(request.user, obj)
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id) if request.method == "GET" else None
        count = len(shared_objects.live_items_using(obj)) if obj is not None else 0
        if count and not shared_objects.may_change(request.user, obj):
            self.message_user(
                request,
                ngettext(
                    "Ho mostra %(count)s element aprovat o publicat: només qui pot publicar hi pot fer "
                    "canvis, perquè es veurien sense revisió.",
                    "Ho mostren %(count)s elements aprovats o publicats: només qui pot publicar hi pot fer "
                    "canvis, perquè es veurien sense revisió.",
                    count,
                )
                % {"count": count},
                messages.INFO,
            )
        elif count:
            self.message_user(
                request,
                ngettext(
                    "Ho mostra %(count)s element aprovat o publicat: els canvis s'hi veuran de seguida i hi "
                    "quedaran anotats.",
                    "Ho mostren %(count)s elements aprovats o publicats: els canvis s'hi veuran de seguida i "
                    "hi quedaran anotats.",
                    count,
                )
                % {"count": count},
                messages.WARNING,
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and form.has_changed():
            fields = ", ".join(_field_name(obj, name, form) for name in form.changed_data)
            user = request.user.get_full_name() or request.user.get_username()
            shared_objects.record_change(
                obj, request.user, str(self.change_note) % {"object": obj, "user": user, "fields": fields}
            )


def _line_names(line) -> list[str]:
    return [field.field.name for field in line if not field.is_readonly and hasattr(field.field, "name")]


def _swap(fields, old: str, new: str) -> tuple:
    """``fields`` (names, or tuples of names on one line) with ``old`` as ``new``."""
    return tuple(
        _swap(field, old, new) if isinstance(field, (list, tuple)) else (new if field == old else field)
        for field in fields
    )


def _field_name(obj, name: str, form) -> str:
    """A changed field as the model names it (lower case, like the notes)."""
    try:
        return str(obj._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a form-only field
        return str(form.fields[name].label if name in form.fields else name)
