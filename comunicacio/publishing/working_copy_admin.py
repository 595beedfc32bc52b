"""The change form of a published item edits its working copy
(``publishing.working_copies``): for editors always, for publishers when a
copy exists or when they choose "save as a working copy".

The normal admin save runs inside ``working_copies.applied`` (form, inlines,
the model admin's edit action), its result is captured and rolled back, and
kept in the copy; opening the form shows the copy's content the same way.
The copy's steps (submit, approve, return, publish, discard) and its staff
preview are pages of their own under ``<id>/copia-de-treball/``."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from comunicacio import preview, registry, roles

from . import actions, revisions, workflow
from . import working_copies as copies
from .models import Revision, Status

# The publisher's button that saves the form as a working copy.
COPY_FIELD = "_working_copy"
# On a copy's form: a transition of the live item that saves nothing.
LIVE_WORKFLOW_FIELD = "_live_workflow"
LIVE_ACTIONS = ("withdraw", "archive")
COMMENT_FIELD = "_workflow_comment"
STEP_COMMENT_FIELD = "comment"
# Request attribute: the pk of the item whose form edits its working copy.
_MARK = "_working_copy_form"


class WorkingCopyAdminMixin:
    # --- which form edits a copy -------------------------------------------------
    def _copy_mode(self, request, obj, copy) -> bool:
        if obj.status != Status.PUBLISHED or not roles.can(request.user, roles.EDIT, obj):
            return False
        if copy is not None or not roles.can(request.user, roles.PUBLISH, obj):
            return True
        return request.method == "POST" and COPY_FIELD in request.POST

    def edits_working_copy(self, request, obj) -> bool:
        """Whether ``request`` is the change form of ``obj`` saving into its
        working copy, and its user may do so (``PublishableAdmin`` then lets
        editors change a published item)."""
        return (
            obj is not None
            and getattr(request, _MARK, None) == obj.pk
            and copies.may_edit(request.user, obj, getattr(request, "_working_copy", None))
        )

    def get_inlines(self, request, obj):
        inlines = super().get_inlines(request, obj)
        if obj is None or getattr(request, _MARK, None) != obj.pk:
            return inlines
        # The copy holds the item's own rows only; channels (social posts,
        # the press distribution) are not part of it, so not on its form.
        held = {model for model, _fk in copies.copied_relations(self.model)}
        return [inline for inline in inlines if inline.model in held]

    def _changeform_view(self, request, object_id, form_url, extra_context):
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        copy = copies.copy_for(obj)
        if obj is None or not self._copy_mode(request, obj, copy):
            return super()._changeform_view(request, object_id, form_url, extra_context)
        setattr(request, _MARK, obj.pk)
        request._working_copy = copy
        if request.method == "POST" and request.POST.get(LIVE_WORKFLOW_FIELD):
            return self._live_transition(request, obj, request.POST[LIVE_WORKFLOW_FIELD])
        if request.method == "POST":
            # A copy's form saves the copy and nothing else: no workflow
            # transition of the live item, no "save as new".
            post = request.POST.copy()
            for name in ("_workflow", "_saveasnew", COPY_FIELD):
                post.pop(name, None)
            request.POST = post
        captured = None
        try:
            with copies.applied(obj, copy) as draft:
                response = super()._changeform_view(request, object_id, form_url, extra_context)
                if request.method == "POST" and isinstance(response, HttpResponseRedirect):
                    captured = copies.capture(draft)
                elif hasattr(response, "render"):
                    # Rendered now, while the database shows the copy.
                    response.render()
        except copies.WorkingCopyError as error:
            # The copy no longer fits the item (a rule changed since): say
            # so; discarding it, or publishing after a fix, stays possible.
            self.message_user(request, str(error), messages.ERROR)
            if "discard" in copies.allowed_steps(request.user, obj, copy):
                return HttpResponseRedirect(self._step_url(obj, "discard"))
            opts = obj._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        if captured is not None:
            try:
                copies.store(obj, request.user, *captured)
            except copies.WorkingCopyError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _(
                        "Els canvis s'han desat en una còpia de treball: el públic continua veient la "
                        "versió publicada fins que es publiquin."
                    ),
                    messages.INFO,
                )
        return response

    def _live_transition(self, request, obj, action_name: str):
        """Withdraw or archive the live item from its copy's form (the
        workflow buttons there would save the form into the copy): the
        transition alone, the form's unsaved edits left aside, the copy kept."""
        change_url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
        if action_name not in LIVE_ACTIONS:
            self.message_user(request, _("Aquesta acció no existeix."), messages.ERROR)
            return HttpResponseRedirect(change_url)
        try:
            actions.apply(obj, action_name, request.user, comment=request.POST.get(COMMENT_FIELD, "")[:2000])
        except actions.TransitionError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            label = workflow.ACTIONS[action_name].label
            self.message_user(
                request,
                _("«%(item)s»: %(action)s fet. Estat actual: %(state)s.")
                % {"item": obj, "action": label, "state": obj.get_status_label()},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(change_url)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            copy = (
                getattr(request, "_working_copy", None) if getattr(request, _MARK, None) == obj.pk else None
            )
            copy = copy or copies.copy_for(obj)
            context["working_copy"] = self._banner(request, obj, copy)
            if getattr(request, _MARK, None) == obj.pk:
                # The live item's transitions are not the copy's buttons.
                context["workflow_actions"] = []
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _banner(self, request, obj, copy) -> dict:
        editing = getattr(request, _MARK, None) == obj.pk
        banner = {
            "copy": copy,
            "editing": editing,
            "published": obj.status == Status.PUBLISHED,
            "offer": (
                copy is None
                and not editing
                and obj.status == Status.PUBLISHED
                and roles.can(request.user, roles.PUBLISH, obj)
            ),
        }
        if editing:
            banner["live_actions"] = [
                action
                for action in workflow.available_actions(obj, request.user)
                if action.name in LIVE_ACTIONS
            ]
        if copy is not None:
            banner["outdated"] = copy.is_outdated
            banner["steps"] = [
                {"name": step, "label": copies.step_label(step), "url": self._step_url(obj, step)}
                for step in copies.allowed_steps(request.user, obj, copy)
            ]
            banner["preview_url"] = self._step_url(obj, "preview")
        return banner

    def _step_url(self, obj, step: str) -> str:
        opts = obj._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_working_copy", args=[obj.pk, step])

    # --- the copy's pages --------------------------------------------------------
    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        own = [
            path(
                "<path:object_id>/copia-de-treball/<str:step>/",
                self.admin_site.admin_view(self.working_copy_view),
                name="{}_{}_working_copy".format(*info),
            )
        ]
        return own + super().get_urls()

    def working_copy_view(self, request, object_id, step):
        if step != "preview" and step not in copies.STEPS:
            raise Http404(_("Aquesta acció no existeix."))
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("Aquest element no existeix."))
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        if step == "preview":
            return self._preview_copy(request, obj)
        if not copies.may_take(step, request.user, obj):
            raise PermissionDenied
        change_url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
        copy = copies.copy_for(obj)
        if copy is None:
            self.message_user(request, _("Aquest element no té cap còpia de treball."), messages.WARNING)
            return HttpResponseRedirect(change_url)
        error = ""
        if request.method == "POST":
            comment = request.POST.get(STEP_COMMENT_FIELD, "")[:2000]
            post_update = request.POST.get("post_update") == "1"
            try:
                copies.take(step, obj, request.user, comment=comment, post_update=post_update)
            except copies.WorkingCopyError as refused:
                error = str(refused)
            else:
                self.message_user(
                    request,
                    _("«%(item)s»: %(action)s fet.") % {"item": obj, "action": copies.step_label(step)},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(change_url)
        elif step not in copies.allowed_steps(request.user, obj, copy):
            # The role may, the state does not: say why, on the form.
            try:
                copies.check(step, request.user, obj, copy)
            except copies.WorkingCopyError as refused:
                self.message_user(request, str(refused), messages.ERROR)
            return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "title": _("%(action)s: còpia de treball de «%(item)s»")
            % {"action": copies.step_label(step), "item": obj},
            "step": step,
            "step_label": copies.step_label(step),
            "copy": copy,
            "outdated": copy.is_outdated,
            "changes": self._changes(request, obj, copy),
            "needs_reason": step == "return",
            "error": error,
            "change_url": change_url,
            "preview_url": self._step_url(obj, "preview"),
        }
        return TemplateResponse(
            request, "admin/publishing/working_copy_step.html", context, status=400 if error else 200
        )

    def _changes(self, request, obj, copy) -> list[tuple[str, str, str]]:
        """What publishing the copy changes, field by field, as text: rich
        text is never shown to an editor as HTML."""
        live = Revision(data=revisions.snapshot(obj))
        # What publishing the copy does not bring (the publication time is
        # the workflow's) is no change to show.
        visible = self.revision_keys_visible(request, obj) - revisions.NOT_RESTORED
        rows = revisions.compare(live, Revision(data=copy.data), self.model, visible=visible)
        return [(label, strip_tags(old), strip_tags(new)) for label, old, new in rows]

    def _preview_copy(self, request, obj):
        copy = copies.copy_for(obj)
        spec = registry.spec_for(obj)
        if copy is None or spec is None:
            raise Http404(_("Aquest element no té cap còpia de treball."))
        with copies.applied(obj, copy):
            response = preview.preview(request, name=spec.name, pk=obj.pk)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        return response
