"""News declares itself to the foundation (minimal: what the site search reads)."""

from comunicacio.registry import ContentSpec, register_content

from .models import NewsItem


def listing():
    return NewsItem.objects.visible().for_listing()


register_content(ContentSpec(model=NewsItem, name="news", listing=listing, card_template="news/_card.html"))
