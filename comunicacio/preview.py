"""One staff preview for every declared content type: ``/preview/<name>/<pk>/``.

An item is shown exactly as the public will see it, with the type's own
detail template and context, in one of the languages it has
(``?lang=ca|es``: the page is rendered under that language, as its
``/ca/…`` or ``/es/…`` public address would be), to back-office staff
allowed to see that type. ``/preview/<name>/<pk>/frame/`` shows it side by
side at phone and desktop widths with a language switch, in its own tab.

``render_preview`` is the one renderer: the staff page, the anonymous share
page (``comunicacio.share_links``) and the preview of a working copy all
call it with the item to show. A preview is never public and never cached:
the ``/preview/`` prefix is skipped by the page cache and disallowed in
robots.txt, every answer is ``private, no-store`` and ``noindex``, and the
page carries a visible "not published" banner."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from . import registry, roles, security

NO_STORE = "private, no-store"
NOINDEX = "noindex, nofollow"
# The preview is framed by the back-office's own frame page, never elsewhere.
FRAMEABLE_CSP = security.ADMIN_CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'")

# The frame page's widths (px): a common phone and a common laptop.
DEVICES = {"phone": 390, "desktop": 1280}


def site_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


# A language named inside a sentence of the back-office ("en castellà").
LANGUAGE_IN_WORDS = {"ca": gettext_lazy("català"), "es": gettext_lazy("castellà")}


def language_in_words(code: str) -> str:
    return str(LANGUAGE_IN_WORDS.get(code, code))


def language_name(code: str) -> str:
    """The language's name as the site's settings give it ("Castellano"),
    in the active language."""
    return str(dict(settings.LANGUAGES).get(code, code))


def translation_fields(model, language: str) -> list[str]:
    """The model's fields holding ``language``'s translation of a base field
    (``title_es`` beside ``title``)."""
    names = {field.name for field in model._meta.concrete_fields}
    suffix = f"_{language}"
    return [name for name in names if name.endswith(suffix) and name[: -len(suffix)] in names]


def item_languages(item) -> list[str]:
    """The languages ``item`` has: Catalan always, and each translation
    language in which at least one of its translated fields is filled."""
    languages = [settings.LANGUAGE_CODE]
    for language in settings.CONTENT_TRANSLATION_LANGUAGES:
        if any(getattr(item, name) for name in translation_fields(type(item), language)):
            languages.append(language)
    return languages


def missing_language_notes(item) -> list[str]:
    """Why a site language is not offered for ``item``: its type has no
    fields in that language, or the item has not been translated yet."""
    notes = []
    offered = item_languages(item)
    for language in settings.CONTENT_TRANSLATION_LANGUAGES:
        if language in offered:
            continue
        name = language_in_words(language)
        if translation_fields(type(item), language):
            notes.append(
                _("Aquest element encara no té cap camp traduït en %(language)s.") % {"language": name}
            )
        else:
            notes.append(
                _("Aquest tipus de contingut no té camps en %(language)s: es previsualitza en català.")
                % {"language": name}
            )
    return notes


def language_switch(item, current: str, url_for: Callable[[str], str]) -> list[dict]:
    """The entries of the page's language switcher: the item's languages,
    each leading to the same preview in that language."""
    return [
        {"code": code, "name": language_name(code), "url": url_for(code), "current": code == current}
        for code in item_languages(item)
    ]


def with_query(path: str, **params) -> str:
    return f"{path}?{urlencode(params)}"


def render_preview(
    request,
    item,
    language: str,
    *,
    language_url: Callable[[str], str] | None = None,
    banner: dict | None = None,
    rewrite: Callable[[str], str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """``item`` rendered with its type's public detail template and context,
    in ``language``, as the public would see it, with the preview banner.

    ``language_url(code)`` is where the page's language switcher leads (by
    default this address with ``?lang=code``); ``banner`` adds to what the
    banner says (``expires_at`` of a share link, ``note``); ``rewrite`` may
    transform the rendered HTML (the share page points stored files at its
    own token-scoped address)."""
    spec = registry.spec_for(item)
    if spec is None or not spec.detail_template:
        raise Http404
    if language_url is None:

        def language_url(code):
            return with_query(request.path, lang=code)

    with translation.override(language):
        context = spec.detail_context(request, item, preview=True) if spec.detail_context else {"item": item}
        context["page_languages"] = language_switch(item, language, language_url)
        context["preview_banner"] = {
            "status": item.get_status_label() if hasattr(item, "get_status_label") else "",
            "language": language_in_words(language),
            **(banner or {}),
        }
        response = render(request, spec.detail_template, context, status=status)
    if rewrite is not None:
        response.content = rewrite(response.content.decode()).encode()
    return preview_headers(response)


def preview_headers(response, frameable: bool = True) -> HttpResponse:
    """What every preview answer says to caches, robots and browsers."""
    response["Cache-Control"] = NO_STORE
    response["X-Robots-Tag"] = NOINDEX
    if frameable:
        response["X-Frame-Options"] = "SAMEORIGIN"
        response["Content-Security-Policy"] = FRAMEABLE_CSP
    return response


def change_url(item) -> str:
    """The item's back-office form, or "" for a type the admin does not edit."""
    opts = item._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
    except NoReverseMatch:
        return ""


def _item_for_staff(request, name: str, pk: int):
    spec = registry.spec_named(name)
    if spec is None or not spec.detail_template:
        raise Http404(_("Aquest tipus de contingut no existeix."))
    rows = spec.detail_queryset() if spec.detail_queryset else spec.model._default_manager.all()
    item = get_object_or_404(rows, pk=pk)
    # The same rule as the back-office: a role (or superuser) and the right
    # to see this item, within the units the role is limited to.
    if not (admin.site.has_permission(request) and roles.may_view(request.user, item)):
        raise PermissionDenied
    return item


def requested_language(request, item) -> str | None:
    """``?lang=`` if it names a site language (Catalan when absent); None
    for anything else."""
    language = request.GET.get("lang", settings.LANGUAGE_CODE)
    return language if language in site_languages() else None


def bad_language(request) -> HttpResponse:
    response = render(
        request,
        "preview/problem.html",
        {
            "title": _("Idioma desconegut"),
            "message": _("La previsualització es pot veure en: %(languages)s.")
            % {"languages": ", ".join(f"{language_in_words(code)} ({code})" for code in site_languages())},
        },
        status=400,
    )
    return preview_headers(response, frameable=False)


@require_safe
@staff_member_required
def preview(request, name: str, pk: int):
    item = _item_for_staff(request, name, pk)
    language = requested_language(request, item)
    if language is None:
        return bad_language(request)
    return render_preview(request, item, language)


@require_safe
@staff_member_required
def frame(request, name: str, pk: int):
    """The item at phone and desktop widths, side by side (or one of them),
    with switches for the language and the width: the page the change
    form's "Previsualitza" opens in its own tab."""
    item = _item_for_staff(request, name, pk)
    language = requested_language(request, item)
    if language is None:
        return bad_language(request)
    device = request.GET.get("device", "both")
    if device not in {"both", *DEVICES}:
        device = "both"
    here = request.path
    preview_url = reverse("preview", kwargs={"name": name, "pk": pk})
    device_labels = {
        "both": _("Mòbil i escriptori"),
        "phone": _("Mòbil (%(px)s px)") % {"px": DEVICES["phone"]},
        "desktop": _("Escriptori (%(px)s px)") % {"px": DEVICES["desktop"]},
    }
    frames = [
        {
            "device": code,
            "width": DEVICES[code],
            "src": with_query(preview_url, lang=language),
            "title": _("Previsualització en %(language)s a l'amplada %(device)s")
            % {"language": language_in_words(language), "device": device_labels[code].lower()},
        }
        for code in DEVICES
        if device in ("both", code)
    ]
    opts = item._meta
    context = {
        **admin.site.each_context(request),
        "title": _("Previsualització: %(item)s") % {"item": item},
        "item": item,
        "opts": opts,
        "change_url": change_url(item),
        "share_url": reverse("preview_share_links", kwargs={"name": name, "pk": pk}),
        "languages": [
            {
                "code": code,
                "name": language_name(code),
                "url": with_query(here, lang=code, device=device),
                "current": code == language,
            }
            for code in item_languages(item)
        ],
        "language_notes": missing_language_notes(item),
        "devices": [
            {
                "code": code,
                "name": label,
                "url": with_query(here, lang=language, device=code),
                "current": code == device,
            }
            for code, label in device_labels.items()
        ],
        "frames": frames,
    }
    response = render(request, "preview/frame.html", context)
    return preview_headers(response, frameable=False)


def urlpatterns():
    """The preview's addresses, all under ``/preview/`` (skipped by the page
    cache, disallowed in robots.txt)."""
    from django.urls import path

    from .share_links import views as share_views

    return [
        # A share link's page and the files it shows, for anyone holding it;
        # first, so that no token is ever read as a type name and an id.
        path("s/<str:token>/", share_views.shared, name="preview_shared"),
        path("s/<str:token>/media/<path:name>", share_views.shared_media, name="preview_shared_media"),
        # Every declared content type's staff preview.
        path("<slug:name>/<int:pk>/", preview, name="preview"),
        path("<slug:name>/<int:pk>/frame/", frame, name="preview_frame"),
        path("<slug:name>/<int:pk>/share/", share_views.links, name="preview_share_links"),
        path(
            "<slug:name>/<int:pk>/share/<int:link_id>/revoke/",
            share_views.revoke,
            name="preview_share_revoke",
        ),
    ]
