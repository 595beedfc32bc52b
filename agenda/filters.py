"""The public agenda's filters; every value lives in the URL (Catalan names:
they are what a citizen shares)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comunicacio.date_bounds import validate_in_range

from . import listing
from .models import Audience, Category, Occurrence, Venue

MAX_RANGE_DAYS = 366 * 2


class AgendaFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("desde"), cleaned.get("fins")
        if first and last:
            if last < first:
                raise forms.ValidationError(
                    _("La data final (%(last)s) és anterior a la inicial (%(first)s).")
                    % {"first": first.isoformat(), "last": last.isoformat()}
                )
            if (last - first).days > MAX_RANGE_DAYS:
                raise forms.ValidationError(_("L'interval de dates no pot passar de dos anys."))
        if cleaned.get("quan") and (first or last):
            raise forms.ValidationError(_("Trieu un període ràpid o un interval de dates, no tots dos."))
        return cleaned


class AgendaFilter(django_filters.FilterSet):
    quan = django_filters.ChoiceFilter(
        label=_("Quan"), choices=listing.PERIODS, method="filter_period", empty_label=_("Properes activitats")
    )
    desde = django_filters.DateFilter(
        label=_("Des del"),
        method="filter_nothing",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_in_range],
    )
    fins = django_filters.DateFilter(
        label=_("Fins al"),
        method="filter_nothing",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_in_range],
    )
    categoria = django_filters.ChoiceFilter(
        label=_("Categoria"), field_name="event__category", choices=Category.choices, empty_label=_("Totes")
    )
    public = django_filters.ModelChoiceFilter(
        label=_("Públic"),
        queryset=Audience.objects.all(),
        to_field_name="slug",
        field_name="event__audiences",
        empty_label=_("Tots"),
    )
    espai = django_filters.ModelChoiceFilter(
        label=_("Espai"), queryset=Venue.objects.all(), field_name="event__venue", empty_label=_("Tots")
    )
    gratuit = django_filters.BooleanFilter(
        label=_("Només gratuïtes"), method="filter_flag", widget=forms.CheckboxInput
    )
    accessible = django_filters.BooleanFilter(
        label=_("Només accessibles"), method="filter_flag", widget=forms.CheckboxInput
    )
    q = django_filters.CharFilter(label=_("Text"), method="filter_text", max_length=200)

    class Meta:
        model = Occurrence
        fields = ["quan", "desde", "fins", "categoria", "public", "espai", "gratuit", "accessible", "q"]
        form = AgendaFilterForm

    PARAMETERS = frozenset(Meta.fields) | {"page"}

    def filter_nothing(self, queryset, name, value):
        # Dates are applied together in ``qs`` (a range needs both ends).
        return queryset

    def filter_period(self, queryset, name, value):
        if value == listing.PAST:
            return queryset
        first, last = listing.period_days(value, timezone.localdate())
        return queryset.between(first, last)

    def filter_flag(self, queryset, name, value):
        if not value:
            return queryset
        field = {"gratuit": "event__is_free", "accessible": "event__accessible"}[name]
        return queryset.filter(**{field: True})

    def filter_text(self, queryset, name, value):
        for word in value.split()[:10]:
            queryset = queryset.filter(
                Q(event__title__icontains=word)
                | Q(event__summary__icontains=word)
                | Q(event__title_es__icontains=word)
                | Q(event__summary_es__icontains=word)
            )
        return queryset

    @property
    def shows_past(self) -> bool:
        data = getattr(self.form, "cleaned_data", {})
        return data.get("quan") == listing.PAST

    @property
    def qs(self):
        queryset = super().qs
        data = getattr(self.form, "cleaned_data", {}) if self.is_bound else {}
        first, last = data.get("desde"), data.get("fins")
        now = timezone.now()
        if first or last:
            # An explicit range may reach into the past.
            queryset = queryset.filter(local_end_date__gte=first) if first else queryset.upcoming(now)
            if last:
                queryset = queryset.filter(local_date__lte=last)
            return queryset.order_by("start", "pk")
        if self.shows_past:
            return queryset.past(now).order_by("-start", "-pk")
        return queryset.upcoming(now).order_by("start", "pk")

    def unknown_parameters(self) -> list[str]:
        return sorted(set(self.data) - self.PARAMETERS) if self.data else []
