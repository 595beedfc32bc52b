"""Back-office pages of the foundation that belong to no model: a member of
staff's own preferences, and the style check the change form refreshes."""

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect, JsonResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from . import preference_actions, registry
from . import style_check as checks
from .preferences import language_for


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Llengua del back-office i dels correus"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
    )


@require_http_methods(["GET", "POST"])
def preferences(request):
    """ "Les meves preferències": the language the back-office speaks to me."""
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            language = preference_actions.set_language(request.user, form.cleaned_data["language"])
            # The message is read after the redirect, in the new language.
            with translation.override(language):
                messages.success(request, _("S'han desat les vostres preferències."))
            return HttpResponseRedirect(reverse("admin:preferences"))
        status = 400
    else:
        form = PreferencesForm(initial={"language": language_for(request.user)})
        status = 200
    context = {
        **admin.site.each_context(request),
        "title": _("Les meves preferències"),
        "form": form,
    }
    return TemplateResponse(request, "admin/preferences.html", context, status=status)


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@require_POST
def style_check(request, app_label: str, model_name: str):
    """The findings of the style check for the values being edited (the
    change form's fields, POSTed as they are): advice, never a refusal."""
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        return _error(_("Aquest tipus de contingut no existeix."), 404)
    spec = registry.spec_for(model)
    model_admin = admin.site._registry.get(model)
    if spec is None or model_admin is None:
        return _error(_("Aquest tipus de contingut no existeix."), 404)
    obj = None
    object_id = request.POST.get("_object_id", "")
    if object_id:
        obj = model_admin.get_object(request, object_id)
        if obj is None:
            return _error(_("Aquest element no existeix."), 404)
        if not model_admin.has_change_permission(request, obj):
            raise PermissionDenied
    elif not model_admin.has_add_permission(request):
        raise PermissionDenied
    values = {name: value for name, value in request.POST.items() if not name.startswith("_")}
    image_alt, has_image = None, False
    if spec.image_field:
        image_alt, has_image, error = _image_alt(model, spec.image_field, request.POST, obj)
        if error:
            return _error(error, 400)
    findings = checks.check_values(model, values, image_alt=image_alt, has_image=has_image)
    html = render_to_string(
        "admin/publishing/_style_check_findings.html",
        {"style_check": {"findings": findings, "checked": True}},
        request=request,
    )
    return JsonResponse({"count": len(findings), "findings": [f.as_dict() for f in findings], "html": html})


def _image_alt(model, image_field: str, data, obj):
    """The alt text of the image the form has chosen (its id in the POST),
    else of the saved item's; (alt, has image, error)."""
    field = model._meta.get_field(image_field)
    if field.attname not in data and image_field not in data:
        image = getattr(obj, image_field, None) if obj is not None else None
        return getattr(image, "alt_text", None), image is not None, ""
    raw = (data.get(image_field) or data.get(field.attname) or "").strip()
    if not raw:
        return None, False, ""
    if not raw.isdigit() or len(raw) > 18:
        return None, False, _("La imatge triada no és vàlida.")
    if not any(f.name == "alt_text" for f in field.related_model._meta.get_fields()):
        return None, False, ""
    alt = field.related_model._default_manager.filter(pk=int(raw)).values_list("alt_text", flat=True).first()
    if alt is None:
        return None, False, _("La imatge triada no existeix.")
    return alt, True, ""
