"""Permissions read in the staff member's language in the back-office.

Django stores each permission's name in English ("Can add content type")
and shows it as stored; the user and group forms show instead what the
codename means, with the model's translated name: "Tipus de contingut |
tipus de contingut: pot afegir"."""

from django.utils.translation import gettext as _

_ACTIONS = {
    "add": lambda: _("pot afegir"),
    "change": lambda: _("pot modificar"),
    "delete": lambda: _("pot esborrar"),
    "view": lambda: _("pot veure"),
    "publish": lambda: _("pot aprovar, programar, publicar i retirar"),
}


def permission_label(permission) -> str:
    content_type = permission.content_type
    model = content_type.model_class()
    action, _sep, model_name = permission.codename.partition("_")
    if model is None or action not in _ACTIONS or model_name != model._meta.model_name:
        # A permission of its own (its name is ours, in Catalan) or of a removed model.
        return str(permission)
    return f"{model._meta.app_config.verbose_name} | {model._meta.verbose_name}: {_ACTIONS[action]()}"


class PermissionLabelsMixin:
    """Every admin form choosing permissions labels them with ``permission_label``."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and db_field.remote_field.model._meta.label_lower == "auth.permission":
            field.label_from_instance = permission_label
        return field
