"""Where uploaded files are stored.

``MediaStorage`` is the default storage (``MEDIA_ROOT``). Its files are never
served directly: every ``/media/`` URL goes through
``comunicacio.protected_media``, which checks that the content using the file
is visible. ``PrivateStorage`` (``PRIVATE_MEDIA_ROOT``, outside ``MEDIA_ROOT``
and without any URL) holds what is not content yet, such as the images of
unmoderated event proposals."""

import os
import posixpath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.text import slugify

FALLBACK_STEM = "fitxer"


def safe_filename(name: str, fallback: str = FALLBACK_STEM) -> str:
    """``name`` reduced to lowercase ASCII letters, digits, ``-`` and ``_``
    plus its extension; a stem that reduces to nothing becomes ``fallback``,
    so that no upload is ever stored as a dotfile (``"???.pdf"`` would be
    ``".pdf"`` with Django's own ``get_valid_filename``)."""
    directory, base = posixpath.split(str(name).replace("\\", "/"))
    stem, dot, extension = base.rpartition(".")
    if not dot:
        stem, extension = base, ""
    stem = slugify(stem).strip("-_.")[:100] or fallback
    extension = slugify(extension).replace("-", "").replace("_", "")[:10]
    cleaned = f"{stem}.{extension}" if extension else stem
    return posixpath.join(directory, cleaned) if directory else cleaned


class MediaStorage(FileSystemStorage):
    def get_valid_name(self, name: str) -> str:
        return safe_filename(name)


class PrivateStorage(MediaStorage):
    """Files with no public URL at all: ``url()`` raises, so a template can
    never link one by mistake; moderators read them through a view that
    checks their permission."""

    @property
    def base_location(self):
        # Read at every use (not once), so that tests and settings overrides
        # point it elsewhere like MEDIA_ROOT.
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a permission-checked view.")


_private = PrivateStorage()


def private_storage() -> PrivateStorage:
    """The private storage, as a callable so that migrations refer to it by name."""
    return _private
