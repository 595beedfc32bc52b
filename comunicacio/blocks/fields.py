"""The model field holding a stack of blocks."""

from django.db import models


class BlocksField(models.JSONField):
    """A list of blocks, validated block by block against each type's schema."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)
