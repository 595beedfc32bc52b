"""The public event proposal form: plain fields, clear Catalan messages, and
the foundation's anti-abuse (``comunicacio.public_forms``) with the limits
and wording the form has always had."""

from datetime import datetime, time, timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agenda.models import Audience, Category
from agenda.models.events import SUMMARY_MAX_LENGTH
from comunicacio import public_forms
from comunicacio.images import ImageFormField
from comunicacio.translation import interpolate_lazy

IMPOSSIBLE_DATE = _(
    "Aquesta data no existeix o no té el format correcte (AAAA-MM-DD, per exemple 2026-12-05)."
)
IMPOSSIBLE_TIME = _("Aquesta hora no és vàlida (HH:MM, per exemple 18:30).")
MAX_YEARS_AHEAD = 2


def _date_field(label, required=True):
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": IMPOSSIBLE_DATE, "required": _("Indiqueu la data d'inici.")},
    )


def _time_field(label):
    return forms.TimeField(
        label=label,
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": IMPOSSIBLE_TIME},
    )


def _too_many() -> str:
    return gettext(
        "Heu enviat massa propostes en poca estona. Espereu una hora i torneu-ho a provar, "
        "o escriviu-nos a %(email)s."
    ) % {"email": settings.PRESS_CONTACT["email"]}


GUARD = public_forms.Guard(
    name="agenda:proposals",
    # The salt its tokens were signed with before the kit: forms open when
    # this was deployed stay valid.
    salt="agenda.proposal.form",
    min_seconds=public_forms.setting("PROPOSAL_MIN_SECONDS", 5),
    max_age=public_forms.setting("PROPOSAL_FORM_MAX_AGE", 24 * 3600),
    rate=public_forms.setting("PROPOSAL_RATE_LIMIT", (5, 3600)),
    messages={
        "honeypot": _("No s'ha acceptat la proposta: hi ha un camp que s'havia de deixar en blanc."),
        "used": _(
            "Aquest formulari ja s'ha enviat. Si voleu enviar una altra proposta, "
            "reviseu les dades i torneu-lo a enviar."
        ),
        "too_many": _too_many,
    },
)


class ProposalForm(public_forms.AntiAbuseFields, forms.Form):
    proposer_name = forms.CharField(
        label=_("Nom i cognoms"),
        max_length=150,
        error_messages={"required": _("Indiqueu el vostre nom.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    entity = forms.CharField(
        label=_("Entitat o associació"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    email = forms.EmailField(
        label=_("Correu electrònic"),
        error_messages={
            "required": _("Indiqueu un correu electrònic per poder-vos respondre."),
            "invalid": _("Aquest correu electrònic no és vàlid."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Telèfon (opcional)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )

    title = forms.CharField(
        label=_("Títol de l'activitat"), max_length=200, error_messages={"required": _("Indiqueu el títol.")}
    )
    summary = forms.CharField(
        label=_("Resum"),
        max_length=SUMMARY_MAX_LENGTH,
        help_text=interpolate_lazy(
            _("Què és, per a qui i què cal fer, en un màxim de %(max)s caràcters."),
            {"max": SUMMARY_MAX_LENGTH},
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Escriviu un resum breu de l'activitat.")},
    )
    description = forms.CharField(
        label=_("Descripció (opcional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    category = forms.ChoiceField(
        label=_("Categoria"),
        choices=[("", _("Trieu-ne una")), *Category.choices],
        error_messages={"required": _("Trieu una categoria.")},
    )
    audiences = forms.ModelMultipleChoiceField(
        label=_("Públic (opcional)"),
        queryset=Audience.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    start_date = _date_field(_("Data d'inici"))
    start_time = _time_field(_("Hora d'inici"))
    end_date = _date_field(_("Data de fi (si dura més d'un dia)"), required=False)
    end_time = _time_field(_("Hora de fi"))
    all_day = forms.BooleanField(label=_("Dura tot el dia"), required=False)

    venue_text = forms.CharField(
        label=_("Lloc"),
        max_length=255,
        help_text=_("Nom de l'espai i adreça."),
        error_messages={"required": _("Indiqueu on es farà l'activitat.")},
    )
    price = forms.ChoiceField(
        label=_("Preu"),
        choices=[("free", _("Gratuïta")), ("paid", _("De pagament"))],
        initial="free",
        widget=forms.RadioSelect,
    )
    price_text = forms.CharField(label=_("Preu i on es compren les entrades"), max_length=200, required=False)
    image = ImageFormField(
        label=_("Imatge (opcional)"),
        required=False,
        help_text=_("JPEG, PNG, WebP o GIF. Heu de tenir-ne els drets de difusió."),
    )
    image_description = forms.CharField(
        label=_("Què mostra la imatge"),
        max_length=250,
        required=False,
        help_text=_("Per a les persones que no la poden veure."),
    )
    consent = forms.BooleanField(
        label=_(
            "Accepto que l'Ajuntament tracti aquestes dades per gestionar la proposta i, "
            "si s'aprova, publicar l'activitat a l'agenda."
        ),
        error_messages={"required": _("Cal que accepteu el tractament de les dades per enviar la proposta.")},
    )

    def clean(self):
        cleaned = super().clean()
        start_date, end_date = cleaned.get("start_date"), cleaned.get("end_date")
        start_time, end_time = cleaned.get("start_time"), cleaned.get("end_time")
        all_day = cleaned.get("all_day")
        if start_date and "end_date" not in self.errors and not self.has_error("start_time"):
            end_date = end_date or start_date
            if all_day:
                start = self._aware(start_date, time(0, 0))
                end = self._aware(end_date, time(23, 59))
                if end_date < start_date:
                    self.add_error("end_date", _("La data de fi no pot ser anterior a la d'inici."))
            else:
                if start_time is None:
                    self.add_error("start_time", _("Indiqueu l'hora d'inici o marqueu «Dura tot el dia»."))
                if end_time is None and not self.has_error("end_time"):
                    self.add_error("end_time", _("Indiqueu l'hora de fi o marqueu «Dura tot el dia»."))
                start = self._aware(start_date, start_time) if start_time else None
                end = self._aware(end_date, end_time) if end_time else None
                if start and end and end <= start:
                    self.add_error("end_time", _("La fi ha de ser posterior a l'inici."))
            if start_date < timezone.localdate():
                self.add_error("start_date", _("La data d'inici ja ha passat."))
            elif start_date > timezone.localdate() + timedelta(days=365 * MAX_YEARS_AHEAD):
                self.add_error("start_date", _("Només s'accepten propostes dels propers dos anys."))
            elif end_date > timezone.localdate() + timedelta(days=365 * MAX_YEARS_AHEAD):
                # An all-day activity "until 9999" would fill every calendar
                # month once approved.
                self.add_error("end_date", _("Només s'accepten propostes dels propers dos anys."))
            cleaned["start"], cleaned["end"] = start, end
        if cleaned.get("price") == "paid" and not cleaned.get("price_text", "").strip():
            self.add_error("price_text", _("Indiqueu el preu si l'activitat és de pagament."))
        if cleaned.get("image") and not cleaned.get("image_description", "").strip():
            self.add_error("image_description", _("Descriviu breument què mostra la imatge."))
        return cleaned

    @staticmethod
    def _aware(day, moment) -> datetime:
        return timezone.make_aware(datetime.combine(day, moment))

    def proposal_values(self) -> dict:
        """The cleaned data as ``EventProposal`` fields."""
        data = self.cleaned_data
        return {
            "proposer_name": data["proposer_name"],
            "entity": data["entity"],
            "email": data["email"],
            "phone": data["phone"],
            "title": data["title"],
            "summary": data["summary"],
            "description": data["description"],
            "category": data["category"],
            "start": data["start"],
            "end": data["end"],
            "all_day": bool(data["all_day"]),
            "venue_text": data["venue_text"],
            "is_free": data["price"] == "free",
            "price_text": data["price_text"] if data["price"] == "paid" else "",
            "image": data.get("image") or None,
            "image_description": data["image_description"] if data.get("image") else "",
        }
