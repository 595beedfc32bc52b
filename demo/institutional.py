"""The demo's institutional agenda: the government of Vilanova del Riu (the
mayor, two deputy mayors and three councillors) and thirty entries around
the day the demo is loaded, past (in the archive) and upcoming, published
through the workflow; the protocol office's guest lists on some of them.

Idempotent: holders are found by slug and entries by holder and subject
(counting repeats: the weekly Junta de Govern has the same subject every
time), so a second run creates nothing."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from comunicacio.publishing import actions as publishing
from institutional.models import Guest, Holder, InstitutionalCategory, InstitutionalEntry, Rsvp

MEETING = InstitutionalCategory.MEETING
PUBLIC_EVENT = InstitutionalCategory.PUBLIC_EVENT
VISIT = InstitutionalCategory.VISIT
PLENARY = InstitutionalCategory.PLENARY
BOARD = InstitutionalCategory.GOVERNING_BOARD
INTERVIEW = InstitutionalCategory.INTERVIEW

# slug, name, position, position in Spanish
HOLDERS = [
    ("montserrat-vidal", "Montserrat Vidal i Puig", "Alcaldessa", "Alcaldesa"),
    (
        "jordi-camps",
        "Jordi Camps i Ferrer",
        "Primer tinent d'alcalde i regidor d'Urbanisme i Mobilitat",
        "Primer teniente de alcalde y concejal de Urbanismo y Movilidad",
    ),
    (
        "laia-serra",
        "Laia Serra i Bosch",
        "Segona tinenta d'alcalde i regidora de Cultura i Festes",
        "Segunda teniente de alcalde y concejala de Cultura y Fiestas",
    ),
    (
        "marc-roca",
        "Marc Roca i Soler",
        "Regidor de Serveis Socials i Gent Gran",
        "Concejal de Servicios Sociales y Gente Mayor",
    ),
    (
        "nuria-mas",
        "Núria Mas i Riera",
        "Regidora d'Educació i Joventut",
        "Concejala de Educación y Juventud",
    ),
    (
        "pere-font",
        "Pere Font i Vila",
        "Regidor d'Hisenda i Promoció Econòmica",
        "Concejal de Hacienda y Promoción Económica",
    ),
]

CASA_VILA = "Casa de la Vila, plaça de la Vila, 1"
SALA_PLENS = "Sala de Plens de la Casa de la Vila"
DESPATX = "Despatx d'Alcaldia, Casa de la Vila"


@dataclass(frozen=True)
class DemoGuest:
    name: str
    position: str
    form_of_address: str = ""
    rsvp: str = Rsvp.PENDING
    represented_by: str = ""
    precedence: int = 100
    seat: str = ""


@dataclass(frozen=True)
class DemoEntry:
    holder: str
    days: int  # from the day the demo is loaded; negative is past
    hour: tuple[int, int]
    minutes: int
    category: str
    subject: str
    place: str = ""
    participants: str = ""
    interest_groups: str = ""
    register: str = ""
    description: str = ""
    guests: list[DemoGuest] = field(default_factory=list)


INAUGURATION_GUESTS = [
    DemoGuest(
        "Marta Puigcorbé i Vilaró",
        "Consellera de Cultura de la Generalitat de Catalunya",
        "Honorable senyora",
        Rsvp.REPRESENTED,
        represented_by="Joan Ribas i Mestre, director general del Llibre i la Lectura",
        precedence=1,
        seat="Fila 1, seient 1",
    ),
    DemoGuest(
        "Elena Castells i Prat",
        "Vicepresidenta de la Diputació de Barcelona",
        "Il·lustríssima senyora",
        Rsvp.ATTENDING,
        precedence=2,
        seat="Fila 1, seient 2",
    ),
    DemoGuest(
        "Ramon Pujol i Sala", "Alcalde de Sant Pere del Riu", "Il·lustríssim senyor", Rsvp.ATTENDING, 3
    ),
    DemoGuest("Teresa Coromines i Font", "Néta de l'escriptor Joan Coromines", "Senyora", Rsvp.ATTENDING, 4),
    DemoGuest("Arnau Vives", "President de l'Associació d'Amics de la Biblioteca", "Senyor", Rsvp.PENDING, 5),
]
FESTA_MAJOR_GUESTS = [
    DemoGuest(
        "Maria Soler i Roig", "Diputada al Parlament de Catalunya", "Il·lustre senyora", Rsvp.ATTENDING, 1
    ),
    DemoGuest("Josep Mir i Canals", "Pregoner de la Festa Major", "Senyor", Rsvp.ATTENDING, 2, seat="Balcó"),
    DemoGuest("Carme Llobet", "Presidenta de la Coordinadora d'Entitats", "Senyora", Rsvp.DECLINED, 3),
]
VISIT_GUESTS = [
    DemoGuest(
        "Oriol Batlle i Pons",
        "Delegat del Govern de la Generalitat a Barcelona",
        "Il·lustríssim senyor",
        Rsvp.ATTENDING,
        precedence=1,
    ),
    DemoGuest("Glòria Ferrer", "Directora de l'Escola del Molí", "Senyora", Rsvp.ATTENDING, 2),
]


def _board_meeting(days: int) -> DemoEntry:
    """The mayor's weekly Junta de Govern Local."""
    return DemoEntry(
        "montserrat-vidal",
        days,
        (9, 30),
        90,
        BOARD,
        "Junta de Govern Local",
        DESPATX,
        "Alcaldessa, tinents d'alcalde i secretària municipal.",
    )


ENTRIES = [
    *(_board_meeting(days) for days in (-33, -26, -19, -12, -5, 1)),
    # --- the past weeks: the archive ---------------------------------------------
    DemoEntry(
        "montserrat-vidal",
        -40,
        (19, 0),
        150,
        PLENARY,
        "Ple municipal ordinari",
        SALA_PLENS,
        "Els 17 regidors i regidores del consistori; secretària i interventora municipals.",
        description="Ordre del dia: aprovació de l'acta anterior, modificació de crèdit, "
        "moció sobre l'habitatge i precs i preguntes.",
    ),
    DemoEntry(
        "montserrat-vidal",
        -30,
        (11, 0),
        60,
        MEETING,
        "Reunió amb l'Associació de Comerciants del Centre",
        DESPATX,
        "Junta directiva de l'associació",
        "Associació de Comerciants del Centre de Vilanova del Riu",
        "GI-0042",
        "Campanya de Nadal, horaris comercials i obres del carrer Major.",
    ),
    DemoEntry(
        "jordi-camps",
        -28,
        (10, 0),
        90,
        VISIT,
        "Visita a les obres del nou carril bici del passeig del Riu",
        "Passeig del Riu",
        "Direcció d'obra i tècnics municipals de Mobilitat",
    ),
    DemoEntry(
        "laia-serra",
        -26,
        (18, 0),
        60,
        MEETING,
        "Reunió amb la Coordinadora d'Entitats de la Festa Major",
        "Centre Cívic El Molí",
        "Representants de les 14 entitats de la coordinadora",
        "Coordinadora d'Entitats de Vilanova del Riu",
        "GI-0107",
    ),
    DemoEntry(
        "marc-roca",
        -22,
        (10, 30),
        60,
        VISIT,
        "Visita al Casal de la Gent Gran",
        "Casal de la Gent Gran",
        "Junta del casal i treballadores del servei d'atenció domiciliària",
    ),
    DemoEntry(
        "pere-font",
        -20,
        (12, 0),
        60,
        MEETING,
        "Reunió amb la Unió Empresarial del Riu",
        CASA_VILA,
        "Presidència i gerència de la Unió Empresarial",
        "Unió Empresarial del Riu",
        "GI-0215, GI-0216",
        "Ordenances fiscals de l'any vinent i bonificacions per a nova activitat.",
    ),
    DemoEntry(
        "montserrat-vidal",
        -15,
        (12, 0),
        90,
        PUBLIC_EVENT,
        "Inauguració de la nova Biblioteca Municipal Joan Coromines",
        "Biblioteca Municipal Joan Coromines, passeig del Riu, 24",
        "Autoritats, veïns i veïnes, entitats culturals",
        guests=INAUGURATION_GUESTS,
    ),
    DemoEntry(
        "nuria-mas",
        -13,
        (17, 30),
        90,
        MEETING,
        "Consell Municipal d'Infants",
        SALA_PLENS,
        "Consellers i conselleres de 5è i 6è de les escoles del municipi",
    ),
    DemoEntry(
        "montserrat-vidal",
        -10,
        (10, 0),
        30,
        INTERVIEW,
        "Entrevista a Ràdio Vilanova",
        "Ràdio Vilanova",
        description="Balanç de la inauguració de la biblioteca i de les obres del passeig.",
    ),
    DemoEntry(
        "jordi-camps",
        -8,
        (18, 30),
        90,
        MEETING,
        "Reunió amb l'Associació de Veïns del Raval",
        "Centre Cívic El Molí",
        "Junta de l'associació de veïns",
        "Associació de Veïns del Raval",
        "GI-0033",
        "Aparcament i pacificació del carrer de l'Hospital.",
    ),
    DemoEntry(
        "laia-serra",
        -4,
        (20, 0),
        120,
        PUBLIC_EVENT,
        "Concert de la Banda Municipal a l'Auditori",
        "Auditori Municipal",
        "Banda Municipal de Vilanova del Riu",
    ),
    DemoEntry(
        "marc-roca",
        -2,
        (11, 0),
        60,
        MEETING,
        "Reunió amb Càritas Parroquial",
        "Àrea de Serveis a les Persones",
        "Voluntariat i coordinació de Càritas",
        "Càritas Parroquial de Vilanova del Riu",
        "GI-0301",
        "Rebost solidari i ajuts d'emergència.",
    ),
    # --- today and the coming weeks ------------------------------------------------
    DemoEntry(
        "montserrat-vidal",
        2,
        (10, 30),
        90,
        VISIT,
        "Visita del delegat del Govern a l'Escola del Molí",
        "Escola del Molí, carrer del Molí, 9",
        "Direcció de l'escola, AFA i regidora d'Educació",
        guests=VISIT_GUESTS,
    ),
    DemoEntry(
        "nuria-mas",
        2,
        (10, 30),
        90,
        VISIT,
        "Visita del delegat del Govern a l'Escola del Molí",
        "Escola del Molí, carrer del Molí, 9",
        "Direcció de l'escola, AFA i alcaldessa",
    ),
    DemoEntry(
        "pere-font",
        3,
        (13, 0),
        60,
        MEETING,
        "Reunió amb la Cambra de Comerç comarcal",
        CASA_VILA,
        "Direcció territorial de la Cambra",
        "Cambra Oficial de Comerç, Indústria i Serveis",
        "GI-0008",
        "Programa de suport al comerç de proximitat.",
    ),
    DemoEntry(
        "jordi-camps",
        4,
        (9, 0),
        60,
        MEETING,
        "Mesa de contractació de les obres del carrer Major",
        CASA_VILA,
        "Secretària, interventora i tècnics d'Urbanisme",
    ),
    DemoEntry(
        "laia-serra",
        6,
        (19, 0),
        60,
        PUBLIC_EVENT,
        "Pregó i inici de la Festa Major",
        "Balcó de la Casa de la Vila",
        "Pregoner, entitats i veïnat",
        guests=FESTA_MAJOR_GUESTS,
    ),
    DemoEntry(
        "montserrat-vidal",
        6,
        (19, 0),
        60,
        PUBLIC_EVENT,
        "Pregó i inici de la Festa Major",
        "Balcó de la Casa de la Vila",
        "Pregoner, entitats i veïnat",
    ),
    DemoEntry(
        "montserrat-vidal",
        8,
        (9, 30),
        90,
        BOARD,
        "Junta de Govern Local (segona sessió del mes)",
        DESPATX,
        "Alcaldessa, tinents d'alcalde i secretària municipal.",
    ),
    DemoEntry(
        "marc-roca",
        9,
        (17, 0),
        90,
        MEETING,
        "Consell Municipal de la Gent Gran",
        SALA_PLENS,
        "Representants dels casals i de les associacions de gent gran",
        "Federació d'Associacions de Gent Gran del Riu",
        "GI-0412",
    ),
    DemoEntry(
        "montserrat-vidal",
        11,
        (12, 0),
        45,
        MEETING,
        "Reunió amb la Fundació Riu Net",
        DESPATX,
        "Patronat de la fundació",
        "Fundació Riu Net",
        "GI-0520",
        "Conveni per a la neteja i la recuperació de les lleres del riu.",
    ),
    DemoEntry(
        "nuria-mas",
        13,
        (18, 0),
        90,
        MEETING,
        "Reunió amb el Consell de Joventut",
        "Espai Jove La Nau",
        "Entitats juvenils del municipi",
        "Consell de Joventut de Vilanova del Riu",
        "GI-0377",
    ),
    DemoEntry(
        "montserrat-vidal",
        15,
        (19, 0),
        150,
        PLENARY,
        "Ple municipal ordinari",
        SALA_PLENS,
        "Els 17 regidors i regidores del consistori; secretària i interventora municipals.",
        description="Ordre del dia: ordenances fiscals, pressupost municipal i mocions.",
    ),
    DemoEntry(
        "laia-serra",
        20,
        (11, 0),
        60,
        VISIT,
        "Visita a l'Arxiu Municipal",
        "Arxiu Municipal",
        "Arxivera municipal i voluntaris del projecte de memòria oral",
    ),
]


def _at(day: date, hour: tuple[int, int]) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(*hour)))


def _holders() -> dict[str, Holder]:
    holders = {}
    for order, (slug, name, position, position_es) in enumerate(HOLDERS, start=1):
        holders[slug], _ = Holder.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "position": position, "position_es": position_es, "order": order},
        )
    return holders


def _create(demo: DemoEntry, holder: Holder, editor, publisher, today: date, now: datetime) -> None:
    start = _at(today + timedelta(days=demo.days), demo.hour)
    entry = InstitutionalEntry(
        holder=holder,
        start=start,
        end=start + timedelta(minutes=demo.minutes),
        category=demo.category,
        subject=demo.subject,
        description=demo.description,
        place=demo.place,
        participants=demo.participants,
        interest_groups=demo.interest_groups,
        interest_group_register=demo.register,
        created_by=editor,
    )
    entry.full_clean()
    entry.save()
    for guest in demo.guests:
        Guest.objects.create(
            entry=entry,
            name=guest.name,
            position=guest.position,
            form_of_address=guest.form_of_address,
            rsvp=guest.rsvp,
            represented_by=guest.represented_by,
            precedence=guest.precedence,
            seat=guest.seat,
        )
    publishing.record_edit(entry, editor, created=True, comment="Creat")
    publishing.submit(entry, editor)
    publishing.publish(entry, publisher)
    # The protocol office publishes an entry about a week ahead: the demo
    # publishes now (the workflow refuses the past) and dates it back.
    published = min(now, start - timedelta(days=7))
    InstitutionalEntry.objects.filter(pk=entry.pk).update(publish_at=published)


def load(people: dict) -> int:
    """Create the missing holders and entries; returns how many entries were created."""
    with transaction.atomic():
        holders = _holders()
        existing = Counter(
            InstitutionalEntry.objects.filter(holder__slug__in=holders).values_list("holder__slug", "subject")
        )
        missing = []
        for demo in ENTRIES:
            if existing[demo.holder, demo.subject] > 0:
                existing[demo.holder, demo.subject] -= 1
            else:
                missing.append(demo)
        today, now = timezone.localdate(), timezone.now()
        for demo in missing:
            _create(demo, holders[demo.holder], people["redaccio"], people["cap"], today, now)
    return len(missing)
