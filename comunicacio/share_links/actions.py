"""The only writes of share links: make one, revoke one."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from .. import roles
from .models import DEFAULT_LIFETIME, LIFETIMES, ShareLink, hash_token, new_token, sign_token


def may_create(user, item) -> bool:
    """Whoever may see the item in the back-office may share its preview."""
    return roles.may_view(user, item)


def may_revoke(user, link: ShareLink, item) -> bool:
    """Its creator, or whoever may publish the item."""
    if not roles.may_view(user, item):
        return False
    return link.created_by_id == user.pk or roles.can(user, roles.PUBLISH, item)


def create(item, user, days: int = DEFAULT_LIFETIME) -> tuple[ShareLink, str]:
    """A new link to ``item``'s preview valid for ``days``; returns the row
    and its site-relative address, which is never stored and so can only be
    shown now."""
    if days not in LIFETIMES:
        raise ValueError(f"unknown lifetime: {days!r}")
    raw = new_token()
    now = timezone.now()
    link = ShareLink.objects.create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        token_hash=hash_token(raw),
        created_by=user,
        created_at=now,
        expires_at=now + ShareLink.lifetime(days),
    )
    return link, reverse("preview_shared", kwargs={"token": sign_token(raw)})


def revoke(link: ShareLink, user) -> bool:
    """Revoke ``link`` now; False when it already was (nothing changes)."""
    updated = ShareLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=user
    )
    link.refresh_from_db()
    return bool(updated)
