"""The filters of the institutional agenda's public pages and exports; every
value lives in the URL, so a filtered list and its export share one address
shape."""

from datetime import timedelta

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from comunicacio.date_bounds import validate_in_range

from .models import Holder, InstitutionalCategory, InstitutionalEntry, start_of_day


class InstitutionalFilter(django_filters.FilterSet):
    holder = django_filters.ModelChoiceFilter(
        label=_("Titular"),
        queryset=Holder.objects.all(),
        to_field_name="slug",
        field_name="holder",
        empty_label=_("Tots"),
    )
    category = django_filters.ChoiceFilter(
        label=_("Tipus"), choices=InstitutionalCategory.choices, empty_label=_("Tots")
    )
    date_from = django_filters.DateFilter(
        label=_("Des del"),
        method="filter_from",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_in_range],
    )
    date_to = django_filters.DateFilter(
        label=_("Fins al"),
        method="filter_to",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_in_range],
    )

    class Meta:
        model = InstitutionalEntry
        fields = ["holder", "category", "date_from", "date_to"]

    # Local dates, compared as aware bounds so that the start index is used.
    def filter_from(self, queryset, name, value):
        return queryset.filter(start__gte=start_of_day(value))

    def filter_to(self, queryset, name, value):
        return queryset.filter(start__lt=start_of_day(value + timedelta(days=1)))

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if valid:
            start, end = self.form.cleaned_data.get("date_from"), self.form.cleaned_data.get("date_to")
            if start and end and end < start:
                self.form.add_error("date_to", _("La data final ha de ser igual o posterior a la inicial."))
                return False
        return valid
