import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from comunicacio.date_bounds import validate_in_range
from comunicacio.models import Unit

from .models import Kind, NewsItem


class NewsFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("date_from"), cleaned.get("date_to")
        if first and last and last < first:
            self.add_error("date_to", _("La data final ha de ser igual o posterior a la inicial."))
        return cleaned


class NewsFilter(django_filters.FilterSet):
    """The public news list's filters; every value lives in the URL."""

    q = django_filters.CharFilter(label=_("Text"), method="filter_text", max_length=200)
    kind = django_filters.ChoiceFilter(label=_("Tipus"), choices=Kind.choices, empty_label=_("Tots"))
    unit = django_filters.ModelChoiceFilter(
        label=_("Unitat"),
        queryset=Unit.objects.all(),
        to_field_name="slug",
        field_name="unit",
        empty_label=_("Totes"),
    )
    tag = django_filters.CharFilter(label=_("Etiqueta"), field_name="tags__slug", max_length=100)
    date_from = django_filters.DateFilter(
        label=_("Des del"),
        field_name="publish_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_in_range],
    )
    date_to = django_filters.DateFilter(
        label=_("Fins al"),
        field_name="publish_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_in_range],
    )

    class Meta:
        model = NewsItem
        fields = ["q", "kind", "unit", "tag", "date_from", "date_to"]
        form = NewsFilterForm

    def filter_text(self, queryset, name, value):
        for word in value.split()[:10]:
            queryset = queryset.filter(Q(title__icontains=word) | Q(summary__icontains=word))
        return queryset

    @property
    def qs(self):
        # A tag join may repeat rows only when filtering by tag.
        queryset = super().qs
        return queryset.distinct() if getattr(self.form, "cleaned_data", {}).get("tag") else queryset
