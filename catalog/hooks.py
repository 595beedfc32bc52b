"""How the catalogue plugs into the foundation."""

from comunicacio.registry import ContentSpec, register_content

from .models import Service


def teaser(item):
    return item.as_teaser("service", item.publish_at)


def listing():
    return Service.objects.visible()


def detail_context(request, item, preview=False) -> dict:
    return {"service": item}


register_content(
    ContentSpec(
        model=Service,
        name="service",
        teaser=teaser,
        card_template="catalog/_card.html",
        detail_template="catalog/service_detail.html",
        detail_context=detail_context,
        listing=listing,
        effects=("cache.purge", "workflow.notify"),
    )
)
