"""Validation of document uploads (attachments): type by extension *and*
content signature, and size."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# extension -> accepted leading bytes (None: plain text, checked for NUL bytes)
SIGNATURES = {
    "pdf": [b"%PDF-"],
    "odt": [b"PK\x03\x04"],
    "ods": [b"PK\x03\x04"],
    "odp": [b"PK\x03\x04"],
    "docx": [b"PK\x03\x04"],
    "xlsx": [b"PK\x03\x04"],
    "pptx": [b"PK\x03\x04"],
    "zip": [b"PK\x03\x04"],
    "csv": None,
    "txt": None,
    "jpg": [b"\xff\xd8\xff"],
    "jpeg": [b"\xff\xd8\xff"],
    "png": [b"\x89PNG\r\n\x1a\n"],
}


def validate_attachment(upload) -> None:
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in SIGNATURES:
        raise ValidationError(
            _("Tipus de fitxer no admès (%(ext)s). Formats admesos: %(allowed)s.")
            % {"ext": extension or "?", "allowed": ", ".join(sorted(SIGNATURES))},
            code="type",
        )
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("El fitxer ocupa %(size)s; el màxim és %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(settings.ATTACHMENT_MAX_BYTES)},
            code="size",
        )
    if getattr(upload, "_committed", True) and not hasattr(upload, "content_type"):
        return  # an already stored file, checked when it was uploaded
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    signatures = SIGNATURES[extension]
    if signatures is None:
        if b"\x00" in head:
            raise ValidationError(_("El fitxer no és un text vàlid."), code="content")
    elif not any(head.startswith(signature) for signature in signatures):
        raise ValidationError(
            _("El contingut del fitxer no correspon a un %(ext)s.") % {"ext": extension.upper()},
            code="content",
        )
