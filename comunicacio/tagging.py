"""Reading an item's tags."""

from django.contrib.contenttypes.models import ContentType
from taggit.models import Tag


def tags_of(item) -> list[Tag]:
    """``item``'s tags, by name, in one plain query (taggit's generic prefetch
    costs more in Python than the query itself on a detail page)."""
    return list(
        Tag.objects.filter(
            taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(type(item)),
            taggit_taggeditem_items__object_id=item.pk,
        ).order_by("name")
    )
