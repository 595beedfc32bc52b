"""The event change form's recurrence widgets and the one-date action form.

The stored rule stays the RRULE pieces of ``Event`` (``recurrence_weekdays``
as "MO,TH", ``recurrence_exceptions`` as ISO dates): the form only changes
how an editor states them, with weekday checkboxes, the week of the month in
words and a date picker that adds excluded dates."""

from datetime import datetime, time, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from comunicacio import formatting

from .models import Event, Occurrence
from .models.events import WEEKDAY_CODES, parse_dates
from .recurrence import local_zone

WEEKDAY_ABBREVIATIONS = (
    pgettext_lazy("dia de la setmana abreujat", "dl"),
    pgettext_lazy("dia de la setmana abreujat", "dt"),
    pgettext_lazy("dia de la setmana abreujat", "dc"),
    pgettext_lazy("dia de la setmana abreujat", "dj"),
    pgettext_lazy("dia de la setmana abreujat", "dv"),
    pgettext_lazy("dia de la setmana abreujat", "ds"),
    pgettext_lazy("dia de la setmana abreujat", "dg"),
)


class WeekdayLabel:
    """A checkbox label: the abbreviation shown, the full name read (built at
    render time, in the page's language)."""

    def __init__(self, index: int):
        self.index = index

    def __str__(self) -> str:
        return format_html(
            '<span aria-hidden="true">{}</span><span class="visually-hidden">{}</span>',
            WEEKDAY_ABBREVIATIONS[self.index],
            formatting.WEEKDAYS[formatting._language(None)][self.index],
        )

    def __html__(self) -> str:
        return str(self)


WEEKDAY_CHOICES = [(code, WeekdayLabel(index)) for index, code in enumerate(WEEKDAY_CODES)]

POSITION_CHOICES = [
    ("", _("cada setmana del mes")),
    ("1", pgettext_lazy("setmana del mes", "el primer")),
    ("2", pgettext_lazy("setmana del mes", "el segon")),
    ("3", pgettext_lazy("setmana del mes", "el tercer")),
    ("4", pgettext_lazy("setmana del mes", "el quart")),
    ("-1", pgettext_lazy("setmana del mes", "l'últim")),
]


class ExceptionDatesWidget(forms.Widget):
    """The excluded dates, one per line, plus a date picker whose value is
    added to them (by the script at once, or by the form on saving)."""

    template_name = "admin/agenda/event/exception_dates_widget.html"

    def render(self, name, value, attrs=None, renderer=None):
        # The project's templates, not the form renderer's own engine (which
        # only sees Django's and the apps' widget folders).
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))

    def value_from_datadict(self, data, files, name):
        text = data.get(name, "") or ""
        added = (data.get(f"{name}_add") or "").strip()
        if added:
            text = f"{text}\n{added}" if text.strip() else added
        return text

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_add" not in data


class EventForm(forms.ModelForm):
    recurrence_weekdays = forms.MultipleChoiceField(
        label=_("dies de la setmana"),
        choices=WEEKDAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "weekday-choices"}),
        help_text=_("Cap dia marcat: el dia de la setmana de la sessió."),
    )
    recurrence_week_of_month = forms.TypedChoiceField(
        label=_("quina setmana del mes"),
        choices=POSITION_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Només per a «cada mes» amb un dia marcat: «el primer dissabte», «l'últim dissabte»."),
    )

    class Meta:
        model = Event
        # The admin passes its fieldsets; these are the ones this form reshapes.
        fields = ("recurrence_weekdays", "recurrence_week_of_month", "recurrence_exceptions")
        widgets = {"recurrence_exceptions": ExceptionDatesWidget}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["recurrence_weekdays"] = self.instance.weekday_codes()
        if "recurrence_exceptions" in self.fields:
            self.fields["recurrence_exceptions"].help_text = _(
                "Dies en què no es fa (festius...): trieu-los al calendari o escriviu-los, "
                "un per línia (AAAA-MM-DD)."
            )

    def clean_recurrence_weekdays(self) -> str:
        chosen = set(self.cleaned_data.get("recurrence_weekdays") or ())
        return ",".join(code for code in WEEKDAY_CODES if code in chosen)

    def clean_recurrence_exceptions(self) -> str:
        text = self.cleaned_data.get("recurrence_exceptions") or ""
        try:
            days = parse_dates(text)
        except ValidationError:
            return text  # the model's check names the bad date
        return "\n".join(day.isoformat() for day in days)


class OccurrenceForm(forms.Form):
    """What can be done to one date: move it, cancel it, or undo either."""

    MOVE, CANCEL, RESTORE = "move", "cancel", "restore"

    action = forms.ChoiceField(
        label=_("Què voleu fer amb aquesta data?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Trieu què voleu fer amb aquesta data.")},
    )
    day = forms.DateField(
        label=_("nou dia"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start_time = forms.TimeField(
        label=_("nova hora d'inici"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    end_day = forms.DateField(
        label=_("nou darrer dia (si acaba un altre dia)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end_time = forms.TimeField(
        label=_("nova hora de fi"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    note = forms.CharField(
        label=_("motiu o nota per al públic"),
        max_length=200,
        required=False,
        help_text=_("Obligatori per cancel·lar. Es mostra a la pàgina de l'activitat i als calendaris."),
    )

    def __init__(self, *args, occurrence: Occurrence, **kwargs):
        self.occurrence = occurrence
        start = timezone.localtime(occurrence.start, local_zone())
        end = timezone.localtime(occurrence.end, local_zone())
        if occurrence.all_day:
            end = end - timedelta(days=1)
        kwargs.setdefault(
            "initial",
            {
                "day": start.date(),
                "start_time": start.time(),
                "end_day": end.date() if end.date() != start.date() else None,
                "end_time": end.time(),
                "note": occurrence.note,
            },
        )
        super().__init__(*args, **kwargs)
        choices = [(self.MOVE, _("Moure-la a un altre dia o hora")), (self.CANCEL, _("Cancel·lar-la"))]
        if occurrence.is_overridden:
            choices.append((self.RESTORE, _("Desfer els canvis: tornar a la data prevista")))
        self.fields["action"].choices = choices
        if occurrence.all_day:
            for name in ("start_time", "end_time"):
                self.fields[name].widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action == self.CANCEL and not (cleaned.get("note") or "").strip():
            self.add_error("note", _("Indiqueu el motiu de la cancel·lació."))
        if action == self.MOVE:
            self._clean_move(cleaned)
        return cleaned

    def _clean_move(self, cleaned) -> None:
        day = cleaned.get("day")
        if day is None:
            if "day" not in self.errors:
                self.add_error("day", _("Indiqueu el nou dia."))
            return
        end_day = cleaned.get("end_day") or day
        zone = local_zone()
        if self.occurrence.all_day:
            start = datetime.combine(day, time(0), tzinfo=zone)
            end = datetime.combine(end_day + timedelta(days=1), time(0), tzinfo=zone)
        else:
            start_time, end_time = cleaned.get("start_time"), cleaned.get("end_time")
            if start_time is None and "start_time" not in self.errors:
                self.add_error("start_time", _("Indiqueu la nova hora d'inici."))
            if end_time is None and "end_time" not in self.errors:
                self.add_error("end_time", _("Indiqueu la nova hora de fi."))
            if start_time is None or end_time is None:
                return
            start = datetime.combine(day, start_time, tzinfo=zone)
            end = datetime.combine(end_day, end_time, tzinfo=zone)
        if end <= start:
            self.add_error("end_time", _("La nova fi ha de ser posterior al nou inici."))
            return
        cleaned["start"], cleaned["end"] = start, end

    def edit(self) -> dict:
        """The keyword arguments of ``agenda.actions.edit_occurrence``."""
        action, note = self.cleaned_data["action"], self.cleaned_data.get("note", "").strip()
        if action == self.CANCEL:
            return {"cancelled": True, "note": note}
        if action == self.MOVE:
            return {
                "cancelled": False,
                "start": self.cleaned_data["start"],
                "end": self.cleaned_data["end"],
                "note": note,
            }
        return {"cancelled": False, "start": False, "note": ""}
