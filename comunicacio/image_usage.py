"""Where a library image is used: every item of every model that points at it.

The relations are read from the model (every foreign key or many-to-many to
``Image``, hidden ``related_name="+"`` ones included), so a content type
registered later, or any other model that shows an image, is listed without
code of its own. A member of staff sees the items their role lets them see;
the others are only counted."""

from dataclasses import dataclass
from functools import reduce
from operator import add

from django.contrib import admin
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse

from . import roles


def image_relations(model=None) -> list[tuple[type, str]]:
    """(model, field name) of every relation pointing at ``model`` (Image)."""
    if model is None:
        from .media import Image

        model = Image
    return [
        (relation.related_model, relation.field.name)
        for relation in model._meta.get_fields(include_hidden=True)
        if relation.is_relation
        and relation.auto_created
        and not relation.concrete
        and isinstance(relation.related_model, type)
        and (relation.one_to_many or relation.many_to_many)
    ]


@dataclass(frozen=True)
class Use:
    item: object
    type_label: str
    status: str
    admin_url: str


@dataclass(frozen=True)
class Usage:
    uses: list[Use]
    hidden: int  # items the member may not see

    @property
    def total(self) -> int:
        return len(self.uses) + self.hidden


def _may_see(request, item) -> bool:
    """The back-office's own rule for the item (roles, units), or the
    model's view permission for a model the back-office does not show."""
    from .publishing.models import Publishable

    model_admin = admin.site._registry.get(type(item))
    if model_admin is not None:
        return model_admin.has_view_permission(request, item)
    if isinstance(item, Publishable):
        return roles.may_view(request.user, item)
    return request.user.has_perm(f"{item._meta.app_label}.view_{item._meta.model_name}")


def _admin_url(item) -> str:
    if type(item) not in admin.site._registry:
        return ""
    try:
        return reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_change", args=[item.pk])
    except NoReverseMatch:
        return ""


def usage(image, request) -> Usage:
    """The items using ``image`` that the member may see (with a link to
    each one the back-office shows) and how many others use it."""
    uses, hidden = [], 0
    for model, field in image_relations(type(image)):
        for item in model._default_manager.filter(**{field: image}).distinct().order_by("pk"):
            if not _may_see(request, item):
                hidden += 1
                continue
            status = item.get_status_label() if hasattr(item, "get_status_label") else ""
            uses.append(Use(item, str(model._meta.verbose_name), str(status), _admin_url(item)))
    return Usage(uses, hidden)


def with_use_counts(queryset):
    """``queryset`` of images annotated with ``use_count``: how many items
    of every model point at each (one subquery per relation, no joins that
    would multiply rows)."""
    counts = []
    for model, field in image_relations(queryset.model):
        rows = (
            model._default_manager.filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(n=Count("pk", distinct=True))
            .values("n")
        )
        counts.append(Coalesce(Subquery(rows, output_field=IntegerField()), Value(0)))
    if not counts:
        return queryset.annotate(use_count=Value(0, output_field=IntegerField()))
    return queryset.annotate(use_count=reduce(add, counts))
