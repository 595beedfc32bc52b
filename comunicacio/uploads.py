"""Validation of document uploads (attachments): type by extension *and*
content signature, and size. Image attachments are also fully decoded with
the media library's limits (truncated files, decompression bombs) and stored
re-encoded without metadata, exactly like library images."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from . import images

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
IMAGE_EXTENSIONS = {"jpg", "jpeg", "png"}


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def validate_attachment(upload):
    """Refuse a bad document with a clear message; for an image, return it
    decoded (None otherwise)."""
    extension = extension_of(upload.name or "")
    if extension not in SIGNATURES:
        raise ValidationError(
            _("Tipus de fitxer no admès (%(ext)s). Formats admesos: %(allowed)s.")
            % {"ext": extension or "?", "allowed": ", ".join(sorted(SIGNATURES))},
            code="type",
        )
    if getattr(upload, "_committed", True) and not hasattr(upload, "content_type"):
        # An already stored file, checked when it was uploaded: not even its
        # size is asked for (editing a title must not touch the storage).
        return None
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("El fitxer ocupa %(size)s; el màxim és %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(settings.ATTACHMENT_MAX_BYTES)},
            code="size",
        )
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
    if extension in IMAGE_EXTENSIONS:
        try:
            return images.validate_upload(upload)
        except ValidationError as error:
            # Without a code of its own, a model form would replace the
            # message by its file field's generic "invalid" one.
            raise ValidationError(error.message % (error.params or {}), code="image") from None
    return None


def is_fresh_upload(field_file) -> bool:
    """Whether ``field_file`` holds a file just received (not yet stored)."""
    return bool(field_file) and not field_file._committed


def store_clean(field_file) -> None:
    """Check a just received attachment again (code paths other than forms,
    such as imports, skip validators) and store an image re-encoded without
    its metadata (EXIF, GPS, XMP, comments)."""
    decoded = validate_attachment(field_file)
    if decoded is None:
        return
    data, extension = images.strip_metadata(decoded)
    stem = field_file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    field_file.save(f"{stem}.{extension}", ContentFile(data), save=False)
