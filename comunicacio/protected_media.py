"""The one way a stored file reaches a browser: ``/media/<name>``.

Wagtail serves private documents the same way: a view decides, then either
streams the file or hands it to the web server (``X-Accel-Redirect`` for
nginx). Deciding in Django keeps the rule in one place
(``comunicacio.media_access``) and lets a file follow its content's
visibility at the exact second; handing the bytes to nginx keeps workers
free. Unguessable names alone would not do: a name, once seen (in a draft's
preview, an email, a log), stays valid forever.

The page cache never stores these responses (``/media/`` is outside it), and
every answer says how other caches may keep it: public files are revalidated
(``no-cache``, or ``MEDIA_CACHE_SECONDS``), staff previews and refusals are
``no-store``."""

import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.defaults import page_not_found
from django.views.static import was_modified_since

from . import media_access

PRIVATE = "private, no-store"


@require_safe
def serve(request, name: str):
    try:
        response = _serve(request, name)
    except Http404 as refusal:
        response = page_not_found(request, refusal)
        response["Cache-Control"] = PRIVATE
    return response


def _serve(request, name: str):
    name = clean_name(name)
    claim = media_access.claim(name)
    if claim is None:
        raise Http404
    if claim.public:
        cache_control = (
            f"public, max-age={settings.MEDIA_CACHE_SECONDS}"
            if settings.MEDIA_CACHE_SECONDS > 0
            else "public, no-cache"
        )
    elif media_access.staff_may_read(request, claim):
        cache_control = PRIVATE
    else:
        raise Http404
    response = send_file(request, default_storage, name)
    response["Cache-Control"] = cache_control
    return response


def clean_name(name: str) -> str:
    """The stored name a URL path stands for; anything that could leave the
    media folder (``..``, absolute paths, backslashes, NUL) is a 404."""
    if not name or "\x00" in name or "\\" in name or name.startswith("/"):
        raise Http404
    normalised = posixpath.normpath(name)
    if normalised != name or normalised.split("/", 1)[0] == "..":
        raise Http404
    return normalised


def send_file(request, storage, name: str, *, internal_prefix: str | None = None):
    """The response that delivers ``name`` from ``storage``: an empty one
    with ``X-Accel-Redirect`` when ``internal_prefix`` (by default
    ``MEDIA_X_ACCEL_REDIRECT``) names nginx's internal location for that
    storage, otherwise the file streamed by Django."""
    try:
        path = Path(storage.path(name))
        stat = path.stat()
    except (OSError, ValueError, SuspiciousFileOperation):
        raise Http404 from None
    if not path.is_file():
        raise Http404
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    prefix = settings.MEDIA_X_ACCEL_REDIRECT if internal_prefix is None else internal_prefix
    if prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name)
        return response
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), int(stat.st_mtime)):
        return HttpResponseNotModified()
    response = FileResponse(path.open("rb"), content_type=content_type)
    response["Last-Modified"] = http_date(stat.st_mtime)
    return response
