"""Catalan labels for fields that were given no verbose name, which Django
derives from the field's English name ("created at", "content type") and no
catalogue translates: the back-office shows them as column headers and
form labels.

Only the label is set, not the field's declared ``verbose_name`` (what
``deconstruct`` reads), so no migration changes: a field that declares its
own verbose name keeps it.
"""

from django.apps import apps
from django.utils.translation import gettext_lazy as _

LABELS = {
    "content_type": _("tipus de contingut"),
    "object_id": _("identificador de l'element"),
    "target": _("element"),
    "created_at": _("creat"),
    "updated_at": _("modificat"),
    "done_at": _("fet"),
    "width": _("amplada"),
    "height": _("alçada"),
    "renditions": _("versions"),
    "uploaded_by": _("pujada per"),
    "data": _("dades"),
    "publication": _("publicació"),
    "problem_at": _("problema des de"),
    "rate_limited_until": _("limitat fins a"),
    "lease_until": _("reservat fins a"),
    "stale_at": _("desactualitzat des de"),
    "needs_lookup": _("cal comprovar-ho"),
    "idempotency_key": _("clau d'idempotència"),
    "progress": _("progrés"),
    "announced": _("anunciat"),
    "credentials_encrypted": _("credencials (xifrades)"),
    "session_encrypted": _("sessió (xifrada)"),
    "ical_sequence": _("seqüència iCalendar"),
    "schedule_signature": _("signatura de l'horari"),
    "search_vector": _("índex de cerca"),
    "tagged_items": _("elements etiquetats"),
}


def apply() -> None:
    """Label every field of every installed model that declares no verbose
    name and whose name is in ``LABELS``."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if getattr(field, "_verbose_name", "") is None and field.name in LABELS:
                field.verbose_name = LABELS[field.name]
