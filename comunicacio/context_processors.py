from django.conf import settings
from django.utils.functional import SimpleLazyObject

from comunicacio import pagecache


def _footer_pages():
    from comunicacio.pages import SitePage

    return list(SitePage.objects.filter(show_in_footer=True).only("slug", "title", "title_es"))


def site(request):
    # Lazy: the admin never pays for what only public pages show.
    return {
        "COUNCIL_NAME": settings.COUNCIL_NAME,
        "SITE_URL": settings.SITE_URL,
        "PRESS_CONTACT": settings.PRESS_CONTACT,
        "footer_pages": SimpleLazyObject(lambda: pagecache.memo("footer", _footer_pages)),
    }
