"""Who may read a stored file: the rule behind every ``/media/`` URL.

A file is public exactly while some visible content uses it. Visibility is
the content's own query (``Model.objects.visible()``: published, publish time
passed, not expired, no embargo in force), so a file becomes reachable at the
second its item goes live and stops being reachable when the item is
withdrawn or expires, with no task involved. Staff whose role may preview the
content read it at any time. A file that no content claims is not served.

The foundation knows its own media library (originals under ``images/``,
renditions under ``renditions/<image pk>/``); each content type declares in
its ``ContentSpec`` which field holds a library image (``image_field``) and
which file folders belong to its items (``files``)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from operator import or_

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils import timezone

from . import registry

IMAGE_PREFIXES = ("images/", "renditions/")


def _image_uses() -> list[tuple[type, str]]:
    """(model, field) of every public content type that shows a library
    image: the image and its renditions are public while a visible row uses
    it. A staff-only type never makes an image public."""
    return [
        (spec.model, spec.image_field) for spec in registry.content_specs(registry.PUBLIC) if spec.image_field
    ]


def _file_owners() -> list[tuple[str, Callable[[str], QuerySet], str, bool]]:
    """(prefix, owners(name), staff permission, whether the type is public)
    of the declared file folders: a staff-only item's files never are."""
    return [(*owner, spec.is_public) for spec in registry.content_specs() for owner in spec.files]


@dataclass(frozen=True)
class Claim:
    """What the rule knows about one stored file."""

    public: bool
    staff_permission: str


def claim(name: str, now: datetime | None = None) -> Claim | None:
    """Whether ``name`` is public now, and which permission lets staff read
    it anyway; None when no content claims the file."""
    now = now or timezone.now()
    if name.startswith(IMAGE_PREFIXES):
        return _image_claim(name, now)
    for prefix, owners, permission, public in _file_owners():
        if name.startswith(prefix):
            users = owners(name)
            if not users.exists():
                return None
            return Claim(public=public and users.visible(now).exists(), staff_permission=permission)
    return None


def _image_claim(name: str, now: datetime) -> Claim | None:
    from .media import Image

    if name.startswith("renditions/"):
        pk = name.split("/", 2)[1]
        if not pk.isdigit():
            return None
        images = Image.objects.filter(pk=int(pk))
    else:
        images = Image.objects.filter(file=name)
    used_visibly = [
        Exists(model.objects.visible(now).filter(**{field: OuterRef("pk")})) for model, field in _image_uses()
    ]
    if used_visibly:
        # One query: the image and whether any visible content shows it.
        images = images.annotate(
            public=ExpressionWrapper(reduce(or_, (Q(e) for e in used_visibly)), output_field=BooleanField())
        )
    image = images.only("pk", "file", "renditions").first()
    if image is None:
        return None
    if name.startswith("renditions/") and name not in _rendition_names(image):
        return None
    return Claim(public=bool(getattr(image, "public", False)), staff_permission="comunicacio.view_image")


def _rendition_names(image) -> set[str]:
    return {name for sizes in (image.renditions or {}).values() for name in sizes.values()}


def staff_may_read(request, claim: Claim) -> bool:
    """The preview rule of the back-office: an active staff member with a
    role (or a superuser) and the right to see the content."""
    from django.contrib import admin

    return admin.site.has_permission(request) and request.user.has_perm(claim.staff_permission)


def item_uses(item, name: str) -> bool:
    """Whether ``item`` itself shows the stored file ``name``: its declared
    library image (or one of that image's renditions), or a file of a folder
    its type declares that belongs to it. A share link reads exactly these."""
    spec = registry.spec_for(item)
    if spec is None:
        return False
    if name.startswith(IMAGE_PREFIXES):
        image = getattr(item, spec.image_field, None) if spec.image_field else None
        if image is None:
            return False
        return name == image.file.name or name in _rendition_names(image)
    return any(
        name.startswith(prefix) and owners(name).filter(pk=item.pk).exists()
        for prefix, owners, _perm in spec.files
    )
