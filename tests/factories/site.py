"""A small but complete public site, as the browser tests see it (alert,
featured news with pictures, attachments, tags, related news, a site page)."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from comunicacio.pages import SitePage
from comunicacio.publishing.models import Status
from news.models import Attachment, Kind, Severity

from .media import make_picture
from .news import make_news
from .organisation import make_unit

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class Site:
    units: list = field(default_factory=list)
    alert: object = None
    featured: object = None
    detail: object = None
    related: list = field(default_factory=list)
    statement: object = None


def build_site() -> Site:
    site = Site()
    now = timezone.now()
    culture = make_unit(name="Departament de Cultura", name_es="Departamento de Cultura", slug="cultura")
    works = make_unit(name="Servei d'Obres i Via Pública", slug="obres")
    site.units = [culture, works]

    site.alert = make_news(
        status=Status.PUBLISHED,
        publish_at=now - timedelta(hours=2),
        kind=Kind.NOTICE,
        unit=works,
        title="Tall d'aigua al carrer Major",
        title_es="Corte de agua en la calle Mayor",
        summary="Dijous de 9 a 14 h no hi haurà subministrament d'aigua entre els números 1 i 40.",
        summary_es="El jueves de 9 a 14 h no habrá suministro de agua entre los números 1 y 40.",
        is_alert=True,
        alert_severity=Severity.CRITICAL,
        alert_start=now - timedelta(hours=1),
        alert_end=now + timedelta(days=2),
    )
    site.featured = make_news(
        status=Status.PUBLISHED,
        publish_at=now - timedelta(hours=3),
        unit=culture,
        featured=True,
        title="La Festa Major omple els carrers de música i tradició",
        title_es="La Fiesta Mayor llena las calles de música y tradición",
        summary="Més de cinquanta activitats per a totes les edats durant quatre dies de festa.",
        summary_es="Más de cincuenta actividades para todas las edades durante cuatro días de fiesta.",
        body="<p>La <strong>Festa Major</strong> arriba amb concerts, cercaviles i castells.</p>",
        body_es="<p>La <strong>Fiesta Mayor</strong> llega con conciertos, pasacalles y castells.</p>",
        image=make_picture(0, "Vista del poble des del riu, amb les cases i el pont"),
        tags=["festa-major", "cultura"],
    )
    site.detail = make_news(
        status=Status.PUBLISHED,
        publish_at=now - timedelta(hours=4),
        unit=culture,
        featured=True,
        title="Obre la nova biblioteca municipal al barri del Riu",
        title_es="Abre la nueva biblioteca municipal en el barrio del Río",
        summary="L'equipament té sala d'estudi, espai infantil i préstec de llibres electrònics.",
        summary_es="Tiene sala de estudio, espacio infantil y préstamo de libros electrónicos.",
        body=(
            "<p>La biblioteca obre de dilluns a dissabte.</p><h2>Horaris</h2>"
            "<ul><li>Matins: de 9 a 14 h</li><li>Tardes: de 16 a 20.30 h</li></ul>"
        ),
        body_es="<p>La biblioteca abre de lunes a sábado.</p>",
        image=make_picture(1, "Façana de la nova biblioteca amb el rètol a l'entrada"),
        contact_name="Marta Soler",
        contact_email="cultura@ajuntament.example",
        contact_phone="938 000 111",
        tags=["cultura", "biblioteques"],
    )
    attachment = Attachment(news=site.detail, title="Programa d'activitats d'inauguració")
    attachment.file.save("programa.pdf", ContentFile(MINIMAL_PDF), save=True)

    for number, title in enumerate(
        [
            "Taller de lectura en veu alta per a infants",
            "Club de lectura de novel·la negra a la biblioteca",
            "Nova edició del concurs de fotografia del riu",
        ],
        start=2,
    ):
        site.related.append(
            make_news(
                status=Status.PUBLISHED,
                publish_at=now - timedelta(days=number),
                unit=culture,
                kind=Kind.COMMUNIQUE if number % 2 else Kind.PRESS_NOTE,
                title=title,
                summary="Activitat gratuïta amb inscripció prèvia a la biblioteca municipal.",
                image=make_picture(number, f"Imatge il·lustrativa: {title.lower()}"),
                tags=["cultura"],
            )
        )
    make_news(
        status=Status.PUBLISHED,
        publish_at=now - timedelta(days=6),
        unit=works,
        kind=Kind.NOTICE,
        title="Obres de millora a la plaça de l'Església",
        summary="Les obres duraran tres setmanes i es mantindrà el pas de vianants.",
        tags=["obres"],
    )
    site.statement = SitePage.objects.create(
        slug="accessibilitat",
        title="Declaració d'accessibilitat",
        title_es="Declaración de accesibilidad",
        body=(
            "<p>L'Ajuntament es compromet a fer accessible el seu web (Reial decret 1112/2018).</p>"
            "<h2>Situació de compliment</h2><p>Aquest web és plenament conforme amb les WCAG 2.1 AA.</p>"
        ),
        show_in_footer=True,
    )
    SitePage.objects.create(
        slug="avis-legal", title="Avís legal", body="<p>Titularitat del web.</p>", show_in_footer=True
    )
    return site
