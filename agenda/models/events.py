"""The town's activity agenda: events, their venues, sessions and the
occurrences materialised from them (see ``agenda.recurrence``)."""

from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comunicacio import formatting
from comunicacio.content import SUMMARY_MAX_LENGTH, EditorialContent  # noqa: F401  (proposals read the limit here)
from comunicacio.publishing.models import PublishableQuerySet, Status
from comunicacio.registry import SearchField
from comunicacio.richtext import RichTextField
from comunicacio.translation import Translated, interpolate_lazy

# The longest series an editor may define: longer ones are usually a mistake
# (and an unbounded one is refused outright).
MAX_SERIES_YEARS = 5
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class Category(models.TextChoices):
    CULTURE = "cultura", _("Cultura")
    SPORTS = "esports", _("Esports")
    EDUCATION = "educacio", _("Educació")
    FESTIVITIES = "festes", _("Festes")
    ENVIRONMENT = "medi-ambient", _("Medi ambient")
    ELDERLY = "gent-gran", _("Gent gran")
    CHILDHOOD = "infancia", _("Infància")
    YOUTH = "joventut", _("Joventut")
    PARTICIPATION = "participacio", _("Participació")
    HEALTH = "salut", _("Salut")
    OTHER = "altres", _("Altres")


class EventStatus(models.TextChoices):
    """schema.org's eventStatus values, in the council's words."""

    SCHEDULED = "scheduled", _("Programat")
    CANCELLED = "cancelled", _("Cancel·lat")
    POSTPONED = "postponed", _("Ajornat")
    RESCHEDULED = "rescheduled", _("Reprogramat")


class AttendanceMode(models.TextChoices):
    OFFLINE = "offline", _("Presencial")
    ONLINE = "online", _("En línia")
    MIXED = "mixed", _("Híbrid")


class Registration(models.TextChoices):
    NONE = "none", _("No cal inscripció")
    LINK = "link", _("Inscripció recomanada")
    REQUIRED = "required", _("Inscripció obligatòria")


class Frequency(models.TextChoices):
    NONE = "", _("No es repeteix")
    DAILY = "DAILY", _("Cada dia")
    WEEKLY = "WEEKLY", _("Cada setmana")
    MONTHLY = "MONTHLY", _("Cada mes")


class Audience(models.Model):
    """A fixed public (created by the data migration ``0002_audiences``):
    an indexed many-to-many rather than a bit set, so that "famílies" is a
    plain join on every database and the list of publics can grow."""

    INFANTS = "infants"
    YOUTH = "joves"
    FAMILIES = "families"
    ELDERLY = "gent-gran"
    EVERYONE = "tots-els-publics"

    slug = models.SlugField(_("identificador"), max_length=40, unique=True)
    name = models.CharField(_("nom"), max_length=80)
    name_es = models.CharField(_("nom (castellà)"), max_length=80, blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    display_name = Translated("name")

    class Meta:
        verbose_name = _("públic")
        verbose_name_plural = _("públics")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        # Form choices (filters, the proposal form) follow the page's language.
        return self.display_name


class Venue(models.Model):
    name = models.CharField(_("nom"), max_length=150)
    address = models.CharField(_("adreça"), max_length=255, blank=True)
    postal_code = models.CharField(_("codi postal"), max_length=10, blank=True)
    town = models.CharField(_("població"), max_length=100, blank=True)
    latitude = models.DecimalField(_("latitud"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitud"), max_digits=9, decimal_places=6, null=True, blank=True)
    accessibility = models.TextField(_("accessibilitat de l'espai"), blank=True)
    building = models.ForeignKey(
        "comunicacio.Building",
        verbose_name=_("dependència municipal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("espai")
        verbose_name_plural = _("espais")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Cal indicar la latitud i la longitud alhora, o cap de les dues."))
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            raise ValidationError({"latitude": _("La latitud ha d'estar entre -90 i 90.")})
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            raise ValidationError({"longitude": _("La longitud ha d'estar entre -180 i 180.")})

    @property
    def full_address(self) -> str:
        town = " ".join(part for part in (self.postal_code, self.town) if part)
        return ", ".join(part for part in (self.address, town) if part)

    @property
    def map_url(self) -> str:
        """A plain link to OpenStreetMap (no embedded map, no third-party script)."""
        if self.latitude is None or self.longitude is None:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=17/{self.latitude}/{self.longitude}"
        )


class EventQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.select_related("venue", "image").defer("description", "description_es", "search_vector")


class Event(EditorialContent):
    description = RichTextField(_("descripció"), blank=True)
    description_es = RichTextField(_("descripció (castellà)"), blank=True)
    category = models.CharField(_("categoria"), max_length=20, choices=Category.choices, db_index=True)
    audiences = models.ManyToManyField(Audience, verbose_name=_("públics"), blank=True, related_name="events")

    # Who organises it: a council unit, or an outside entity, so the owning
    # unit is optional and named for that.
    unit = None
    unit_field = "organiser_unit"
    organiser_unit = models.ForeignKey(
        "comunicacio.Unit",
        verbose_name=_("unitat organitzadora"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organiser_name = models.CharField(_("entitat organitzadora"), max_length=150, blank=True)
    organiser_email = models.EmailField(_("correu de l'organització"), blank=True)
    organiser_phone = models.CharField(_("telèfon de l'organització"), max_length=40, blank=True)
    organiser_web = models.URLField(_("web de l'organització"), blank=True)

    venue = models.ForeignKey(
        Venue, verbose_name=_("espai"), null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    attendance_mode = models.CharField(
        _("modalitat"), max_length=10, choices=AttendanceMode.choices, default=AttendanceMode.OFFLINE
    )
    online_url = models.URLField(_("enllaç per seguir-ho en línia"), blank=True)

    is_free = models.BooleanField(_("gratuït"), default=True, db_index=True)
    price_text = models.CharField(
        _("preu"), max_length=200, blank=True, help_text=_("Ex.: 5 €; 3 € amb carnet jove")
    )
    price_text_es = models.CharField(_("preu (castellà)"), max_length=200, blank=True)

    registration = models.CharField(
        _("inscripció"), max_length=10, choices=Registration.choices, default=Registration.NONE
    )
    registration_places = models.PositiveIntegerField(_("places"), null=True, blank=True)
    registration_url = models.URLField(_("enllaç d'inscripció"), blank=True)

    accessible = models.BooleanField(
        _("accessible"),
        default=False,
        db_index=True,
        help_text=_("L'activitat i l'espai són accessibles per a persones amb mobilitat reduïda."),
    )
    accessibility_info = models.TextField(_("informació d'accessibilitat"), blank=True)
    accessibility_info_es = models.TextField(_("informació d'accessibilitat (castellà)"), blank=True)

    event_status = models.CharField(
        _("estat de l'activitat"), max_length=12, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    previous_start = models.DateTimeField(
        _("data prevista anteriorment"),
        null=True,
        blank=True,
        help_text=_("Per a activitats ajornades o reprogramades: quan estava previst abans."),
    )
    featured = models.BooleanField(_("destacada"), default=False)

    # Recurrence (RFC 5545 RRULE pieces), applied to every session in
    # Europe/Madrid wall time: 18:00 stays 18:00 across the DST change.
    recurrence_frequency = models.CharField(
        _("repetició"), max_length=8, choices=Frequency.choices, default=Frequency.NONE, blank=True
    )
    recurrence_interval = models.PositiveSmallIntegerField(
        _("cada"), default=1, help_text=_("1: cada setmana; 2: setmanes alternes...")
    )
    recurrence_weekdays = models.CharField(
        _("dies de la setmana"),
        max_length=40,
        blank=True,
        help_text=_("Codis separats per comes: MO, TU, WE, TH, FR, SA, SU. Buit: el dia de la sessió."),
    )
    recurrence_week_of_month = models.SmallIntegerField(
        _("setmana del mes"),
        null=True,
        blank=True,
        help_text=_("Només repeticions mensuals amb dia de la setmana: 1 = el primer, -1 = l'últim."),
    )
    recurrence_until = models.DateField(
        _("es repeteix fins al"),
        null=True,
        blank=True,
        help_text=interpolate_lazy(
            _("Obligatori si es repeteix (màxim %(years)s anys)."), {"years": MAX_SERIES_YEARS}
        ),
    )
    recurrence_exceptions = models.TextField(
        _("dates excloses"),
        blank=True,
        help_text=_("Dies en què no es fa (festius...), en format AAAA-MM-DD separats per comes o línies."),
    )

    # Bumped whenever dates, status, title or venue change, so that calendar
    # apps replace their copy (iCalendar SEQUENCE).
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)
    schedule_signature = models.CharField(max_length=64, blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)  # PostgreSQL only

    objects = EventQuerySet.as_manager()

    # The site search (comunicacio.search); the document is stored in
    # search_vector.
    search_fields = (
        SearchField("title", "A"),
        SearchField("title_es", "A", language="es"),
        SearchField("summary", "B"),
        SearchField("summary_es", "B", language="es"),
        SearchField("description", "C"),
        SearchField("description_es", "C", language="es"),
    )

    slug_fallback = "activitat"
    summary_advice = _("En llenguatge planer: què és, per a qui, què cal fer. Màxim %(max)s caràcters.")

    display_description = Translated("description")
    display_price = Translated("price_text")
    display_accessibility_info = Translated("accessibility_info")

    class Meta:
        verbose_name = _("activitat")
        verbose_name_plural = _("activitats")
        ordering = ["-publish_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "publish_at"], name="agenda_event_visible_idx"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("agenda:detail", kwargs={"slug": self.slug})

    @property
    def is_recurring(self) -> bool:
        return bool(self.recurrence_frequency)

    @property
    def organiser_display(self) -> str:
        if self.organiser_unit_id:
            return self.organiser_unit.display_name
        return self.organiser_name

    def exception_dates(self) -> list[date]:
        """The excluded dates; raises ValidationError on a malformed one."""
        return parse_dates(self.recurrence_exceptions)

    def weekday_codes(self) -> list[str]:
        codes = [code.strip().upper() for code in self.recurrence_weekdays.replace(";", ",").split(",")]
        return [code for code in codes if code]

    def content_problems(self):
        yield from super().content_problems()
        if not self.organiser_unit_id and not self.organiser_name.strip():
            yield "organiser_name", _("Indiqueu la unitat o l'entitat que organitza l'activitat.")
        if self.attendance_mode in (AttendanceMode.ONLINE, AttendanceMode.MIXED) and not self.online_url:
            yield "online_url", _("Una activitat en línia o híbrida necessita l'enllaç per seguir-la.")
        if self.attendance_mode in (AttendanceMode.OFFLINE, AttendanceMode.MIXED) and not self.venue_id:
            yield "venue", _("Una activitat presencial necessita un espai.")
        if not self.is_free and not self.price_text.strip():
            yield "price_text", _("Indiqueu el preu si l'activitat no és gratuïta.")
        if self.registration != Registration.NONE and not self.registration_url:
            yield "registration_url", _("Indiqueu on cal inscriure's.")
        if self.registration == Registration.NONE and self.registration_places:
            yield "registration_places", _("Les places només tenen sentit amb inscripció.")
        if self.event_status == EventStatus.RESCHEDULED and not self.previous_start:
            yield "previous_start", _("Una activitat reprogramada ha de dir quan estava prevista.")
        try:
            self.exception_dates()
        except ValidationError as error:
            yield "recurrence_exceptions", error.messages[0]
        if self.is_recurring:
            yield from self._recurrence_problems()
        else:
            for field in ("recurrence_until", "recurrence_weekdays", "recurrence_week_of_month"):
                if getattr(self, field) not in (None, ""):
                    yield field, _("Trieu primer com es repeteix.")

    def _recurrence_problems(self):
        if not self.recurrence_until:
            yield (
                "recurrence_until",
                _(
                    "Una activitat que es repeteix necessita una data de fi: "
                    "no s'accepten repeticions indefinides."
                ),
            )
        elif self.recurrence_until > timezone.localdate() + relativedelta(years=MAX_SERIES_YEARS):
            yield (
                "recurrence_until",
                interpolate_lazy(
                    _("Una repetició pot durar com a màxim %(years)s anys."), {"years": MAX_SERIES_YEARS}
                ),
            )
        unknown = [code for code in self.weekday_codes() if code not in WEEKDAY_CODES]
        if unknown:
            yield (
                "recurrence_weekdays",
                _("Dies no vàlids: %(codes)s. Feu servir MO, TU, WE, TH, FR, SA, SU.")
                % {"codes": ", ".join(unknown)},
            )
        if not 1 <= self.recurrence_interval <= 52:
            yield "recurrence_interval", _("L'interval ha d'estar entre 1 i 52.")
        if self.recurrence_week_of_month is not None:
            if self.recurrence_frequency != Frequency.MONTHLY or not self.weekday_codes():
                yield (
                    "recurrence_week_of_month",
                    _("La setmana del mes només s'aplica a repeticions mensuals amb dia de la setmana."),
                )
            elif self.recurrence_week_of_month not in (1, 2, 3, 4, -1):
                yield "recurrence_week_of_month", _("Trieu 1, 2, 3, 4 o -1 (l'última).")

    # Written only by ``agenda.recurrence.materialise``: a save of an
    # instance loaded earlier must not put back an older sequence.
    SCHEDULE_BOOKKEEPING = ("ical_sequence", "schedule_signature")

    def save(self, *args, **kwargs):
        if not self._state.adding and kwargs.get("update_fields") is None and not args:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in self.SCHEDULE_BOOKKEEPING
            ]
        super().save(*args, **kwargs)

    # Revisions: audiences and sessions live outside the row too.
    def snapshot_extra(self) -> dict:
        if not self.pk:
            return {}
        return {
            **super().snapshot_extra(),
            "audiences": sorted(self.audiences.values_list("slug", flat=True)),
            "sessions": [
                [session.start.isoformat(), session.end.isoformat(), session.all_day]
                for session in self.sessions.all()
            ],
        }

    def restore_extra(self, data: dict) -> None:
        super().restore_extra(data)
        if "audiences" in data:
            self.audiences.set(Audience.objects.filter(slug__in=data["audiences"]))


def parse_dates(text: str) -> list[date]:
    values = []
    for raw in text.replace(";", ",").replace("\n", ",").split(","):
        raw = raw.strip()
        if not raw:
            continue
        try:
            values.append(date.fromisoformat(raw))
        except ValueError:
            raise ValidationError(
                _("La data «%(value)s» no és vàlida: feu servir AAAA-MM-DD (p. ex. 2026-12-25).")
                % {"value": raw}
            ) from None
    return sorted(set(values))


class EventSession(models.Model):
    """One session of an event (or the whole span of a multi-day one). With
    a recurrence rule, every session repeats by that rule."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    start = models.DateTimeField(_("inici"))
    end = models.DateTimeField(_("fi"))
    all_day = models.BooleanField(
        _("tot el dia"),
        default=False,
        help_text=_("Només compten les dates: de l'inici a la fi, ambdós inclosos."),
    )

    class Meta:
        verbose_name = _("sessió")
        verbose_name_plural = _("sessions")
        ordering = ["start", "pk"]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        if self.start and self.end:
            if self.all_day:
                if timezone.localdate(self.end) < timezone.localdate(self.start):
                    raise ValidationError({"end": _("La fi no pot ser anterior a l'inici.")})
            elif self.end <= self.start:
                raise ValidationError({"end": _("La fi ha de ser posterior a l'inici.")})


class OccurrenceQuerySet(models.QuerySet):
    def visible(self, now: datetime | None = None):
        """Occurrences of events the public may see."""
        now = now or timezone.now()
        return self.filter(_prefixed(Event.visibility_q(now), "event__"))

    def upcoming(self, now: datetime | None = None):
        """Not over yet (an event under way is still listed)."""
        return self.filter(end__gt=now or timezone.now())

    def past(self, now: datetime | None = None):
        return self.filter(end__lte=now or timezone.now())

    def on_day(self, day: date):
        return self.between(day, day)

    def between(self, first: date, last: date):
        """Occurrences taking place on some day from ``first`` to ``last``.

        Those starting in the range come from the ``local_date`` index; the
        few spanning several days that started before it from a small partial
        index, so no query scans every occurrence before ``first``."""
        return self.filter(
            Q(local_date__gte=first, local_date__lte=last)
            | Q(multi_day=True, local_date__lt=first, local_end_date__gte=first)
        )

    def for_listing(self):
        return self.select_related("event", "event__venue", "event__image").defer(
            "event__description", "event__description_es", "event__search_vector"
        )


def _prefixed(condition: Q, prefix: str) -> Q:
    clone = Q()
    clone.connector, clone.negated = condition.connector, condition.negated
    clone.children = [
        _prefixed(child, prefix) if isinstance(child, Q) else (prefix + child[0], child[1])
        for child in condition.children
    ]
    return clone


class Occurrence(models.Model):
    """One dated instance of an event, materialised from its sessions and
    recurrence within the horizon (``agenda.recurrence.materialise``).

    ``original_date`` (the local date the series gives) identifies the
    occurrence within its session: a per-occurrence edit (moved, cancelled)
    is kept on that row and survives regeneration of the series."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="occurrences")
    session = models.ForeignKey(EventSession, on_delete=models.CASCADE, related_name="occurrences")
    original_date = models.DateField(_("data prevista"))
    original_start = models.DateTimeField(_("inici previst"))
    start = models.DateTimeField(_("inici"))
    end = models.DateTimeField(_("fi"))
    all_day = models.BooleanField(_("tot el dia"), default=False)
    local_date = models.DateField(_("dia"))
    local_end_date = models.DateField(_("darrer dia"))
    multi_day = models.BooleanField(default=False, editable=False)
    # Per-occurrence edits; regeneration keeps them.
    cancelled = models.BooleanField(_("cancel·lada"), default=False)
    override_start = models.DateTimeField(_("nou inici"), null=True, blank=True)
    override_end = models.DateTimeField(_("nova fi"), null=True, blank=True)
    note = models.CharField(_("nota"), max_length=200, blank=True)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("data")
        verbose_name_plural = _("dates")
        ordering = ["start", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "original_date"], name="agenda_occurrence_once"),
        ]
        indexes = [
            models.Index(fields=["start", "end"], name="agenda_occ_range_idx"),
            models.Index(fields=["end"], name="agenda_occ_end_idx"),
            models.Index(fields=["local_date", "start"], name="agenda_occ_date_idx"),
            models.Index(
                fields=["local_end_date", "local_date"],
                condition=Q(multi_day=True),
                name="agenda_occ_span_idx",
            ),
            models.Index(fields=["event", "start"], name="agenda_occ_event_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.event} · {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    @property
    def is_overridden(self) -> bool:
        return self.cancelled or self.override_start is not None or bool(self.note)

    @property
    def is_moved(self) -> bool:
        return self.override_start is not None and self.override_start != self.original_start

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled or self.event.event_status == EventStatus.CANCELLED

    def when_text(self) -> str:
        """ "dimarts, 20 d'octubre de 2026, de 18 a 20 h"; all-day and
        multi-day spans by their dates only."""
        start, end = timezone.localtime(self.start), timezone.localtime(self.end)
        if self.all_day or self.local_end_date != self.local_date:
            first = formatting.long_date(self.local_date, weekday=True)
            if self.local_end_date == self.local_date:
                return first
            last = formatting.long_date(self.local_end_date, weekday=True)
            if not self.all_day:
                return f"{formatting.date_time(start)} – {formatting.date_time(end)}"
            return f"{first} – {last}"
        return f"{formatting.long_date(start, weekday=True)}, {formatting.time_range(start, end)}"

    def time_text(self) -> str:
        """The hours alone (the day is known from context)."""
        if self.all_day:
            return str(_("Tot el dia"))
        return formatting.time_range(timezone.localtime(self.start), timezone.localtime(self.end))

    def clean(self) -> None:
        if (self.override_start is None) != (self.override_end is None):
            raise ValidationError(_("Per moure una data cal indicar el nou inici i la nova fi."))
        if self.override_start and self.override_end and self.override_end <= self.override_start:
            raise ValidationError({"override_end": _("La nova fi ha de ser posterior al nou inici.")})


__all__ = [
    "AttendanceMode",
    "Audience",
    "Category",
    "Event",
    "EventSession",
    "EventStatus",
    "Frequency",
    "Occurrence",
    "Registration",
    "Status",
    "Venue",
]
