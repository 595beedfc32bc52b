from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from comunicacio import navigation, pagecache


def _footer_pages():
    from comunicacio.pages import SitePage

    return list(SitePage.objects.filter(show_in_footer=True).only("slug", "title", "title_es"))


def _page_languages(request) -> list[dict]:
    """This page in every language (hreflang links, language switcher).

    The view was already resolved for this request: reverse its name in each
    language rather than resolving the path again (``translate_url``)."""
    match = getattr(request, "resolver_match", None)
    query = request.META.get("QUERY_STRING", "")
    current = translation.get_language()
    languages = []
    for code, _name in settings.LANGUAGES:
        url = None
        if match is not None and match.view_name:
            try:
                with translation.override(code):
                    url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                url = None
            if url is not None and query:
                url = f"{url}?{query}"
        if url is None:
            url = translate_url(request.get_full_path(), code)
        name = translation.get_language_info(code)["name_local"]
        languages.append(
            {"code": code, "name": name[:1].upper() + name[1:], "url": url, "current": code == current}
        )
    return languages


def _view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    return (match.view_name or "") if match is not None else ""


def site(request):
    # Lazy: the admin never pays for what only public pages show.
    return {
        "COUNCIL_NAME": settings.COUNCIL_NAME,
        "SITE_URL": settings.SITE_URL,
        "PRESS_CONTACT": settings.PRESS_CONTACT,
        "footer_pages": SimpleLazyObject(lambda: pagecache.memo("footer", _footer_pages)),
        "page_languages": SimpleLazyObject(lambda: _page_languages(request)),
        "site_links": SimpleLazyObject(lambda: navigation.links(_view_name(request))),
    }
