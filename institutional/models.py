"""The institutional agenda: the public diary of the mayor and the councillors
(Catalan transparency law 19/2014, art. 55), with the protocol office's
internal guest lists.

The models were born inside ``agenda`` and moved to this app: they keep their
``agenda_*`` tables (``db_table``), so the move touched no data.

Entries are public content (``Publishable``): a published entry stays public
after it took place, in the archive. Guests are internal protocol data: no
public page, feed or export ever reads them.
"""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comunicacio.content import publication_problems, raise_problems
from comunicacio.publishing.models import Publishable, PublishableQuerySet


class Holder(models.Model):
    """A member of the government whose agenda is public."""

    name = models.CharField(_("nom"), max_length=150)
    position = models.CharField(
        _("càrrec"), max_length=200, help_text=_("Per exemple: «Alcaldessa», «Regidor de Cultura».")
    )
    position_es = models.CharField(_("càrrec (castellà)"), max_length=200, blank=True)
    slug = models.SlugField(_("identificador"), max_length=160, unique=True)
    active = models.BooleanField(
        _("en el càrrec"),
        default=True,
        help_text=_("Els antics càrrecs es mantenen a l'arxiu però no s'ofereixen per a agendes noves."),
    )
    order = models.PositiveSmallIntegerField(_("ordre"), default=100)

    class Meta:
        db_table = "agenda_holder"
        verbose_name = _("titular d'agenda")
        verbose_name_plural = _("titulars d'agenda")
        ordering = ["-active", "order", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.position})"


class InstitutionalCategory(models.TextChoices):
    MEETING = "meeting", _("Reunió")
    PUBLIC_EVENT = "public_event", _("Acte públic")
    VISIT = "visit", _("Visita institucional")
    PLENARY = "plenary", _("Ple municipal")
    GOVERNING_BOARD = "governing_board", _("Junta de Govern Local")
    INTERVIEW = "interview", _("Entrevista o atenció als mitjans")
    OTHER = "other", _("Altres")


class InstitutionalEntryQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.select_related("holder").order_by("start", "pk")

    def upcoming(self, today=None):
        """Entries of today and later (local dates): today's entries stay in
        the upcoming list until the day is over."""
        return self.filter(start__gte=start_of_day(today))

    def past(self, today=None):
        return self.filter(start__lt=start_of_day(today))


def start_of_day(day=None) -> datetime:
    """Local midnight of ``day`` (today by default), as an aware datetime."""
    day = day or timezone.localdate()
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """Local start of the month and of the next one; ValueError if impossible."""
    first = date(year, month, 1)
    after = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return start_of_day(first), start_of_day(after)


def group_by_day(entries) -> list[tuple[date, list]]:
    """[(local date, entries of that day)] in the given order."""
    days: dict[date, list] = {}
    for entry in entries:
        days.setdefault(timezone.localtime(entry.start).date(), []).append(entry)
    return list(days.items())


def archive_months(queryset) -> list[tuple[int, list[tuple[date, int]]]]:
    """[(year, [(first of month, number of entries)])], newest first, in one query."""
    rows = (
        queryset.order_by()
        .annotate(month=TruncMonth("start", tzinfo=timezone.get_current_timezone()))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("-month")
    )
    years: dict[int, list] = {}
    for row in rows:
        month = row["month"]
        month = month.date() if isinstance(month, datetime) else month
        years.setdefault(month.year, []).append((month, row["count"]))
    return list(years.items())


def next_midnight(now: datetime) -> datetime:
    """When "upcoming" and "archive" next change: the coming local midnight."""
    return start_of_day(timezone.localtime(now).date() + timedelta(days=1))


def next_institutional_change(now: datetime) -> datetime | None:
    """For the page cache: the next publication or expiry of an entry, or the
    coming midnight, when today's entries leave the upcoming list."""
    moments = [InstitutionalEntry.objects.next_visibility_change(now), next_midnight(now)]
    return min(moment for moment in moments if moment)


class InstitutionalEntry(Publishable):
    holder = models.ForeignKey(
        Holder, verbose_name=_("titular"), on_delete=models.PROTECT, related_name="entries"
    )
    start = models.DateTimeField(_("inici"), db_index=True)
    end = models.DateTimeField(_("fi"), null=True, blank=True)
    category = models.CharField(
        _("tipus"),
        max_length=20,
        choices=InstitutionalCategory.choices,
        default=InstitutionalCategory.MEETING,
    )
    subject = models.CharField(_("assumpte"), max_length=255)
    description = models.TextField(_("descripció"), blank=True)
    place = models.CharField(_("lloc"), max_length=255, blank=True)
    participants = models.TextField(
        _("participants"), blank=True, help_text=_("Persones i institucions que hi participen.")
    )
    interest_groups = models.TextField(
        _("grups d'interès"),
        blank=True,
        help_text=_("Grups d'interès amb qui es reuneix el titular (llei 19/2014, art. 55)."),
    )
    interest_group_register = models.CharField(
        _("número al Registre de grups d'interès"),
        max_length=200,
        blank=True,
        help_text=_("Números d'inscripció al Registre de grups d'interès de Catalunya, separats per comes."),
    )

    objects = InstitutionalEntryQuerySet.as_manager()

    class Meta:
        db_table = "agenda_institutionalentry"
        verbose_name = _("entrada de l'agenda institucional")
        verbose_name_plural = _("agenda institucional")
        ordering = ["-start", "-pk"]
        indexes = [
            models.Index(
                fields=["start", "id"], condition=Q(status="published"), name="institutional_published_idx"
            ),
            models.Index(
                fields=["holder", "start", "id"],
                condition=Q(status="published"),
                name="institutional_holder_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("institutional:detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        # Not editorial content (no title, summary or address), but a
        # publishable: the shared rule of its dates applies.
        problems = list(publication_problems(self))
        if self.start and self.end and self.end <= self.start:
            problems.append(("end", _("La fi ha de ser posterior a l'inici.")))
        raise_problems(problems)


class Rsvp(models.TextChoices):
    PENDING = "pending", _("Pendent de resposta")
    ATTENDING = "attending", _("Hi assistirà")
    DECLINED = "declined", _("Excusa l'assistència")
    REPRESENTED = "represented", _("Hi envia representant")


class Guest(models.Model):
    """One person on the protocol office's guest list of an entry. Internal:
    never shown on public pages nor exported."""

    entry = models.ForeignKey(
        InstitutionalEntry, verbose_name=_("entrada"), on_delete=models.CASCADE, related_name="guests"
    )
    name = models.CharField(_("nom"), max_length=200)
    position = models.CharField(_("càrrec o institució"), max_length=255, blank=True)
    form_of_address = models.CharField(
        _("tractament"),
        max_length=80,
        blank=True,
        help_text=_("Per exemple: «Il·lustríssim senyor», «Molt Honorable», «Excel·lentíssima senyora»."),
    )
    rsvp = models.CharField(_("resposta"), max_length=16, choices=Rsvp.choices, default=Rsvp.PENDING)
    represented_by = models.CharField(_("representat per"), max_length=200, blank=True)
    precedence = models.PositiveSmallIntegerField(
        _("ordre de precedència"), default=100, help_text=_("1 és el lloc de més precedència.")
    )
    seat = models.CharField(_("seient"), max_length=40, blank=True)
    notes = models.TextField(_("notes de protocol"), blank=True)

    class Meta:
        db_table = "agenda_guest"
        verbose_name = _("convidat")
        verbose_name_plural = _("llista de convidats")
        ordering = ["precedence", "name"]

    def __str__(self) -> str:
        return f"{self.form_of_address} {self.name}".strip()

    def clean(self) -> None:
        if self.rsvp == Rsvp.REPRESENTED and not self.represented_by:
            raise ValidationError({"represented_by": _("Indiqueu qui hi assistirà en representació.")})
