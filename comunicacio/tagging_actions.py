"""Writes of tags shared by every content type."""

from django.db import transaction
from taggit.models import Tag, TaggedItem


@transaction.atomic
def merge_tags(tags, name: str) -> Tag:
    """Every item tagged with one of ``tags`` is tagged ``name`` instead
    (an existing tag of that name, or a new one), as taggit's own merge."""
    target, _created = Tag.objects.get_or_create(name=name)
    for tag in tags:
        if tag.pk == target.pk:
            continue
        for tagged in TaggedItem.objects.filter(tag=tag):
            duplicate = TaggedItem.objects.filter(
                tag=target, content_type_id=tagged.content_type_id, object_id=tagged.object_id
            ).exists()
            if duplicate:
                tagged.delete()
            else:
                tagged.tag = target
                tagged.save(update_fields=["tag"])
    return target
