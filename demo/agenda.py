"""Demo agenda of Vilanova del Riu: venues, one-off activities, multi-day
festivities and weekly or monthly series (with holidays excluded), dated
relative to today so the demo always has an agenda ahead. Idempotent: an
event whose slug exists is left alone."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from agenda.models import Audience, Event, EventStatus, Frequency, Venue
from agenda.recurrence import materialise
from comunicacio.models import Building, Unit
from comunicacio.publishing import revisions
from comunicacio.publishing.workflow import perform

VENUES = [
    # name, address, town, lat, lon, accessibility, building slug
    (
        "Biblioteca Municipal Joan Coromines",
        "Passeig del Riu, 24",
        "41.402100",
        "1.800900",
        "Accés a nivell de carrer, ascensor i bucle magnètic a la sala d'actes.",
        "biblioteca-municipal",
    ),
    (
        "Centre Cívic El Molí",
        "Carrer del Molí, 3",
        "41.399800",
        "1.803400",
        "Rampa a l'entrada i lavabo adaptat.",
        "centre-civic-el-moli",
    ),
    (
        "Pavelló Municipal d'Esports",
        "Avinguda de l'Esport, 10",
        "41.398200",
        "1.806100",
        "Grades amb espais reservats per a cadires de rodes.",
        "pavello-municipal",
    ),
    (
        "Plaça de la Vila",
        "Plaça de la Vila",
        "41.401230",
        "1.801560",
        "Espai a l'aire lliure, pla.",
        "casa-de-la-vila",
    ),
    (
        "Parc de la Riera",
        "Camí de la Riera, s/n",
        "41.404500",
        "1.797800",
        "Camins de terra compactada; alguns trams amb pendent.",
        None,
    ),
]


@dataclass
class Demo:
    slug: str
    title: str
    title_es: str
    summary: str
    category: str
    venue: int
    unit: str | None
    days: int  # from today
    hours: tuple[int, int] | None  # None: all day
    span_days: int = 0
    audiences: tuple[str, ...] = ("tots-els-publics",)
    tags: tuple[str, ...] = ()
    free: bool = True
    price: str = ""
    accessible: bool = True
    featured: bool = False
    registration: str = "none"
    places: int | None = None
    frequency: str = ""
    weekdays: str = ""
    week_of_month: int | None = None
    until_days: int = 0
    except_weeks: tuple[int, ...] = ()  # holidays: the series skips these weeks
    status: str = EventStatus.SCHEDULED
    previous_days: int | None = None
    description: str = ""
    extra: dict = field(default_factory=dict)


EVENTS = [
    Demo(
        "club-de-lectura",
        "Club de lectura de la biblioteca",
        "Club de lectura de la biblioteca",
        "Cada dimarts comentem un llibre entre veïns. Aquest trimestre, novel·la catalana contemporània.",
        "cultura",
        0,
        "biblioteca",
        2,
        (18, 19),
        audiences=("tots-els-publics", "gent-gran"),
        tags=("lectura",),
        frequency=Frequency.WEEKLY,
        weekdays="TU",
        until_days=120,
        except_weeks=(3,),
        description=(
            "<p>Cal haver llegit el llibre del mes. Els exemplars es poden recollir a la biblioteca.</p>"
        ),
    ),
    Demo(
        "hora-del-conte",
        "L'hora del conte",
        "La hora del cuento",
        "Contes per a infants de 3 a 7 anys, cada dissabte al matí. Gratuït i sense inscripció.",
        "infancia",
        0,
        "biblioteca",
        3,
        (11, 12),
        audiences=("infants", "families"),
        tags=("contes",),
        featured=True,
        frequency=Frequency.WEEKLY,
        weekdays="SA",
        until_days=90,
    ),
    Demo(
        "ioga-gent-gran",
        "Ioga suau per a gent gran",
        "Yoga suave para gente mayor",
        "Sessions de ioga adaptat dilluns i dijous al Centre Cívic. Cal inscripció: 20 places.",
        "gent-gran",
        1,
        "serveis-socials",
        1,
        (10, 11),
        audiences=("gent-gran",),
        registration="required",
        places=20,
        frequency=Frequency.WEEKLY,
        weekdays="MO,TH",
        until_days=180,
        tags=("salut",),
    ),
    Demo(
        "mercat-pages",
        "Mercat de pagès",
        "Mercado payés",
        "Productors de proximitat a la plaça el primer diumenge de cada mes, de 9 a 14 h.",
        "medi-ambient",
        3,
        None,
        5,
        (9, 14),
        audiences=("tots-els-publics", "families"),
        frequency=Frequency.MONTHLY,
        weekdays="SU",
        week_of_month=1,
        until_days=365,
        extra={"organiser_name": "Associació de Pagesos del Riu", "organiser_web": "https://pagesos.example"},
    ),
    Demo(
        "concert-santa-cecilia",
        "Concert de Santa Cecília",
        "Concierto de Santa Cecilia",
        "L'Escola de Música i la Banda Municipal celebren la patrona dels músics.",
        "cultura",
        3,
        "cultura",
        4,
        (19, 21),
        free=False,
        price="5 €; gratuït per a menors de 12 anys",
        featured=True,
        tags=("música",),
    ),
    Demo(
        "caminada-riera",
        "Caminada popular per la riera",
        "Caminata popular por la riera",
        "Recorregut de 8 km apte per a tothom. Sortida des del parc; hi haurà avituallament.",
        "esports",
        4,
        "esports",
        6,
        (9, 13),
        audiences=("families", "tots-els-publics"),
        accessible=False,
        registration="link",
        tags=("salut", "natura"),
    ),
    Demo(
        "fira-nadal",
        "Fira de Nadal",
        "Feria de Navidad",
        "Parades d'artesania, tió gegant i tallers per a la mainada durant tot el cap de setmana.",
        "festes",
        3,
        "comerc-turisme",
        17,
        None,
        span_days=2,
        audiences=("families", "infants"),
        featured=True,
        tags=("nadal",),
    ),
    Demo(
        "torneig-basquet",
        "Torneig de bàsquet 3x3",
        "Torneo de baloncesto 3x3",
        "Torneig per a joves de 14 a 18 anys. Inscripció per equips fins al dia abans.",
        "esports",
        2,
        "joventut",
        10,
        (10, 14),
        audiences=("joves",),
        registration="required",
        places=64,
    ),
    Demo(
        "taller-reciclatge",
        "Taller de reciclatge creatiu",
        "Taller de reciclaje creativo",
        "Aprenem a fer joguines amb materials reutilitzats. Per a famílies amb infants de 5 a 10 anys.",
        "medi-ambient",
        1,
        None,
        8,
        (17, 19),
        audiences=("families", "infants"),
        registration="link",
        extra={"organiser_name": "Cooperativa Deixalla Viva", "organiser_email": "hola@deixalla.example"},
    ),
    Demo(
        "xerrada-energia",
        "Xerrada: estalvia energia a casa",
        "Charla: ahorra energía en casa",
        "Consells pràctics per reduir la factura de la llum. Ajornada per la indisposició del ponent.",
        "medi-ambient",
        0,
        None,
        12,
        (18, 19),
        status=EventStatus.RESCHEDULED,
        previous_days=-2,
        extra={"organiser_name": "Punt d'Assessorament Energètic"},
    ),
    Demo(
        "cinema-fresca",
        "Cinema a la fresca",
        "Cine al aire libre",
        "Projecció de pel·lícula familiar a la plaça. Porteu cadira!",
        "cultura",
        3,
        "cultura",
        9,
        (21, 23),
        audiences=("families",),
        status=EventStatus.CANCELLED,
    ),
    Demo(
        "castanyada",
        "Castanyada popular",
        "Castañada popular",
        "Castanyes, panellets i música a la plaça. Va ser tot un èxit!",
        "festes",
        3,
        "cultura",
        -20,
        (17, 20),
        audiences=("tots-els-publics",),
    ),
]


def _venues() -> list[Venue]:
    venues = []
    for name, address, lat, lon, accessibility, building in VENUES:
        venue, _ = Venue.objects.get_or_create(
            name=name,
            defaults={
                "address": address,
                "postal_code": "08799",
                "town": "Vilanova del Riu",
                "latitude": lat,
                "longitude": lon,
                "accessibility": accessibility,
                "building": Building.objects.filter(slug=building).first() if building else None,
            },
        )
        venues.append(venue)
    return venues


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _create(demo: Demo, venues, units, editor, publisher, today: date) -> Event:
    day = today + timedelta(days=demo.days)
    if demo.weekdays and demo.frequency == Frequency.WEEKLY:
        # Start on the first listed weekday from that day.
        codes = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
        wanted = {codes.index(code) for code in demo.weekdays.split(",")}
        while day.weekday() not in wanted:
            day += timedelta(days=1)
    unit = units.get(demo.unit) if demo.unit else None
    event = Event(
        slug=demo.slug,
        title=demo.title,
        title_es=demo.title_es,
        summary=demo.summary,
        description=demo.description or f"<p>{demo.summary}</p>",
        category=demo.category,
        venue=venues[demo.venue],
        organiser_unit=unit,
        organiser_name="" if unit else demo.extra.get("organiser_name", "Ajuntament"),
        organiser_email=demo.extra.get("organiser_email", ""),
        organiser_web=demo.extra.get("organiser_web", ""),
        is_free=demo.free,
        price_text=demo.price,
        accessible=demo.accessible,
        featured=demo.featured,
        registration=demo.registration,
        registration_places=demo.places,
        registration_url="https://vilanovadelriu.cat.example/inscripcions"
        if demo.registration != "none"
        else "",
        event_status=demo.status,
        recurrence_frequency=demo.frequency,
        recurrence_weekdays=demo.weekdays,
        recurrence_week_of_month=demo.week_of_month,
        recurrence_until=today + timedelta(days=demo.until_days) if demo.frequency else None,
        recurrence_exceptions=",".join((day + timedelta(weeks=w)).isoformat() for w in demo.except_weeks),
        created_by=editor,
    )
    if demo.previous_days is not None and demo.hours:
        event.previous_start = _at(today + timedelta(days=demo.previous_days), demo.hours[0])
    event.full_clean()
    event.save()
    if demo.hours:
        event.sessions.create(start=_at(day, demo.hours[0]), end=_at(day, demo.hours[1]))
    else:
        last = day + timedelta(days=demo.span_days)
        event.sessions.create(start=_at(day, 0), end=_at(last, 0), all_day=True)
    event.audiences.set(Audience.objects.filter(slug__in=demo.audiences))
    event.tags.set(list(demo.tags))
    revisions.record(event, editor, comment="Creat")
    materialise(event)
    perform(event, "submit", editor)
    perform(event, "publish", publisher)
    return event


def load(people: dict) -> int:
    """Create the missing demo events; returns how many were created."""
    existing = set(Event.objects.filter(slug__in=[d.slug for d in EVENTS]).values_list("slug", flat=True))
    missing = [demo for demo in EVENTS if demo.slug not in existing]
    if not missing:
        return 0
    today = timezone.localdate()
    units = {unit.slug: unit for unit in Unit.objects.all()}
    with transaction.atomic():
        venues = _venues()
        for demo in missing:
            _create(demo, venues, units, people["redaccio"], people["cap"], today)
    return len(missing)
