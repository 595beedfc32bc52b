"""The share links' pages: the back-office list (make, copy, revoke) and
the anonymous read-only preview with the files it shows."""

import re

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from .. import media_access, preview, protected_media, registry
from . import actions
from .models import DEFAULT_LIFETIME, LIFETIMES, ShareLink, link_for_token

# Where a share page's stored files are read from, so that an unpublished
# item's image shows to the visitor holding the link and to nobody else.
SESSION_NEW_LINKS = "preview_share_new_links"


class ShareLinkForm(forms.Form):
    days = forms.TypedChoiceField(
        label=gettext_lazy("Caducitat"),
        choices=list(LIFETIMES.items()),
        coerce=int,
        initial=DEFAULT_LIFETIME,
        error_messages={"invalid_choice": gettext_lazy("Trieu una caducitat de la llista: 1, 7 o 30 dies.")},
    )


# --- back-office ----------------------------------------------------------------


def _item(request, name: str, pk: int):
    spec = registry.spec_named(name)
    if spec is None or not spec.detail_template:
        raise Http404(_("Aquest tipus de contingut no existeix."))
    item = get_object_or_404(spec.model._default_manager.all(), pk=pk)
    if not (admin.site.has_permission(request) and actions.may_create(request.user, item)):
        raise PermissionDenied
    return item


@staff_member_required
def links(request, name: str, pk: int):
    """The item's share links; POST makes a new one. Its address is shown
    once, on the page the POST leads to (only its hash is stored)."""
    if request.method not in ("GET", "HEAD", "POST"):
        return _not_allowed()
    item = _item(request, name, pk)
    form = ShareLinkForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            link, path = actions.create(item, request.user, form.cleaned_data["days"])
            new_links = request.session.get(SESSION_NEW_LINKS, {})
            new_links[str(link.pk)] = request.build_absolute_uri(path)
            request.session[SESSION_NEW_LINKS] = new_links
            messages.success(
                request,
                _("S'ha creat l'enllaç. Copieu-lo ara: per seguretat no es tornarà a mostrar."),
            )
            return HttpResponseRedirect(request.path)
        status = 400
    new_links = request.session.pop(SESSION_NEW_LINKS, {})
    rows = list(ShareLink.for_item(item).select_related("created_by", "revoked_by"))
    now = timezone.now()
    opts = item._meta
    context = {
        **admin.site.each_context(request),
        "title": _("Enllaços de previsualització: %(item)s") % {"item": item},
        "item": item,
        "opts": opts,
        "change_url": preview.change_url(item),
        "frame_url": reverse("preview_frame", kwargs={"name": name, "pk": pk}),
        "form": form,
        "links": [
            {
                "link": link,
                "state": link.state(now),
                "state_label": ShareLink.State(link.state(now)).label,
                "url": new_links.get(str(link.pk), ""),
                "may_revoke": link.state(now) == ShareLink.State.ACTIVE
                and actions.may_revoke(request.user, link, item),
                "revoke_url": reverse(
                    "preview_share_revoke", kwargs={"name": name, "pk": pk, "link_id": link.pk}
                ),
            }
            for link in rows
        ],
    }
    response = render(request, "preview/share_links.html", context, status=status)
    return preview.preview_headers(response, frameable=False)


@require_POST
@staff_member_required
def revoke(request, name: str, pk: int, link_id: int):
    item = _item(request, name, pk)
    link = get_object_or_404(ShareLink.for_item(item), pk=link_id)
    if not actions.may_revoke(request.user, link, item):
        raise PermissionDenied
    if actions.revoke(link, request.user):
        messages.success(request, _("S'ha revocat l'enllaç: ja no obre la previsualització."))
    else:
        messages.info(request, _("Aquest enllaç ja estava revocat."))
    return HttpResponseRedirect(reverse("preview_share_links", kwargs={"name": name, "pk": pk}))


def _not_allowed():
    from django.http import HttpResponseNotAllowed

    return HttpResponseNotAllowed(["GET", "HEAD", "POST"])


# --- anonymous ------------------------------------------------------------------


def _gone(request, link: ShareLink | None):
    """The clear page of a link that no longer (or never did) open anything:
    410 for an expired or revoked one, 404 for anything else."""
    if link is None:
        status, title, message = (
            404,
            _("Aquest enllaç no és vàlid"),
            _("L'adreça no correspon a cap enllaç de previsualització. Comproveu que l'heu copiada sencera."),
        )
    elif link.state() == ShareLink.State.REVOKED:
        status, title, message = (
            410,
            _("Aquest enllaç s'ha revocat"),
            _("Qui el va compartir l'ha desactivat. Si encara el necessiteu, demaneu-ne un de nou."),
        )
    elif link.state() == ShareLink.State.EXPIRED:
        status, title, message = (
            410,
            _("Aquest enllaç ha caducat"),
            _("Els enllaços de previsualització duren un temps limitat. Demaneu-ne un de nou."),
        )
    else:
        status, title, message = (
            410,
            _("Aquest contingut ja no existeix"),
            _("L'element que es compartia s'ha esborrat."),
        )
    response = render(request, "preview/problem.html", {"title": title, "message": message}, status=status)
    return preview.preview_headers(response, frameable=False)


def _active_item(token: str):
    """(link, item) for a token that opens something now; (link or None,
    None) otherwise."""
    link = link_for_token(token)
    if link is None or not link.is_active:
        return link, None
    spec = registry.spec_for(link.content_type.model_class()) if link.content_type.model_class() else None
    if spec is None or not spec.detail_template:
        return link, None
    rows = spec.detail_queryset() if spec.detail_queryset else spec.model._default_manager.all()
    return link, rows.filter(pk=link.object_id).first()


@require_safe
def shared(request, token: str):
    """The read-only preview behind a share link, for anyone holding it."""
    link, item = _active_item(token)
    if item is None:
        return _gone(request, link)
    language = preview.requested_language(request, item)
    if language is None:
        return preview.bad_language(request)
    media_prefix = reverse("preview_shared_media", kwargs={"token": token, "name": "x"})[:-1]
    return preview.render_preview(
        request,
        item,
        language,
        banner={"expires_at": link.expires_at, "shared": True},
        rewrite=lambda html: point_media_at(html, media_prefix),
    )


def point_media_at(html: str, prefix: str) -> str:
    """The page with its stored files' addresses (``MEDIA_URL…`` in an
    attribute or a srcset) read through ``prefix``."""
    media = re.escape(settings.MEDIA_URL)
    return re.sub(rf'(?<=["\s,]){media}', prefix, html)


@require_safe
def shared_media(request, token: str, name: str):
    """A stored file of the shared item (its image, its renditions, its
    declared files), or any file public anyway; nothing else."""
    link, item = _active_item(token)
    if item is None:
        raise Http404
    name = protected_media.clean_name(name)
    claim = media_access.claim(name)
    if claim is None or not (claim.public or media_access.item_uses(item, name)):
        raise Http404
    response = protected_media.send_file(request, protected_media.default_storage, name)
    response["Cache-Control"] = protected_media.PRIVATE
    return response
