"""Choosing a library image by its thumbnail, for every foreign key to
``Image`` in the back-office.

The widget is the plain select (what works without JavaScript) with the
chosen image's thumbnail; ``static/media_library/chooser.js`` hides the
select and offers a dialog that loads the chooser page (thumbnails, search,
filters by tag and unit, pages, "upload a new one") and writes the choice
back into the select. Admins get it through ``ImageChooserAdminMixin``
(``PublishableAdmin`` includes it)."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from .organisation import Unit

PER_PAGE = 24


def is_image_field(db_field) -> bool:
    from .media import Image

    return db_field.remote_field is not None and db_field.remote_field.model is Image


class ImageChooserWidget(forms.Select):
    class Media:
        js = ("media_library/chooser.js",)
        css = {"all": ("media_library/media_library.css",)}

    def render(self, name, value, attrs=None, renderer=None):
        from .media import Image

        # The select as Django renders it, in the project's template around
        # it (the form renderer only reads Django's own widget templates).
        select = super().render(name, value, attrs, renderer)
        chosen = None
        # A tampered value re-rendered with its form error must not reach
        # the database as an integer it cannot hold.
        if value not in (None, "") and str(value).isdigit() and 0 < int(value) < 2**63:
            chosen = Image.objects.filter(pk=int(value)).first()
        return render_to_string(
            "admin/media_library/chooser_widget.html",
            {"select": select, "chosen": chosen, "chooser_url": reverse("admin:comunicacio_image_chooser")},
        )


class ImageChooserAdminMixin:
    """Gives every foreign key to a library image the chooser widget (in
    place of the autocomplete or select Django would use)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if is_image_field(db_field) and "widget" not in kwargs:
            kwargs["widget"] = ImageChooserWidget()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ChooserFilters(forms.Form):
    """The chooser's query string: what to search and filter by."""

    q = forms.CharField(label=_("Cerca"), max_length=200, required=False)
    tag = forms.ModelChoiceField(
        label=_("Etiqueta"),
        queryset=Tag.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Totes"),
    )
    unit = forms.ModelChoiceField(
        label=_("Unitat"), queryset=Unit.objects.order_by("name"), required=False, empty_label=_("Totes")
    )

    def __init__(self, *args, **kwargs):
        from .media import Image

        super().__init__(*args, **kwargs)
        # Only the tags some image carries.
        self.fields["tag"].queryset = Tag.objects.filter(
            pk__in=Image.tags.through.objects.filter(
                content_type__app_label="comunicacio", content_type__model="image"
            ).values("tag_id")
        ).order_by("name")

    def filter(self, queryset):
        data = self.cleaned_data
        if data.get("q"):
            words = data["q"].split()
            for word in words:
                queryset = queryset.filter(
                    Q(title__icontains=word)
                    | Q(alt_text__icontains=word)
                    | Q(credit__icontains=word)
                    | Q(tags__name__icontains=word)
                )
            queryset = queryset.distinct()
        if data.get("tag"):
            queryset = queryset.filter(tags=data["tag"])
        if data.get("unit"):
            queryset = queryset.filter(unit=data["unit"])
        return queryset


def page_of(queryset, number):
    """A page of the chooser: a number out of range or not a number gives
    the nearest page, never an error."""
    return Paginator(queryset, PER_PAGE).get_page(number)
