"""The demo's news: hand-written press notes, communiqués and notices of
Vilanova del Riu, plus template-built routine items (plenary sessions, traffic
cuts, registrations...) for volume and variety.

Dates are relative to the moment the demo is loaded. Texts may use these
placeholders, filled in for the item's publication date:
``{event}`` (publication + ``event_in`` days, "dijous, 26 de novembre"),
``{event_time}`` ("de 8 a 14 h"), ``{month}`` ("de novembre").
"""

from dataclasses import dataclass, field

# Workflow end states the loader knows how to reach through the workflow.
PUBLISHED = "published"
SCHEDULED = "scheduled"
DRAFT = "draft"
REVIEW = "review"
EMBARGOED = "embargoed"
EXPIRED = "expired"
ALERT = "alert"
WITHDRAWN = "withdrawn"
# Sent to review and returned to its author with the publisher's comment
# (``extra["returned"]``): the dashboard's "returned with comments" panel.
RETURNED = "returned"


@dataclass(frozen=True)
class Alert:
    severity: int  # news.models.Severity value
    hours_before: float  # the alert started this long before loading
    hours_after: float  # and ends this long after


@dataclass(frozen=True)
class Story:
    slug: str
    kind: str  # news.models.Kind value
    unit: str
    title: str
    summary: str
    body: str
    tags: tuple[str, ...]
    days_ago: float  # negative: publication in the future
    title_es: str = ""
    summary_es: str = ""
    body_es: str = ""
    image: str | None = None
    state: str = PUBLISHED
    featured: bool = False
    event_in: float = 0
    event_hours: tuple[int, int] = (9, 14)
    alert: Alert | None = None
    expired_days_ago: float | None = None
    embargo_hours: float | None = None
    attachment: tuple[str, list[str]] | None = None
    extra: dict = field(default_factory=dict)


PRESS, COMMUNIQUE, NOTICE = "press", "communique", "notice"
INFO, WARNING, CRITICAL = 1, 2, 3

WEB = "https://seu.vilanovadelriu.cat.example"

HANDWRITTEN = [
    Story(
        slug="tall-aigua-barri-del-moli",
        kind=NOTICE,
        unit="medi-ambient",
        state=ALERT,
        days_ago=0.12,
        alert=Alert(CRITICAL, 3, 30),
        event_in=0,
        event_hours=(8, 20),
        image="aigua",
        tags=("aigua", "obres", "barri del Molí"),
        title="Tall de subministrament d'aigua al barri del Molí",
        summary=(
            "Avui, de 8 a 20 h, no hi haurà aigua a l'aixeta als carrers del Molí, de la Resclosa i "
            "del Rec per reparar una avaria a la canonada principal. Hi ha un camió cisterna a la plaça "
            "del Molí."
        ),
        body=(
            "<p>La companyia concessionària del servei d'aigua ha de reparar una avaria a la canonada "
            "principal que abasteix el barri del Molí. Per fer-ho amb seguretat, cal tallar el "
            "subministrament <strong>{event}, {event_time}</strong>.</p>"
            "<h2>Carrers afectats</h2>"
            "<ul><li>Carrer del Molí (tot el carrer)</li><li>Carrer de la Resclosa, del número 1 al 40</li>"
            "<li>Carrer del Rec</li><li>Plaça del Molí</li></ul>"
            "<h2>Què cal fer</h2>"
            "<ul><li>Reserveu aigua per a les necessitats bàsiques abans de les 8 h.</li>"
            "<li>Tanqueu les aixetes per evitar que, en tornar el servei, l'aire i la terbolesa "
            "arribin als electrodomèstics.</li>"
            "<li>Si teniu una persona dependent a casa i necessiteu ajuda, truqueu al 938 000 021.</li></ul>"
            "<p>Hi haurà un camió cisterna a la plaça del Molí durant tot el tall. Podeu seguir l'estat "
            'de la reparació a la <a href="' + WEB + "/avisos\">pàgina d'avisos</a>.</p>"
        ),
        title_es="Corte de suministro de agua en el barrio del Molí",
        summary_es=(
            "Hoy, de 8 a 20 h, no habrá agua en los grifos de las calles del Molí, de la Resclosa y del "
            "Rec para reparar una avería en la tubería principal. Hay un camión cisterna en la plaza del "
            "Molí."
        ),
        body_es=(
            "<p>La compañía concesionaria del servicio de agua debe reparar una avería en la tubería "
            "principal que abastece el barrio del Molí. Para hacerlo con seguridad, es necesario cortar "
            "el suministro <strong>el {event}, {event_time}</strong>.</p>"
            "<h2>Calles afectadas</h2>"
            "<ul><li>Calle del Molí (toda la calle)</li><li>Calle de la Resclosa, del número 1 al 40</li>"
            "<li>Calle del Rec</li><li>Plaza del Molí</li></ul>"
            "<h2>Qué hay que hacer</h2>"
            "<ul><li>Reserve agua para las necesidades básicas antes de las 8 h.</li>"
            "<li>Cierre los grifos para evitar que, al volver el servicio, el aire y la turbidez lleguen "
            "a los electrodomésticos.</li>"
            "<li>Si tiene a una persona dependiente en casa y necesita ayuda, llame al 938 000 021.</li></ul>"
            "<p>Habrá un camión cisterna en la plaza del Molí durante todo el corte. Puede seguir el "
            'estado de la reparación en la <a href="' + WEB + '/avisos">página de avisos</a>.</p>'
        ),
    ),
    Story(
        slug="passeig-del-riu-tancat-pluja",
        kind=NOTICE,
        unit="policia-local",
        state=ALERT,
        days_ago=0.25,
        alert=Alert(WARNING, 6, 48),
        image="riu",
        tags=("seguretat", "meteorologia", "passeig del Riu"),
        title="Pluja intensa: el passeig del Riu i els guals resten tancats",
        summary=(
            "Per l'avís de pluja intensa de Protecció Civil, el passeig del Riu i els guals de la "
            "Resclosa i de Can Bosc estan tancats. No hi passeu a peu ni amb vehicle fins que no s'aixequi "
            "l'avís."
        ),
        body=(
            "<p>Protecció Civil de la Generalitat manté activat el pla INUNCAT en fase d'alerta per "
            "pluges intenses. La Policia Local ha tancat preventivament el <strong>passeig del Riu</strong> "
            "i els guals de la Resclosa i de Can Bosc.</p>"
            "<h2>Recomanacions</h2>"
            "<ul><li>No travesseu cap gual ni zona inundada, ni a peu ni amb vehicle.</li>"
            "<li>Retireu de terrasses i balcons els objectes que el vent o l'aigua puguin arrossegar.</li>"
            "<li>Si no és imprescindible, eviteu desplaçar-vos.</li></ul>"
            "<p>En cas d'emergència, truqueu al 112. Consulteu l'estat de l'avís al web de "
            '<a href="https://interior.gencat.cat/ca/arees_dactuacio/proteccio_civil">Protecció '
            "Civil</a>.</p>"
        ),
        title_es="Lluvia intensa: el paseo del Riu y los vados permanecen cerrados",
        summary_es=(
            "Por el aviso de lluvia intensa de Protección Civil, el paseo del Riu y los vados de la "
            "Resclosa y de Can Bosc están cerrados. No pase a pie ni en vehículo hasta que se levante "
            "el aviso."
        ),
        body_es=(
            "<p>Protección Civil de la Generalitat mantiene activado el plan INUNCAT en fase de alerta "
            "por lluvias intensas. La Policía Local ha cerrado preventivamente el <strong>paseo del "
            "Riu</strong> y los vados de la Resclosa y de Can Bosc.</p>"
            "<h2>Recomendaciones</h2>"
            "<ul><li>No cruce ningún vado ni zona inundada, ni a pie ni en vehículo.</li>"
            "<li>Retire de terrazas y balcones los objetos que el viento o el agua puedan arrastrar.</li>"
            "<li>Si no es imprescindible, evite desplazarse.</li></ul>"
            "<p>En caso de emergencia, llame al 112. Consulte el estado del aviso en la web de "
            '<a href="https://interior.gencat.cat/ca/arees_dactuacio/proteccio_civil">Protección '
            "Civil</a>.</p>"
        ),
    ),
    Story(
        slug="carrer-major-tallat-obres-clavegueram",
        kind=NOTICE,
        unit="via-publica",
        state=ALERT,
        days_ago=2,
        alert=Alert(INFO, 48, 24 * 21),
        image="obres",
        tags=("obres", "mobilitat", "carrer Major"),
        title="El carrer Major, tallat al trànsit per la renovació del clavegueram",
        summary=(
            "Durant tres setmanes el carrer Major estarà tancat als vehicles entre la plaça de la Vila i "
            "el carrer de Sant Pere. Els vianants hi poden passar i el bus urbà es desvia pel carrer Nou."
        ),
        body=(
            "<p>Han començat les obres de renovació del clavegueram del carrer Major, una actuació que "
            "evitarà les inundacions que pateix el tram cada cop que plou fort.</p>"
            "<h2>Afectacions</h2>"
            "<ul><li>Tancat al trànsit de vehicles entre la plaça de la Vila i el carrer de Sant Pere.</li>"
            "<li>Els veïns amb gual poden entrar i sortir de 20 a 8 h.</li>"
            "<li>La línia L1 del bus urbà es desvia pel carrer Nou; la parada «Plaça de la Vila» es "
            "trasllada a la cantonada amb el carrer del Forn.</li>"
            "<li>Els comerços resten oberts i amb accés a peu.</li></ul>"
            '<p>Podeu consultar el plànol de desviaments a la <a href="' + WEB + '/obres">pàgina '
            "d'obres</a>. Disculpeu les molèsties.</p>"
        ),
        title_es="La calle Major, cortada al tráfico por la renovación del alcantarillado",
        summary_es=(
            "Durante tres semanas la calle Major estará cerrada a los vehículos entre la plaza de la Vila "
            "y la calle de Sant Pere. Los peatones pueden pasar y el bus urbano se desvía por la calle Nou."
        ),
        body_es=(
            "<p>Han empezado las obras de renovación del alcantarillado de la calle Major, una actuación "
            "que evitará las inundaciones que sufre el tramo cada vez que llueve con fuerza.</p>"
            "<h2>Afectaciones</h2>"
            "<ul><li>Cerrada al tráfico de vehículos entre la plaza de la Vila y la calle de Sant Pere.</li>"
            "<li>Los vecinos con vado pueden entrar y salir de 20 a 8 h.</li>"
            "<li>La línea L1 del bus urbano se desvía por la calle Nou; la parada «Plaça de la Vila» se "
            "traslada a la esquina con la calle del Forn.</li>"
            "<li>Los comercios permanecen abiertos y con acceso a pie.</li></ul>"
            '<p>Puede consultar el plano de desvíos en la <a href="' + WEB + '/obres">página de '
            "obras</a>. Disculpen las molestias.</p>"
        ),
    ),
    Story(
        slug="nova-biblioteca-barri-del-moli",
        kind=PRESS,
        unit="cultura",
        days_ago=3,
        featured=True,
        image="biblioteca",
        tags=("cultura", "biblioteca", "barri del Molí", "equipaments"),
        attachment=(
            "Dossier del projecte de la nova biblioteca",
            [
                "Nova Biblioteca del Molí - dossier de premsa",
                "Superfície: 1.850 m2 en dues plantes",
                "Pressupost: 4,2 milions d'euros (60 % Diputació, 40 % Ajuntament)",
                "Inici de les obres previst: primavera del 2027",
                "Obertura prevista: tardor del 2028",
            ],
        ),
        title="Vilanova del Riu tindrà una nova biblioteca al barri del Molí",
        summary=(
            "L'antiga fàbrica tèxtil del Molí es convertirà en una biblioteca de 1.850 m² amb sala "
            "d'estudi oberta fins a mitjanit en època d'exàmens. Les obres començaran la primavera del 2027."
        ),
        body=(
            "<p>L'Ajuntament ha presentat avui el projecte de la nova biblioteca del barri del Molí, que "
            "ocuparà la nau principal de l'antiga fàbrica tèxtil Can Bosc, tancada des del 1994. "
            "L'equipament, de 1.850 m², substituirà l'actual biblioteca del passeig del Riu, que s'ha "
            "quedat petita.</p>"
            "<p>«Recuperem un edifici que forma part de la memòria del poble i el tornem a omplir de "
            "vida», ha explicat l'alcaldessa, Montserrat Vidal.</p>"
            "<h2>Què hi haurà</h2>"
            "<ul><li>Sala infantil amb espai per a nadons i famílies.</li>"
            "<li>Sala d'estudi de 120 places, oberta fins a mitjanit en època d'exàmens.</li>"
            "<li>Espai de creació digital amb impressores 3D.</li>"
            "<li>Terrassa de lectura amb vistes al riu.</li></ul>"
            "<p>El projecte té un pressupost de 4,2 milions d'euros, finançats en un 60 % per la "
            "Diputació. Podeu consultar-ne els plànols al "
            '<a href="' + WEB + '/transparencia/projectes">portal de transparència</a>.</p>'
        ),
        title_es="Vilanova del Riu tendrá una nueva biblioteca en el barrio del Molí",
        summary_es=(
            "La antigua fábrica textil del Molí se convertirá en una biblioteca de 1.850 m² con sala de "
            "estudio abierta hasta medianoche en época de exámenes. Las obras empezarán en la primavera "
            "de 2027."
        ),
        body_es=(
            "<p>El Ayuntamiento ha presentado hoy el proyecto de la nueva biblioteca del barrio del Molí, "
            "que ocupará la nave principal de la antigua fábrica textil Can Bosc, cerrada desde 1994. El "
            "equipamiento, de 1.850 m², sustituirá a la actual biblioteca del paseo del Riu, que se ha "
            "quedado pequeña.</p>"
            "<p>«Recuperamos un edificio que forma parte de la memoria del pueblo y lo volvemos a llenar "
            "de vida», ha explicado la alcaldesa, Montserrat Vidal.</p>"
            "<h2>Qué habrá</h2>"
            "<ul><li>Sala infantil con espacio para bebés y familias.</li>"
            "<li>Sala de estudio de 120 plazas, abierta hasta medianoche en época de exámenes.</li>"
            "<li>Espacio de creación digital con impresoras 3D.</li>"
            "<li>Terraza de lectura con vistas al río.</li></ul>"
            "<p>El proyecto tiene un presupuesto de 4,2 millones de euros, financiados en un 60 % por la "
            "Diputación. Puede consultar los planos en el "
            '<a href="' + WEB + '/transparencia/projectes">portal de transparencia</a>.</p>'
        ),
    ),
    Story(
        slug="pressupost-municipal-2027",
        kind=PRESS,
        unit="alcaldia",
        days_ago=6,
        featured=True,
        image="ple",
        tags=("pressupost", "ple municipal", "transparència"),
        attachment=(
            "Resum del pressupost municipal 2027",
            [
                "Pressupost municipal 2027 - resum",
                "Ingressos: 24,6 milions d'euros",
                "Serveis a les persones: 8,9 milions (36 %)",
                "Territori i manteniment: 6,1 milions (25 %)",
                "Inversions: 3,4 milions d'euros",
            ],
        ),
        title="El Ple aprova un pressupost de 24,6 milions per al 2027, amb més inversió en habitatge",
        summary=(
            "El pressupost del 2027 creix un 4,8 % i destina 3,4 milions a inversions: 12 pisos de lloguer "
            "assequible, la reforma del Centre Cívic i més carrils bici. Les taxes i impostos no pugen."
        ),
        body=(
            "<p>El Ple municipal ha aprovat inicialment el pressupost per al 2027, de 24,6 milions "
            "d'euros, un 4,8 % més que enguany. Les ordenances fiscals es mantenen congelades per segon "
            "any consecutiu.</p>"
            "<h2>Les principals inversions</h2>"
            "<ul><li>Compra i rehabilitació de 12 pisos per a lloguer assequible: 1,2 milions.</li>"
            "<li>Reforma del Centre Cívic El Molí: 850.000 euros.</li>"
            "<li>Nous trams de carril bici i camins escolars: 420.000 euros.</li>"
            "<li>Millores a les escoles: 300.000 euros.</li></ul>"
            "<p>El document s'exposarà al públic durant 15 dies hàbils; qualsevol persona hi pot "
            'presentar al·legacions a la <a href="' + WEB + '">seu electrònica</a>.</p>'
        ),
        title_es="El Pleno aprueba un presupuesto de 24,6 millones para 2027, con más inversión en vivienda",
        summary_es=(
            "El presupuesto de 2027 crece un 4,8 % y destina 3,4 millones a inversiones: 12 pisos de "
            "alquiler asequible, la reforma del Centro Cívico y más carriles bici. Las tasas e impuestos "
            "no suben."
        ),
        body_es=(
            "<p>El Pleno municipal ha aprobado inicialmente el presupuesto para 2027, de 24,6 millones de "
            "euros, un 4,8 % más que este año. Las ordenanzas fiscales se mantienen congeladas por segundo "
            "año consecutivo.</p>"
            "<h2>Las principales inversiones</h2>"
            "<ul><li>Compra y rehabilitación de 12 pisos para alquiler asequible: 1,2 millones.</li>"
            "<li>Reforma del Centro Cívico El Molí: 850.000 euros.</li>"
            "<li>Nuevos tramos de carril bici y caminos escolares: 420.000 euros.</li>"
            "<li>Mejoras en las escuelas: 300.000 euros.</li></ul>"
            "<p>El documento se expondrá al público durante 15 días hábiles; cualquier persona puede "
            'presentar alegaciones en la <a href="' + WEB + '">sede electrónica</a>.</p>'
        ),
    ),
    Story(
        slug="enllumenat-public-led",
        kind=PRESS,
        unit="medi-ambient",
        days_ago=9,
        image="parc",
        tags=("energia", "sostenibilitat", "enllumenat"),
        title="Comença la substitució de 1.200 punts de llum per tecnologia LED",
        summary=(
            "L'Ajuntament canvia 1.200 fanals per llums LED que gastaran un 65 % menys d'energia. Les obres "
            "duraran quatre mesos i començaran pels barris de l'Eixample i del Molí."
        ),
        body=(
            "<p>Aquesta setmana han començat els treballs per renovar 1.200 punts de llum de l'enllumenat "
            "públic, el 70 % del total del municipi. Els nous llums LED reduiran el consum en un 65 % i "
            "evitaran l'emissió de 310 tones de CO₂ l'any.</p>"
            "<p>Els nous fanals també redueixen la contaminació lumínica: enfoquen la llum cap a terra i "
            "tenen una tonalitat més càlida, menys agressiva per a la fauna del riu.</p>"
            "<ul><li>Primera fase: Eixample i el Molí.</li><li>Segona fase: centre històric.</li>"
            "<li>Tercera fase: urbanitzacions i polígon Les Feixes.</li></ul>"
            "<p>L'actuació té un cost de 780.000 euros, amb un ajut dels fons europeus Next Generation. "
            'Més informació a <a href="' + WEB + "/energia\">l'apartat d'energia</a>.</p>"
        ),
        title_es="Empieza la sustitución de 1.200 puntos de luz por tecnología LED",
        summary_es=(
            "El Ayuntamiento cambia 1.200 farolas por luces LED que gastarán un 65 % menos de energía. Las "
            "obras durarán cuatro meses y empezarán por los barrios del Eixample y del Molí."
        ),
        body_es=(
            "<p>Esta semana han empezado los trabajos para renovar 1.200 puntos de luz del alumbrado "
            "público, el 70 % del total del municipio. Las nuevas luces LED reducirán el consumo en un "
            "65 % y evitarán la emisión de 310 toneladas de CO₂ al año.</p>"
            "<p>Las nuevas farolas también reducen la contaminación lumínica: enfocan la luz hacia el "
            "suelo y tienen una tonalidad más cálida, menos agresiva para la fauna del río.</p>"
            "<ul><li>Primera fase: Eixample y el Molí.</li><li>Segunda fase: centro histórico.</li>"
            "<li>Tercera fase: urbanizaciones y polígono Les Feixes.</li></ul>"
            "<p>La actuación tiene un coste de 780.000 euros, con una ayuda de los fondos europeos Next "
            'Generation. Más información en <a href="' + WEB + '/energia">el apartado de energía</a>.</p>'
        ),
    ),
    Story(
        slug="balanc-festa-major",
        kind=PRESS,
        unit="cultura",
        days_ago=86,
        featured=True,
        image="festa-major",
        tags=("festa major", "cultura", "balanç"),
        title="La Festa Major tanca amb més de 30.000 assistents i sense incidents greus",
        summary=(
            "Cinc dies de festa, 74 activitats i més de 30.000 persones als actes. El correfoc i el "
            "concert del riu van ser els actes més concorreguts. Protecció Civil no va registrar cap "
            "incident greu."
        ),
        body=(
            "<p>La Festa Major d'enguany ha reunit més de 30.000 persones en els 74 actes programats, "
            "una xifra rècord. El correfoc, amb 6.000 assistents, i el concert a la vora del riu, amb "
            "5.500, van ser les activitats més concorregudes.</p>"
            "<p>El punt lila va atendre 43 consultes i no es va haver d'activar el protocol contra les "
            "agressions sexistes. Protecció Civil i la Policia Local no van registrar cap incident "
            "greu.</p>"
            "<ul><li>74 activitats en 5 dies.</li><li>38 entitats organitzadores.</li>"
            "<li>12 tones de residus, un 58 % recollits selectivament.</li></ul>"
            "<p>La regidora de Cultura ha agraït la feina de les entitats i dels voluntaris, i ha "
            "convidat la ciutadania a fer propostes per a l'any vinent a "
            '<a href="' + WEB + "/participa\">l'espai de participació</a>.</p>"
        ),
        title_es="La Fiesta Mayor cierra con más de 30.000 asistentes y sin incidentes graves",
        summary_es=(
            "Cinco días de fiesta, 74 actividades y más de 30.000 personas en los actos. El correfoc y el "
            "concierto del río fueron los actos más concurridos. Protección Civil no registró ningún "
            "incidente grave."
        ),
        body_es=(
            "<p>La Fiesta Mayor de este año ha reunido a más de 30.000 personas en los 74 actos "
            "programados, una cifra récord. El correfoc, con 6.000 asistentes, y el concierto a orillas "
            "del río, con 5.500, fueron las actividades más concurridas.</p>"
            "<p>El punto lila atendió 43 consultas y no fue necesario activar el protocolo contra las "
            "agresiones sexistas. Protección Civil y la Policía Local no registraron ningún incidente "
            "grave.</p>"
            "<ul><li>74 actividades en 5 días.</li><li>38 entidades organizadoras.</li>"
            "<li>12 toneladas de residuos, un 58 % recogidos selectivamente.</li></ul>"
            "<p>La concejala de Cultura ha agradecido el trabajo de las entidades y de los voluntarios, y "
            "ha invitado a la ciudadanía a hacer propuestas para el año que viene en "
            '<a href="' + WEB + '/participa">el espacio de participación</a>.</p>'
        ),
    ),
    Story(
        slug="comunicat-incendi-poligon-les-feixes",
        kind=COMMUNIQUE,
        unit="alcaldia",
        days_ago=23,
        image="casa-vila",
        tags=("seguretat", "polígon Les Feixes", "emergències"),
        title="Comunicat de l'Ajuntament sobre l'incendi d'una nau al polígon Les Feixes",
        summary=(
            "L'incendi d'aquesta matinada en una nau del polígon Les Feixes està extingit i no hi ha "
            "ferits. La qualitat de l'aire és bona i no cal prendre cap mesura. El carrer C continua tancat."
        ),
        body=(
            "<p>Aquesta matinada, cap a les 3.40 h, s'ha declarat un incendi en una nau de "
            "emmagatzematge de palets del polígon Les Feixes. Els Bombers de la Generalitat l'han donat "
            "per extingit a les 7.15 h. No hi ha hagut cap persona ferida.</p>"
            "<p>Els mesuraments de la qualitat de l'aire fets durant el matí no mostren valors "
            "perillosos. No cal tancar finestres ni prendre cap altra mesura.</p>"
            "<ul><li>El carrer C del polígon continuarà tancat mentre es fan els treballs de "
            "refredament.</li>"
            "<li>Les empreses veïnes poden treballar amb normalitat.</li></ul>"
            "<p>L'Ajuntament agraeix la feina dels Bombers, la Policia Local i els Mossos d'Esquadra. "
            "Informarem de qualsevol novetat per aquest web i a les "
            '<a href="' + WEB + '/xarxes">xarxes socials municipals</a>.</p>'
        ),
        title_es="Comunicado del Ayuntamiento sobre el incendio de una nave en el polígono Les Feixes",
        summary_es=(
            "El incendio de esta madrugada en una nave del polígono Les Feixes está extinguido y no hay "
            "heridos. La calidad del aire es buena y no hay que tomar ninguna medida. La calle C sigue "
            "cerrada."
        ),
        body_es=(
            "<p>Esta madrugada, hacia las 3:40 h, se ha declarado un incendio en una nave de "
            "almacenamiento de palés del polígono Les Feixes. Los Bombers de la Generalitat lo han dado "
            "por extinguido a las 7:15 h. No ha habido ninguna persona herida.</p>"
            "<p>Las mediciones de la calidad del aire realizadas durante la mañana no muestran valores "
            "peligrosos. No es necesario cerrar ventanas ni tomar ninguna otra medida.</p>"
            "<ul><li>La calle C del polígono seguirá cerrada mientras se realizan los trabajos de "
            "enfriamiento.</li><li>Las empresas vecinas pueden trabajar con normalidad.</li></ul>"
            "<p>El Ayuntamiento agradece el trabajo de los Bombers, la Policía Local y los Mossos "
            "d'Esquadra. Informaremos de cualquier novedad en esta web y en las "
            '<a href="' + WEB + '/xarxes">redes sociales municipales</a>.</p>'
        ),
    ),
    Story(
        slug="horari-hivern-oac",
        kind=NOTICE,
        unit="atencio-ciutadana",
        days_ago=27,
        image="casa-vila",
        tags=("atenció ciutadana", "horaris"),
        title="L'Oficina d'Atenció Ciutadana amplia l'horari de tarda a l'hivern",
        summary=(
            "Des del mes que ve l'OAC obre també els dimarts i dijous a la tarda, de 16 a 19 h. Podeu "
            "demanar cita prèvia per telèfon, al web o presencialment."
        ),
        body=(
            "<p>Per facilitar els tràmits a qui treballa al matí, l'Oficina d'Atenció Ciutadana (OAC) "
            "obrirà també a la tarda dos dies a la setmana.</p>"
            "<h2>Nou horari</h2>"
            "<ul><li>De dilluns a divendres, de 8.30 a 14.30 h.</li>"
            "<li>Dimarts i dijous, també de 16 a 19 h.</li></ul>"
            "<p>Recordeu que la majoria de tràmits (empadronament, volants, domiciliació de rebuts) es "
            'poden fer sense desplaçar-vos a la <a href="' + WEB + '/tramits">seu electrònica</a>.</p>'
        ),
        title_es="La Oficina de Atención Ciudadana amplía el horario de tarde en invierno",
        summary_es=(
            "Desde el mes que viene la OAC abre también los martes y jueves por la tarde, de 16 a 19 h. "
            "Puede pedir cita previa por teléfono, en la web o presencialmente."
        ),
        body_es=(
            "<p>Para facilitar los trámites a quien trabaja por la mañana, la Oficina de Atención "
            "Ciudadana (OAC) abrirá también por la tarde dos días a la semana.</p>"
            "<h2>Nuevo horario</h2>"
            "<ul><li>De lunes a viernes, de 8:30 a 14:30 h.</li>"
            "<li>Martes y jueves, también de 16 a 19 h.</li></ul>"
            "<p>Recuerde que la mayoría de trámites (empadronamiento, volantes, domiciliación de recibos) "
            'se pueden hacer sin desplazarse en la <a href="' + WEB + '/tramits">sede electrónica</a>.</p>'
        ),
    ),
    Story(
        slug="ajuts-pagament-ibi",
        kind=NOTICE,
        unit="serveis-socials",
        days_ago=34,
        tags=("ajuts", "serveis socials", "habitatge"),
        title="Obert el termini per demanar l'ajut per pagar l'IBI de l'habitatge habitual",
        summary=(
            "Les famílies amb ingressos baixos poden demanar fins a 300 euros per pagar l'IBI del seu "
            "habitatge. El termini és d'un mes i la sol·licitud es pot fer en línia o a l'OAC."
        ),
        body=(
            "<p>L'Ajuntament obre la convocatòria d'ajuts per al pagament de l'impost sobre béns "
            "immobles (IBI) de l'habitatge habitual.</p>"
            "<h2>Qui el pot demanar</h2>"
            "<ul><li>Persones empadronades a Vilanova del Riu que visquin a l'habitatge.</li>"
            "<li>Amb uns ingressos de la unitat familiar inferiors a 1,5 vegades l'IRSC.</li>"
            "<li>Que no tinguin cap altre habitatge en propietat.</li></ul>"
            "<p>L'ajut cobreix fins al 60 % de la quota, amb un màxim de 300 euros. Podeu presentar la "
            'sol·licitud a la <a href="' + WEB + "/tramits/ajut-ibi\">seu electrònica</a> o a l'OAC.</p>"
        ),
        title_es="Abierto el plazo para pedir la ayuda para pagar el IBI de la vivienda habitual",
        summary_es=(
            "Las familias con ingresos bajos pueden pedir hasta 300 euros para pagar el IBI de su "
            "vivienda. El plazo es de un mes y la solicitud se puede hacer en línea o en la OAC."
        ),
        body_es=(
            "<p>El Ayuntamiento abre la convocatoria de ayudas para el pago del impuesto sobre bienes "
            "inmuebles (IBI) de la vivienda habitual.</p>"
            "<h2>Quién puede pedirla</h2>"
            "<ul><li>Personas empadronadas en Vilanova del Riu que vivan en la vivienda.</li>"
            "<li>Con unos ingresos de la unidad familiar inferiores a 1,5 veces el IRSC.</li>"
            "<li>Que no tengan ninguna otra vivienda en propiedad.</li></ul>"
            "<p>La ayuda cubre hasta el 60 % de la cuota, con un máximo de 300 euros. Puede presentar la "
            'solicitud en la <a href="' + WEB + '/tramits/ajut-ibi">sede electrónica</a> o en la OAC.</p>'
        ),
    ),
    Story(
        slug="carril-bici-passeig-riu-estacio",
        kind=PRESS,
        unit="via-publica",
        days_ago=14,
        featured=True,
        image="mobilitat",
        tags=("mobilitat", "bicicleta", "obres"),
        title="El carril bici del passeig del Riu arribarà fins a l'estació a la primavera",
        summary=(
            "Un nou tram d'1,8 km unirà el passeig del Riu amb l'estació de tren i els instituts. Serà "
            "segregat del trànsit i tindrà aparcaments per a bicicletes als dos extrems."
        ),
        body=(
            "<p>L'Ajuntament ha adjudicat les obres del nou tram de carril bici entre el passeig del Riu "
            "i l'estació, una de les demandes més repetides en el procés participatiu del mandat.</p>"
            "<ul><li>Longitud: 1,8 km, segregat del trànsit.</li>"
            "<li>Connecta amb els dos instituts i el Pavelló Municipal.</li>"
            "<li>Dos aparcaments segurs per a 60 bicicletes.</li></ul>"
            "<p>Les obres començaran el mes que ve i duraran uns cinc mesos. Podeu consultar el traçat a "
            '<a href="' + WEB + "/mobilitat\">l'apartat de mobilitat</a>.</p>"
        ),
        title_es="El carril bici del paseo del Riu llegará hasta la estación en primavera",
        summary_es=(
            "Un nuevo tramo de 1,8 km unirá el paseo del Riu con la estación de tren y los institutos. "
            "Estará segregado del tráfico y tendrá aparcamientos para bicicletas en los dos extremos."
        ),
        body_es=(
            "<p>El Ayuntamiento ha adjudicado las obras del nuevo tramo de carril bici entre el paseo del "
            "Riu y la estación, una de las demandas más repetidas en el proceso participativo del "
            "mandato.</p>"
            "<ul><li>Longitud: 1,8 km, segregado del tráfico.</li>"
            "<li>Conecta con los dos institutos y el Pabellón Municipal.</li>"
            "<li>Dos aparcamientos seguros para 60 bicicletas.</li></ul>"
            "<p>Las obras empezarán el mes que viene y durarán unos cinco meses. Puede consultar el "
            'trazado en <a href="' + WEB + '/mobilitat">el apartado de movilidad</a>.</p>'
        ),
    ),
    Story(
        slug="porta-a-porta-eixample",
        kind=PRESS,
        unit="medi-ambient",
        days_ago=41,
        image="parc",
        tags=("residus", "sostenibilitat", "Eixample"),
        title="La recollida porta a porta arriba al barri de l'Eixample",
        summary=(
            "Des del dia 1, els veïns de l'Eixample deixaran les escombraries davant de casa segons un "
            "calendari. Cada llar rebrà un kit de cubells i podrà resoldre dubtes en tres sessions "
            "informatives."
        ),
        body=(
            "<p>Després de l'èxit al centre històric, on la recollida selectiva ha passat del 38 % al "
            "79 %, el sistema porta a porta s'estén al barri de l'Eixample, amb 2.100 llars.</p>"
            "<h2>Calendari de recollida</h2>"
            "<ul><li>Dilluns, dimecres i divendres: orgànica.</li><li>Dimarts: envasos.</li>"
            "<li>Dijous: paper i cartró.</li><li>Dissabte: resta.</li></ul>"
            "<p>El vidre continua als contenidors del carrer. Podeu recollir el kit de cubells al Centre "
            'Cívic El Molí. Més informació a <a href="' + WEB + "/residus\">l'apartat de residus</a>.</p>"
        ),
        title_es="La recogida puerta a puerta llega al barrio del Eixample",
        summary_es=(
            "Desde el día 1, los vecinos del Eixample dejarán la basura delante de casa según un "
            "calendario. Cada hogar recibirá un kit de cubos y podrá resolver dudas en tres sesiones "
            "informativas."
        ),
        body_es=(
            "<p>Tras el éxito en el centro histórico, donde la recogida selectiva ha pasado del 38 % al "
            "79 %, el sistema puerta a puerta se extiende al barrio del Eixample, con 2.100 hogares.</p>"
            "<h2>Calendario de recogida</h2>"
            "<ul><li>Lunes, miércoles y viernes: orgánica.</li><li>Martes: envases.</li>"
            "<li>Jueves: papel y cartón.</li><li>Sábado: resto.</li></ul>"
            "<p>El vidrio sigue en los contenedores de la calle. Puede recoger el kit de cubos en el "
            'Centro Cívico El Molí. Más información en <a href="' + WEB + '/residus">el apartado de '
            "residuos</a>.</p>"
        ),
    ),
    Story(
        slug="vacunacio-antigripal",
        kind=NOTICE,
        unit="serveis-socials",
        days_ago=48,
        tags=("salut", "gent gran"),
        title="Campanya de vacunació de la grip per a més grans de 60 anys",
        summary=(
            "Si teniu 60 anys o més, o una malaltia crònica, podeu vacunar-vos de la grip al CAP. Demaneu "
            "cita per telèfon o a La Meva Salut. Si no us podeu desplaçar, us vacunaran a casa."
        ),
        body=(
            "<p>Comença la campanya de vacunació contra la grip i la covid-19 per a les persones més "
            "vulnerables.</p>"
            "<h2>Qui s'ha de vacunar</h2>"
            "<ul><li>Persones de 60 anys o més.</li><li>Persones amb malalties cròniques.</li>"
            "<li>Embarassades i personal sanitari i de residències.</li></ul>"
            "<p>Demaneu cita al CAP Vilanova del Riu (938 000 300) o a "
            '<a href="https://lamevasalut.gencat.cat">La Meva Salut</a>. El servei d\'atenció '
            "domiciliària de Serveis Socials us pot ajudar si no us podeu desplaçar.</p>"
        ),
        title_es="Campaña de vacunación de la gripe para mayores de 60 años",
        summary_es=(
            "Si tiene 60 años o más, o una enfermedad crónica, puede vacunarse de la gripe en el CAP. "
            "Pida cita por teléfono o en La Meva Salut. Si no puede desplazarse, le vacunarán en casa."
        ),
        body_es=(
            "<p>Empieza la campaña de vacunación contra la gripe y la covid-19 para las personas más "
            "vulnerables.</p>"
            "<h2>Quién debe vacunarse</h2>"
            "<ul><li>Personas de 60 años o más.</li><li>Personas con enfermedades crónicas.</li>"
            "<li>Embarazadas y personal sanitario y de residencias.</li></ul>"
            "<p>Pida cita en el CAP Vilanova del Riu (938 000 300) o en "
            '<a href="https://lamevasalut.gencat.cat">La Meva Salut</a>. El servicio de atención '
            "domiciliaria de Servicios Sociales le puede ayudar si no puede desplazarse.</p>"
        ),
    ),
    Story(
        slug="preinscripcions-escola-musica",
        kind=PRESS,
        unit="educacio",
        days_ago=104,
        image="escola",
        tags=("educació", "música", "inscripcions"),
        title="Obertes les preinscripcions a l'Escola Municipal de Música",
        summary=(
            "L'Escola de Música ofereix 90 places noves per a infants a partir de 4 anys i per a adults. "
            "Hi ha tarifes reduïdes segons la renda. Les preinscripcions es fan en línia durant 15 dies."
        ),
        body=(
            "<p>L'Escola Municipal de Música obre les preinscripcions per al nou curs, amb 90 places "
            "noves.</p>"
            "<ul><li>Sensibilització musical (4 a 7 anys).</li>"
            "<li>Llenguatge i instrument (8 a 16 anys).</li>"
            "<li>Combos de música moderna i cant coral per a adults.</li></ul>"
            "<p>Les famílies amb ingressos baixos poden demanar una tarifa reduïda de fins al 70 %. "
            'Preinscripcions a la <a href="' + WEB + '/tramits/escola-musica">seu electrònica</a>.</p>'
        ),
        title_es="Abiertas las preinscripciones en la Escuela Municipal de Música",
        summary_es=(
            "La Escuela de Música ofrece 90 plazas nuevas para niños a partir de 4 años y para adultos. "
            "Hay tarifas reducidas según la renta. Las preinscripciones se hacen en línea durante 15 días."
        ),
        body_es=(
            "<p>La Escuela Municipal de Música abre las preinscripciones para el nuevo curso, con 90 "
            "plazas nuevas.</p>"
            "<ul><li>Sensibilización musical (4 a 7 años).</li><li>Lenguaje e instrumento (8 a 16 años).</li>"
            "<li>Combos de música moderna y canto coral para adultos.</li></ul>"
            "<p>Las familias con ingresos bajos pueden pedir una tarifa reducida de hasta el 70 %. "
            'Preinscripciones en la <a href="' + WEB + '/tramits/escola-musica">sede electrónica</a>.</p>'
        ),
    ),
    Story(
        slug="condemna-agressio-masclista",
        kind=COMMUNIQUE,
        unit="alcaldia",
        days_ago=57,
        tags=("igualtat", "violència masclista"),
        title="L'Ajuntament condemna l'agressió masclista de dissabte i convoca una concentració",
        summary=(
            "L'Ajuntament condemna l'agressió que va patir una dona dissabte a la nit i convoca una "
            "concentració de rebuig a la plaça de la Vila. El Servei d'Informació i Atenció a les Dones "
            "ofereix suport."
        ),
        body=(
            "<p>L'Ajuntament de Vilanova del Riu condemna amb contundència l'agressió masclista que va "
            "patir una dona dissabte a la nit i expressa el seu suport a la víctima i a la seva "
            "família.</p>"
            "<p>Convoquem la ciutadania a una concentració de rebuig <strong>{event}, a les 12 h</strong>, "
            "a la plaça de la Vila.</p>"
            "<p>Si patiu o coneixeu una situació de violència masclista, truqueu al 900 900 120 (gratuït, "
            '24 hores) o adreceu-vos al <a href="' + WEB + "/igualtat\">Servei d'Informació i Atenció a "
            "les Dones</a>.</p>"
        ),
        event_in=1,
        title_es="El Ayuntamiento condena la agresión machista del sábado y convoca una concentración",
        summary_es=(
            "El Ayuntamiento condena la agresión que sufrió una mujer el sábado por la noche y convoca "
            "una concentración de rechazo en la plaza de la Vila. El Servicio de Información y Atención "
            "a las Mujeres ofrece apoyo."
        ),
        body_es=(
            "<p>El Ayuntamiento de Vilanova del Riu condena con contundencia la agresión machista que "
            "sufrió una mujer el sábado por la noche y expresa su apoyo a la víctima y a su familia.</p>"
            "<p>Convocamos a la ciudadanía a una concentración de rechazo <strong>el {event}, a las 12 "
            "h</strong>, en la plaza de la Vila.</p>"
            "<p>Si sufre o conoce una situación de violencia machista, llame al 900 900 120 (gratuito, "
            '24 horas) o diríjase al <a href="' + WEB + '/igualtat">Servicio de Información y Atención '
            "a las Mujeres</a>.</p>"
        ),
    ),
    Story(
        slug="premis-literaris-vila-del-riu",
        kind=PRESS,
        unit="biblioteca",
        days_ago=64,
        image="biblioteca",
        tags=("cultura", "biblioteca", "literatura"),
        title="Els Premis Literaris Vila del Riu reben 214 obres, un rècord",
        summary=(
            "Els premis de narrativa, poesia i relat juvenil han rebut 214 obres de tot el país. El "
            "veredicte es farà públic en la nit literària de la Biblioteca."
        ),
        body=(
            "<p>La 32a edició dels Premis Literaris Vila del Riu ha rebut 214 obres, 61 més que l'any "
            "passat: 88 de narrativa, 79 de poesia i 47 de relat juvenil.</p>"
            "<p>El jurat, presidit per l'escriptora Núria Casals, farà públic el veredicte durant la nit "
            "literària a la Biblioteca Municipal. L'obra guanyadora de narrativa es publicarà amb "
            "l'editorial Riu Avall.</p>"
            "<p>Les bases i l'historial dels premis són a <a href=\"" + WEB + "/premis\">l'espai dels "
            "premis</a>.</p>"
        ),
    ),
    Story(
        slug="tancament-piscina-coberta-manteniment",
        kind=NOTICE,
        unit="esports",
        days_ago=72,
        image="pavello",
        tags=("esports", "piscina", "equipaments"),
        title="La piscina coberta tanca una setmana per manteniment",
        summary=(
            "La piscina coberta estarà tancada set dies per buidar i netejar els vasos i revisar la "
            "depuradora. El gimnàs i les pistes del Pavelló continuen obertes amb l'horari habitual."
        ),
        body=(
            "<p>Com cada any, la piscina coberta tancarà set dies per fer-hi el manteniment anual: buidat "
            "i neteja dels vasos, revisió de la depuradora i canvi dels filtres.</p>"
            "<ul><li>Les activitats dirigides a l'aigua queden suspeses durant el tancament.</li>"
            "<li>Els abonats tindran un descompte proporcional a la quota del mes vinent.</li>"
            "<li>El gimnàs i les pistes continuen obertes.</li></ul>"
            '<p>Més informació al telèfon 938 000 025 o a <a href="' + WEB + "/esports\">l'apartat "
            "d'esports</a>.</p>"
        ),
        title_es="La piscina cubierta cierra una semana por mantenimiento",
        summary_es=(
            "La piscina cubierta estará cerrada siete días para vaciar y limpiar los vasos y revisar la "
            "depuradora. El gimnasio y las pistas del Pabellón siguen abiertos con el horario habitual."
        ),
        body_es=(
            "<p>Como cada año, la piscina cubierta cerrará siete días para hacer el mantenimiento anual: "
            "vaciado y limpieza de los vasos, revisión de la depuradora y cambio de los filtros.</p>"
            "<ul><li>Las actividades dirigidas en el agua quedan suspendidas durante el cierre.</li>"
            "<li>Los abonados tendrán un descuento proporcional en la cuota del mes siguiente.</li>"
            "<li>El gimnasio y las pistas siguen abiertos.</li></ul>"
            '<p>Más información en el teléfono 938 000 025 o en <a href="' + WEB + '/esports">el '
            "apartado de deportes</a>.</p>"
        ),
    ),
    Story(
        slug="pavello-plaques-solars",
        kind=PRESS,
        unit="esports",
        days_ago=19,
        image="pavello",
        tags=("energia", "esports", "sostenibilitat"),
        title="La coberta del Pavelló Municipal produirà el 40 % de l'energia que consumeix",
        summary=(
            "Les 420 plaques solars instal·lades a la coberta del Pavelló generaran prou electricitat per "
            "cobrir el 40 % del consum de l'equipament i compartiran l'excedent amb 60 llars veïnes."
        ),
        body=(
            "<p>Ja funciona la instal·lació fotovoltaica de la coberta del Pavelló Municipal: 420 plaques "
            "amb una potència de 190 kWp.</p>"
            "<p>L'excedent es repartirà a través de la primera comunitat energètica local del municipi, a "
            "la qual s'hi han adherit 60 llars del barri. Encara hi ha 25 places lliures.</p>"
            "<ul><li>Producció anual prevista: 260.000 kWh.</li><li>Estalvi: 45.000 euros l'any.</li>"
            "<li>Emissions evitades: 70 tones de CO₂ l'any.</li></ul>"
            "<p>Per adherir-vos a la comunitat energètica, ompliu el formulari de "
            '<a href="' + WEB + '/comunitat-energetica">la comunitat energètica</a>.</p>'
        ),
        title_es="La cubierta del Pabellón Municipal producirá el 40 % de la energía que consume",
        summary_es=(
            "Las 420 placas solares instaladas en la cubierta del Pabellón generarán suficiente "
            "electricidad para cubrir el 40 % del consumo del equipamiento y compartirán el excedente con "
            "60 hogares vecinos."
        ),
        body_es=(
            "<p>Ya funciona la instalación fotovoltaica de la cubierta del Pabellón Municipal: 420 placas "
            "con una potencia de 190 kWp.</p>"
            "<p>El excedente se repartirá a través de la primera comunidad energética local del "
            "municipio, a la que se han adherido 60 hogares del barrio. Aún quedan 25 plazas libres.</p>"
            "<ul><li>Producción anual prevista: 260.000 kWh.</li><li>Ahorro: 45.000 euros al año.</li>"
            "<li>Emisiones evitadas: 70 toneladas de CO₂ al año.</li></ul>"
            "<p>Para adherirse a la comunidad energética, rellene el formulario de "
            '<a href="' + WEB + '/comunitat-energetica">la comunidad energética</a>.</p>'
        ),
    ),
    Story(
        slug="capital-cultura-catalana-2028",
        kind=PRESS,
        unit="cultura",
        state=EMBARGOED,
        days_ago=0.05,
        embargo_hours=46,
        image="capitalitat",
        featured=True,
        tags=("cultura", "capitalitat cultural"),
        attachment=(
            "Candidatura Capital de la Cultura Catalana 2028 (resum)",
            [
                "Vilanova del Riu, Capital de la Cultura Catalana 2028",
                "Embargament: no publicar fins a l'hora indicada a la nota",
                "Programa: 120 activitats durant tot l'any",
                "Pressupost: 1,6 milions d'euros",
            ],
        ),
        title="Vilanova del Riu serà Capital de la Cultura Catalana el 2028",
        summary=(
            "El jurat de l'Associació Capital de la Cultura Catalana ha escollit la candidatura de "
            "Vilanova del Riu, que proposa un any de cultura al carrer, al riu i a les fàbriques antigues."
        ),
        body=(
            "<p>El jurat ha valorat especialment la implicació de les 38 entitats culturals del municipi "
            "i la proposta de recuperar el patrimoni industrial de la vora del riu com a escenari.</p>"
            "<ul><li>120 activitats durant tot l'any.</li><li>Un festival de música a les antigues "
            "fàbriques.</li><li>Residències artístiques al barri del Molí.</li></ul>"
            '<p>La candidatura completa es pot consultar a <a href="' + WEB + "/capital2028\">l'espai "
            "de la capitalitat</a>.</p>"
        ),
        title_es="Vilanova del Riu será Capital de la Cultura Catalana en 2028",
        summary_es=(
            "El jurado de la Associació Capital de la Cultura Catalana ha elegido la candidatura de "
            "Vilanova del Riu, que propone un año de cultura en la calle, en el río y en las antiguas "
            "fábricas."
        ),
        body_es=(
            "<p>El jurado ha valorado especialmente la implicación de las 38 entidades culturales del "
            "municipio y la propuesta de recuperar el patrimonio industrial de la orilla del río como "
            "escenario.</p>"
            "<ul><li>120 actividades durante todo el año.</li><li>Un festival de música en las antiguas "
            "fábricas.</li><li>Residencias artísticas en el barrio del Molí.</li></ul>"
            '<p>La candidatura completa se puede consultar en <a href="' + WEB + '/capital2028">el '
            "espacio de la capitalidad</a>.</p>"
        ),
    ),
    Story(
        slug="cartell-fira-de-nadal",
        kind=PRESS,
        unit="comerc-turisme",
        state=SCHEDULED,
        days_ago=-3,
        image="mercat",
        tags=("comerç", "Nadal", "fira"),
        title="La Fira de Nadal tindrà 70 parades i una pista de gel sostenible",
        summary=(
            "La Fira de Nadal omplirà la plaça de la Vila i el carrer Major amb 70 parades d'artesania i "
            "producte local. La pista de gel serà sintètica, sense consum d'aigua ni de refrigeració."
        ),
        body=(
            "<p>La Fira de Nadal arriba amb més parades que mai i una novetat: una pista de gel sintètica "
            "que no necessita aigua ni refrigeració.</p>"
            "<ul><li>70 parades d'artesania, alimentació i producte local.</li>"
            "<li>Tallers infantils cada tarda al Centre Cívic.</li>"
            "<li>Concert de Sant Esteve a l'església de Sant Pere.</li></ul>"
            '<p>Consulteu el programa a <a href="' + WEB + "/nadal\">l'espai de Nadal</a>.</p>"
        ),
        title_es="La Feria de Navidad tendrá 70 puestos y una pista de hielo sostenible",
        summary_es=(
            "La Feria de Navidad llenará la plaza de la Vila y la calle Major con 70 puestos de artesanía "
            "y producto local. La pista de hielo será sintética, sin consumo de agua ni de refrigeración."
        ),
        body_es=(
            "<p>La Feria de Navidad llega con más puestos que nunca y una novedad: una pista de hielo "
            "sintética que no necesita agua ni refrigeración.</p>"
            "<ul><li>70 puestos de artesanía, alimentación y producto local.</li>"
            "<li>Talleres infantiles cada tarde en el Centro Cívico.</li>"
            "<li>Concierto de San Esteban en la iglesia de Sant Pere.</li></ul>"
            '<p>Consulte el programa en <a href="' + WEB + '/nadal">el espacio de Navidad</a>.</p>'
        ),
    ),
    Story(
        slug="recollida-residus-festes-nadal",
        kind=NOTICE,
        unit="medi-ambient",
        state=SCHEDULED,
        days_ago=-10,
        tags=("residus", "Nadal"),
        title="Canvis en la recollida de residus durant les festes de Nadal",
        summary=(
            "Els dies de Nadal, Sant Esteve i Cap d'Any no hi haurà recollida porta a porta. L'orgànica "
            "es recollirà l'endemà. La deixalleria tancarà els festius."
        ),
        body=(
            "<p>Durant les festes, el calendari de recollida canvia:</p>"
            "<ul><li>25 i 26 de desembre: no hi ha recollida. L'orgànica es recull el 27.</li>"
            "<li>1 de gener: no hi ha recollida. L'orgànica es recull el 2.</li>"
            "<li>La deixalleria tanca els dies festius.</li></ul>"
            '<p>Consulteu el calendari complet a <a href="' + WEB + "/residus\">l'apartat de residus</a>.</p>"
        ),
        title_es="Cambios en la recogida de residuos durante las fiestas de Navidad",
        summary_es=(
            "Los días de Navidad, San Esteban y Año Nuevo no habrá recogida puerta a puerta. La orgánica "
            "se recogerá al día siguiente. El punto limpio cerrará los festivos."
        ),
        body_es=(
            "<p>Durante las fiestas, el calendario de recogida cambia:</p>"
            "<ul><li>25 y 26 de diciembre: no hay recogida. La orgánica se recoge el 27.</li>"
            "<li>1 de enero: no hay recogida. La orgánica se recoge el 2.</li>"
            "<li>El punto limpio cierra los días festivos.</li></ul>"
            '<p>Consulte el calendario completo en <a href="' + WEB + '/residus">el apartado de '
            "residuos</a>.</p>"
        ),
    ),
    Story(
        slug="nova-linia-bus-urba-l3",
        kind=PRESS,
        unit="via-publica",
        state=SCHEDULED,
        days_ago=-6,
        image="mobilitat",
        tags=("mobilitat", "transport públic"),
        title="La nova línia L3 del bus urbà connectarà el polígon Les Feixes amb l'estació",
        summary=(
            "La línia L3 farà 14 expedicions diàries entre l'estació i el polígon Les Feixes, en "
            "coincidència amb els trens de rodalies. Serà gratuïta els tres primers mesos."
        ),
        body=(
            "<p>La nova línia L3 vol facilitar que les 1.900 persones que treballen al polígon Les Feixes "
            "hi arribin sense cotxe.</p>"
            "<ul><li>14 expedicions diàries, de dilluns a divendres.</li>"
            "<li>Horaris coordinats amb els trens de rodalies.</li>"
            "<li>Gratuïta durant els tres primers mesos.</li></ul>"
            '<p>Horaris i parades a <a href="' + WEB + "/bus\">l'apartat del bus urbà</a>.</p>"
        ),
    ),
    Story(
        slug="balanc-bicicleta-compartida",
        kind=PRESS,
        unit="via-publica",
        state=DRAFT,
        days_ago=0,
        image="mobilitat",
        tags=("mobilitat", "bicicleta"),
        title="El servei de bicicleta compartida supera els 40.000 viatges el primer any",
        summary=(
            "En el seu primer any, el servei de bicicleta compartida ha fet més de 40.000 viatges amb 12 "
            "estacions. L'Ajuntament n'estudia quatre més. (Pendent de confirmar xifres amb Mobilitat.)"
        ),
        body=(
            "<p>Esborrany: falta la valoració del regidor de Mobilitat i el mapa de les noves "
            "estacions.</p>"
            "<ul><li>40.312 viatges.</li><li>1.480 persones abonades.</li><li>12 estacions.</li></ul>"
        ),
    ),
    Story(
        slug="nou-horari-estiu-deixalleria",
        kind=COMMUNIQUE,
        unit="medi-ambient",
        state=RETURNED,
        days_ago=0,
        tags=("residus", "sostenibilitat"),
        title="La deixalleria municipal estrena horari d'estiu",
        summary=(
            "De l'1 de juliol al 31 d'agost, la deixalleria municipal obre de dilluns a divendres de 8 a "
            "14 h i els dissabtes de 9 a 13 h."
        ),
        body=(
            "<p>La deixalleria municipal adapta el seu horari a l'estiu per evitar les hores de més "
            "calor.</p><ul><li>De dilluns a divendres, de 8 a 14 h.</li>"
            "<li>Dissabtes, de 9 a 13 h.</li></ul>"
        ),
        extra={"returned": "Hi falta l'adreça de la deixalleria mòbil i els dies que passa per cada barri."},
    ),
    Story(
        slug="consell-infants-propostes-ple",
        kind=PRESS,
        unit="educacio",
        state=REVIEW,
        days_ago=0,
        image="escola",
        tags=("educació", "participació", "infància"),
        title="El Consell d'Infants presenta al Ple les seves propostes per a un poble més jugable",
        summary=(
            "Els 24 nens i nenes del Consell d'Infants proposen més fonts, bancs a l'ombra i un camí "
            "escolar segur a cada escola. El Ple en debatrà les propostes el mes que ve."
        ),
        body=(
            "<p>Els consellers i conselleres de cinquè i sisè de primària han treballat durant tot el "
            "curs en un diagnòstic dels espais de joc del poble.</p>"
            "<ul><li>Fonts d'aigua a tots els parcs.</li><li>Més bancs a l'ombra.</li>"
            "<li>Un camí escolar senyalitzat per a cada escola.</li></ul>"
            '<p>Podeu llegir el document complet a <a href="' + WEB + "/consell-infants\">l'espai del "
            "Consell d'Infants</a>.</p>"
        ),
    ),
    Story(
        slug="nova-ordenanca-terrasses",
        kind=COMMUNIQUE,
        unit="urbanisme",
        state=REVIEW,
        days_ago=0,
        tags=("comerç", "espai públic", "ordenances"),
        title="Nova ordenança de terrasses: què canvia per als bars i restaurants",
        summary=(
            "La nova ordenança garanteix 1,8 metres lliures per als vianants, limita l'horari de les "
            "terrasses a les 23 h entre setmana i simplifica la llicència, que es podrà demanar en línia."
        ),
        body=(
            "<p>L'Ajuntament ha enllestit el text de la nova ordenança de terrasses, que se sotmetrà a "
            "informació pública.</p>"
            "<ul><li>Pas lliure mínim d'1,8 metres per als vianants.</li>"
            "<li>Horari: fins a les 23 h de diumenge a dijous i fins a les 0.30 h divendres i "
            "dissabte.</li><li>Llicència en línia i renovació automàtica.</li></ul>"
            '<p>Esborrany consultable a <a href="' + WEB + "/ordenances\">l'apartat d'ordenances</a>.</p>"
        ),
    ),
    Story(
        slug="tall-transit-cursa-popular-riu",
        kind=NOTICE,
        unit="policia-local",
        state=EXPIRED,
        days_ago=40,
        expired_days_ago=37,
        image="riu",
        tags=("mobilitat", "esports", "talls de trànsit"),
        title="Talls de trànsit per la Cursa Popular del Riu",
        summary=(
            "Diumenge, de 8.30 a 13 h, diversos carrers del centre i el passeig del Riu estaran tallats "
            "al trànsit per la Cursa Popular. El bus urbà no farà servei fins a les 13 h."
        ),
        body=(
            "<p>Per la celebració de la Cursa Popular del Riu, diumenge hi haurà talls de trànsit de 8.30 "
            "a 13 h.</p>"
            "<ul><li>Passeig del Riu, tot el tram.</li><li>Carrer Major i plaça de la Vila.</li>"
            "<li>Avinguda de l'Esport.</li></ul>"
            '<p>Recorregut complet a <a href="' + WEB + '/cursa">la pàgina de la cursa</a>.</p>'
        ),
    ),
    Story(
        slug="inscripcions-casal-estiu",
        kind=NOTICE,
        unit="joventut",
        state=EXPIRED,
        days_ago=118,
        expired_days_ago=95,
        image="parc",
        tags=("infància", "inscripcions", "estiu"),
        title="Inscripcions obertes als casals d'estiu municipals",
        summary=(
            "Els casals d'estiu per a infants de 3 a 14 anys tenen 400 places. Hi ha beques per a famílies "
            "amb ingressos baixos. Les inscripcions es fan en línia fins a final de mes."
        ),
        body=(
            "<p>Els casals d'estiu municipals tornen amb 400 places per a infants de 3 a 14 anys, al "
            "Centre Cívic El Molí i a l'escola Riu Avall.</p>"
            "<ul><li>Horari de 9 a 13 h, amb servei d'acollida i de menjador opcionals.</li>"
            "<li>Beques de fins al 90 % per a famílies amb ingressos baixos.</li>"
            "<li>Places reservades per a infants amb necessitats educatives especials.</li></ul>"
            '<p>Inscripcions a la <a href="' + WEB + '/tramits/casals">seu electrònica</a>.</p>'
        ),
    ),
    Story(
        slug="canvi-ubicacio-mercat-setmanal",
        kind=COMMUNIQUE,
        unit="comerc-turisme",
        state=WITHDRAWN,
        days_ago=30,
        image="mercat",
        tags=("comerç", "mercat"),
        title="El mercat setmanal es trasllada al passeig del Riu",
        summary=(
            "El mercat dels dijous es fa al passeig del Riu mentre durin les obres del carrer Major. "
            "(Retirat: la data del trasllat s'ha ajornat.)"
        ),
        body="<p>El mercat dels dijous es traslladarà al passeig del Riu mentre durin les obres.</p>",
    ),
    Story(
        slug="adjudicacio-reforma-centre-civic",
        kind=PRESS,
        unit="urbanisme",
        days_ago=52,
        image="casa-vila",
        tags=("obres", "equipaments", "barri del Molí"),
        title="Adjudicades les obres de reforma i ampliació del Centre Cívic El Molí",
        summary=(
            "La reforma del Centre Cívic El Molí costarà 850.000 euros i durarà deu mesos. L'edifici "
            "guanyarà una sala polivalent per a 200 persones i serà plenament accessible."
        ),
        body=(
            "<p>La Junta de Govern ha adjudicat les obres de reforma del Centre Cívic El Molí a l'empresa "
            "Construccions Segarra, SL, per 850.000 euros.</p>"
            "<ul><li>Nova sala polivalent per a 200 persones.</li><li>Ascensor i lavabos adaptats a totes "
            "les plantes.</li><li>Aïllament tèrmic i bomba de calor.</li></ul>"
            "<p>Mentre durin les obres, les activitats es traslladaran a l'escola Riu Avall i a la "
            'Biblioteca. Més detalls al <a href="' + WEB + '/perfil-contractant">perfil del '
            "contractant</a>.</p>"
        ),
        title_es="Adjudicadas las obras de reforma y ampliación del Centro Cívico El Molí",
        summary_es=(
            "La reforma del Centro Cívico El Molí costará 850.000 euros y durará diez meses. El edificio "
            "ganará una sala polivalente para 200 personas y será plenamente accesible."
        ),
        body_es=(
            "<p>La Junta de Gobierno ha adjudicado las obras de reforma del Centro Cívico El Molí a la "
            "empresa Construccions Segarra, SL, por 850.000 euros.</p>"
            "<ul><li>Nueva sala polivalente para 200 personas.</li><li>Ascensor y aseos adaptados en "
            "todas las plantas.</li><li>Aislamiento térmico y bomba de calor.</li></ul>"
            "<p>Mientras duren las obras, las actividades se trasladarán a la escuela Riu Avall y a la "
            'Biblioteca. Más detalles en el <a href="' + WEB + '/perfil-contractant">perfil del '
            "contratante</a>.</p>"
        ),
    ),
]
