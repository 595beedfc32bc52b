"""Routine council news built from templates: the plenary sessions, traffic
cuts, registrations and workshops that fill most of a real council's feed."""

from .stories import COMMUNIQUE, NOTICE, PRESS, WEB, Story


def _plenary(days_ago, topic, topic_es, tag, votes, votes_es, others, others_es):
    items = "".join(f"<li>{line}</li>" for line in others)
    items_es = "".join(f"<li>{line}</li>" for line in others_es)
    return Story(
        slug=f"ple-aprova-{tag.replace(' ', '-')}",
        kind=PRESS,
        unit="alcaldia",
        days_ago=days_ago,
        image="ple",
        tags=("ple municipal", tag),
        title=f"El Ple {{month}} aprova {topic}",
        summary=(
            f"El Ple ordinari {{month}} ha aprovat {topic}, {votes}. També s'hi han aprovat "
            f"{len(others)} punts més de l'ordre del dia."
        ),
        body=(
            f"<p>El Ple municipal ha celebrat la sessió ordinària {{month}}, en què ha aprovat {topic}, "
            f"{votes}.</p><h2>Altres acords</h2><ul>{items}</ul>"
            f"<p>Podeu veure el vídeo de la sessió i llegir-ne l'acta a <a href=\"{WEB}/ple\">l'apartat "
            "del Ple</a>.</p>"
        ),
        title_es=f"El Pleno {{month}} aprueba {topic_es}",
        summary_es=(
            f"El Pleno ordinario {{month}} ha aprobado {topic_es}, {votes_es}. También se han aprobado "
            f"otros {len(others_es)} puntos del orden del día."
        ),
        body_es=(
            f"<p>El Pleno municipal ha celebrado la sesión ordinaria {{month}}, en la que ha aprobado "
            f"{topic_es}, {votes_es}.</p><h2>Otros acuerdos</h2><ul>{items_es}</ul>"
            f'<p>Puede ver el vídeo de la sesión y leer el acta en <a href="{WEB}/ple">el apartado del '
            "Pleno</a>.</p>"
        ),
    )


def _traffic(
    days_ago, slug, at_street, street, reason, detour, at_street_es, street_es, reason_es, detour_es
):
    # "el carrer ... tallat", "la plaça ... tallada"
    closed = "tallada" if street.startswith(("la ", "l'avinguda")) else "tallat"
    return Story(
        slug=f"tall-transit-{slug}",
        kind=NOTICE,
        unit="via-publica",
        days_ago=days_ago,
        image="obres",
        event_in=2,
        event_hours=(8, 15),
        tags=("obres", "mobilitat", "talls de trànsit"),
        title=f"Tall de trànsit {at_street} per {reason}",
        summary=(
            f"{{Event}}, {{event_time}}, {street} estarà {closed} al trànsit per {reason}. "
            f"Els vehicles es desviaran {detour}."
        ),
        body=(
            f"<p>{{Event}}, {{event_time}}, {street} estarà {closed} al trànsit de vehicles per {reason}.</p>"
            f"<ul><li>Desviament: {detour}.</li><li>Els vianants hi podran passar per la vorera.</li>"
            "<li>Els veïns amb gual no podran entrar ni sortir durant el tall.</li></ul>"
            f'<p>Consulteu tots els talls previstos a <a href="{WEB}/obres">la pàgina d\'obres</a>.</p>'
        ),
        title_es=f"Corte de tráfico {at_street_es} por {reason_es}",
        summary_es=(
            f"El {{event}}, {{event_time}}, {street_es} estará cortada al tráfico por {reason_es}. "
            f"Los vehículos se desviarán por {detour_es}."
        ),
        body_es=(
            f"<p>El {{event}}, {{event_time}}, {street_es} estará cortada al tráfico de vehículos por "
            f"{reason_es}.</p><ul><li>Desvío: por {detour_es}.</li><li>Los peatones podrán pasar por la "
            "acera.</li><li>Los vecinos con vado no podrán entrar ni salir durante el corte.</li></ul>"
            f'<p>Consulte todos los cortes previstos en <a href="{WEB}/obres">la página de obras</a>.</p>'
        ),
    )


def _registration(days_ago, slug, activity, who, price, activity_es, who_es, price_es, unit="esports"):
    return Story(
        slug=f"inscripcions-{slug}",
        kind=NOTICE,
        unit=unit,
        days_ago=days_ago,
        image="pavello" if unit == "esports" else "parc",
        tags=("inscripcions", "esports" if unit == "esports" else "joventut"),
        title=f"Obertes les inscripcions {activity}",
        summary=(
            f"Ja us podeu inscriure {activity}, {who}. {price} Les places s'adjudiquen per ordre "
            "d'inscripció."
        ),
        body=(
            f"<p>S'obre el termini d'inscripció {activity}, {who}.</p>"
            f"<ul><li>Preu: {price}</li><li>Bonificacions del 50 % per a famílies nombroses i "
            "monoparentals.</li><li>Places limitades, per ordre d'inscripció.</li></ul>"
            f'<p>Inscripcions a la <a href="{WEB}/tramits/inscripcions">seu electrònica</a> o al '
            "Pavelló Municipal.</p>"
        ),
        title_es=f"Abiertas las inscripciones {activity_es}",
        summary_es=(
            f"Ya puede inscribirse {activity_es}, {who_es}. {price_es} Las plazas se adjudican por orden "
            "de inscripción."
        ),
        body_es=(
            f"<p>Se abre el plazo de inscripción {activity_es}, {who_es}.</p>"
            f"<ul><li>Precio: {price_es}</li><li>Bonificaciones del 50 % para familias numerosas y "
            "monoparentales.</li><li>Plazas limitadas, por orden de inscripción.</li></ul>"
            f'<p>Inscripciones en la <a href="{WEB}/tramits/inscripcions">sede electrónica</a> o en el '
            "Pabellón Municipal.</p>"
        ),
    )


def _library(days_ago, slug, title, summary, details):
    items = "".join(f"<li>{line}</li>" for line in details)
    return Story(
        slug=f"biblioteca-{slug}",
        kind=PRESS,
        unit="biblioteca",
        days_ago=days_ago,
        image="biblioteca",
        event_in=5,
        event_hours=(18, 19),
        tags=("biblioteca", "cultura"),
        title=title,
        summary=summary,
        body=(
            f"<p>{summary}</p><ul><li>Quan: {{event}}, {{event_time}}.</li>{items}"
            "<li>Lloc: Biblioteca Municipal Joan Coromines (passeig del Riu, 24).</li></ul>"
            f'<p>Inscripcions al taulell o a <a href="{WEB}/biblioteca">la pàgina de la Biblioteca</a>.</p>'
        ),
    )


def _workshop(days_ago, slug, unit, topic, audience, topic_es, audience_es, points, points_es):
    items = "".join(f"<li>{line}</li>" for line in points)
    items_es = "".join(f"<li>{line}</li>" for line in points_es)
    return Story(
        slug=f"taller-{slug}",
        kind=NOTICE,
        unit=unit,
        days_ago=days_ago,
        event_in=7,
        event_hours=(10, 12),
        image="casa-vila",
        tags=("tallers", "formació"),
        title=f"Taller gratuït: {topic}",
        summary=(
            f"Taller gratuït de dues hores {audience}. Es fa al Centre Cívic El Molí el {{event}}. "
            "Cal inscripció prèvia: les places són limitades."
        ),
        body=(
            f"<p>L'Ajuntament organitza el taller gratuït «{topic}», {audience}.</p>"
            f"<h2>Què hi aprendreu</h2><ul>{items}</ul>"
            "<p>Centre Cívic El Molí, {event}, {event_time}. Inscripcions al 938 000 021 o a "
            f'<a href="{WEB}/tallers">la pàgina de tallers</a>.</p>'
        ),
        title_es=f"Taller gratuito: {topic_es}",
        summary_es=(
            f"Taller gratuito de dos horas {audience_es}. Se hace en el Centro Cívico El Molí, el "
            "{event}. Es necesaria inscripción previa: las plazas son limitadas."
        ),
        body_es=(
            f"<p>El Ayuntamiento organiza el taller gratuito «{topic_es}», {audience_es}.</p>"
            f"<h2>Qué aprenderá</h2><ul>{items_es}</ul>"
            "<p>Centro Cívico El Molí, el {event}, {event_time}. Inscripciones en el 938 000 021 o en "
            f'<a href="{WEB}/tallers">la página de talleres</a>.</p>'
        ),
    )


def _plain(
    days_ago, slug, kind, unit, image, tags, title, summary, points, title_es="", summary_es="", points_es=()
):
    items = "".join(f"<li>{line}</li>" for line in points)
    items_es = "".join(f"<li>{line}</li>" for line in points_es)
    return Story(
        slug=slug,
        kind=kind,
        unit=unit,
        days_ago=days_ago,
        image=image,
        event_in=4,
        event_hours=(10, 13),
        tags=tags,
        title=title,
        summary=summary,
        body=(
            f"<p>{summary}</p><ul>{items}</ul>"
            f'<p>Més informació a <a href="{WEB}/{slug}">la pàgina de l\'activitat</a>.</p>'
        ),
        title_es=title_es,
        summary_es=summary_es,
        body_es=(
            f"<p>{summary_es}</p><ul>{items_es}</ul>"
            f'<p>Más información en <a href="{WEB}/{slug}">la página de la actividad</a>.</p>'
            if summary_es
            else ""
        ),
    )


ROUTINE = [
    _plenary(
        8,
        "la modificació de l'ordenança de civisme",
        "la modificación de la ordenanza de civismo",
        "civisme",
        "amb els vots a favor de tots els grups",
        "con los votos a favor de todos los grupos",
        [
            "El conveni amb el Consell Comarcal per al transport escolar.",
            "La moció per millorar el servei de rodalies.",
        ],
        [
            "El convenio con el Consejo Comarcal para el transporte escolar.",
            "La moción para mejorar el servicio de cercanías.",
        ],
    ),
    _plenary(
        36,
        "el conveni amb la Creu Roja per atendre les persones sense llar",
        "el convenio con Cruz Roja para atender a las personas sin hogar",
        "persones sense llar",
        "per unanimitat",
        "por unanimidad",
        [
            "La designació de les festes locals de l'any vinent.",
            "L'adhesió a la Xarxa de Ciutats i Pobles cap a la Sostenibilitat.",
            "La resposta a dues preguntes ciutadanes sobre mobilitat.",
        ],
        [
            "La designación de las fiestas locales del año que viene.",
            "La adhesión a la Red de Ciudades y Pueblos hacia la Sostenibilidad.",
            "La respuesta a dos preguntas ciudadanas sobre movilidad.",
        ],
    ),
    _plenary(
        66,
        "el Pla Local de Joventut 2027-2030",
        "el Plan Local de Juventud 2027-2030",
        "joventut",
        "amb 13 vots a favor i 4 abstencions",
        "con 13 votos a favor y 4 abstenciones",
        [
            "La modificació del reglament del Consell d'Infants.",
            "L'aprovació del compte general de l'exercici anterior.",
        ],
        [
            "La modificación del reglamento del Consejo de Niños.",
            "La aprobación de la cuenta general del ejercicio anterior.",
        ],
    ),
    _plenary(
        97,
        "la creació de la zona de baixes emissions",
        "la creación de la zona de bajas emisiones",
        "zona de baixes emissions",
        "amb 11 vots a favor i 6 en contra",
        "con 11 votos a favor y 6 en contra",
        [
            "La concessió de la medalla de la vila a l'Agrupació Sardanista.",
            "Una declaració institucional de suport al comerç local.",
        ],
        [
            "La concesión de la medalla de la villa a la Agrupació Sardanista.",
            "Una declaración institucional de apoyo al comercio local.",
        ],
    ),
    _traffic(
        5,
        "carrer-sant-pere",
        "al carrer de Sant Pere",
        "el carrer de Sant Pere",
        "obres d'asfaltatge",
        "pel carrer Nou i el carrer del Forn",
        "en la calle de Sant Pere",
        "la calle de Sant Pere",
        "obras de asfaltado",
        "la calle Nou y la calle del Forn",
    ),
    _traffic(
        17,
        "avinguda-catalunya",
        "a l'avinguda de Catalunya",
        "l'avinguda de Catalunya",
        "la poda dels plàtans",
        "per la ronda del Riu",
        "en la avenida de Catalunya",
        "la avenida de Catalunya",
        "la poda de los plátanos",
        "la ronda del Riu",
    ),
    _traffic(
        29,
        "carrer-del-forn",
        "al carrer del Forn",
        "el carrer del Forn",
        "la connexió d'una escomesa de gas",
        "pel carrer Major i la plaça del Mercat",
        "en la calle del Forn",
        "la calle del Forn",
        "la conexión de una acometida de gas",
        "la calle Major y la plaza del Mercat",
    ),
    _traffic(
        45,
        "placa-mercat",
        "a la plaça del Mercat",
        "la plaça del Mercat",
        "la renovació del paviment",
        "pel carrer de la Riera",
        "en la plaza del Mercat",
        "la plaza del Mercat",
        "la renovación del pavimento",
        "la calle de la Riera",
    ),
    _traffic(
        61,
        "carrer-de-la-riera",
        "al carrer de la Riera",
        "el carrer de la Riera",
        "la instal·lació de fibra òptica",
        "pel passeig del Riu",
        "en la calle de la Riera",
        "la calle de la Riera",
        "la instalación de fibra óptica",
        "el paseo del Riu",
    ),
    _traffic(
        88,
        "ronda-del-riu",
        "a la ronda del Riu",
        "la ronda del Riu",
        "la reparació d'un col·lector",
        "per l'avinguda de Catalunya",
        "en la ronda del Riu",
        "la ronda del Riu",
        "la reparación de un colector",
        "la avenida de Catalunya",
    ),
    _registration(
        11,
        "lliga-futbol-sala",
        "a la Lliga Municipal de Futbol Sala",
        "per a equips de majors de 16 anys",
        "180 euros per equip.",
        "en la Liga Municipal de Fútbol Sala",
        "para equipos de mayores de 16 años",
        "180 euros por equipo.",
    ),
    _registration(
        38,
        "natacio-hivern",
        "als cursos de natació d'hivern",
        "per a infants a partir de 3 anys i adults",
        "45 euros el trimestre.",
        "en los cursos de natación de invierno",
        "para niños a partir de 3 años y adultos",
        "45 euros el trimestre.",
    ),
    _registration(
        79,
        "escola-esportiva",
        "a l'Escola Esportiva Municipal",
        "per a nens i nenes de 6 a 12 anys",
        "90 euros el curs.",
        "en la Escuela Deportiva Municipal",
        "para niños y niñas de 6 a 12 años",
        "90 euros el curso.",
    ),
    _registration(
        110,
        "espai-jove-estiu",
        "a les activitats d'estiu de l'Espai Jove",
        "per a joves de 12 a 17 anys",
        "gratuïtes.",
        "en las actividades de verano del Espai Jove",
        "para jóvenes de 12 a 17 años",
        "gratuitas.",
        unit="joventut",
    ),
    _library(
        15,
        "hora-del-conte-angles",
        "La Biblioteca estrena una hora del conte en anglès",
        "Cada dimecres la Biblioteca oferirà contes en anglès per a infants de 3 a 6 anys, acompanyats "
        "d'una persona adulta.",
        ["Activitat gratuïta, amb inscripció.", "Aforament: 20 infants."],
    ),
    _library(
        47,
        "taller-genealogia",
        "Taller de genealogia: descobriu la història de la vostra família",
        "La Biblioteca i l'Arxiu Municipal ensenyen a buscar avantpassats en padrons, registres "
        "parroquials i arxius en línia.",
        ["Tres sessions de dues hores.", "Cal portar ordinador portàtil si en teniu."],
    ),
    _library(
        74,
        "trobada-nuria-casals",
        "Trobada amb l'escriptora Núria Casals al club de lectura",
        "L'autora de «La casa del riu» parlarà amb els lectors del club sobre la novel·la, ambientada en "
        "les antigues fàbriques tèxtils del poble.",
        ["Oberta a tothom, no cal haver llegit el llibre.", "Hi haurà signatura d'exemplars."],
    ),
    _library(
        101,
        "competencies-digitals-gent-gran",
        "Curs de competències digitals per a gent gran",
        "Aprendre a fer videotrucades, demanar cita al metge i fer tràmits en línia amb el mòbil, en "
        "grups reduïts i amb molta paciència.",
        ["Quatre sessions.", "Grups de vuit persones com a màxim."],
    ),
    _workshop(
        21,
        "tramits-digitals",
        "atencio-ciutadana",
        "Fes els teus tràmits en línia",
        "per a tothom",
        "Haz tus trámites en línea",
        "para todo el mundo",
        ["Com obtenir l'idCAT Mòbil.", "Com demanar un volant de padró.", "Com pagar un rebut en línia."],
        [
            "Cómo obtener el idCAT Mòbil.",
            "Cómo pedir un volante de padrón.",
            "Cómo pagar un recibo en línea.",
        ],
    ),
    _workshop(
        55,
        "estalvi-energetic",
        "medi-ambient",
        "Estalvi energètic a casa",
        "per a famílies",
        "Ahorro energético en casa",
        "para familias",
        [
            "Entendre la factura de la llum.",
            "Petits canvis que estalvien diners.",
            "Ajuts per millorar l'aïllament.",
        ],
        [
            "Entender la factura de la luz.",
            "Pequeños cambios que ahorran dinero.",
            "Ayudas para mejorar el aislamiento.",
        ],
    ),
    _workshop(
        83,
        "primers-auxilis",
        "serveis-socials",
        "Primers auxilis per a famílies",
        "per a mares, pares i cuidadors",
        "Primeros auxilios para familias",
        "para madres, padres y cuidadores",
        ["Què fer en cas d'ennuegament.", "Com actuar davant d'una cremada.", "Quan cal trucar al 112."],
        [
            "Qué hacer en caso de atragantamiento.",
            "Cómo actuar ante una quemadura.",
            "Cuándo hay que llamar al 112.",
        ],
    ),
    _workshop(
        113,
        "orientacio-laboral",
        "joventut",
        "Busca feina amb èxit",
        "per a joves de 16 a 29 anys",
        "Busca trabajo con éxito",
        "para jóvenes de 16 a 29 años",
        [
            "Com fer un currículum que funcioni.",
            "Com preparar una entrevista.",
            "Recursos de la Garantia Juvenil.",
        ],
        [
            "Cómo hacer un currículum que funcione.",
            "Cómo preparar una entrevista.",
            "Recursos de la Garantía Juvenil.",
        ],
    ),
    _plain(
        25,
        "compra-a-vilanova",
        PRESS,
        "comerc-turisme",
        "mercat",
        ("comerç", "campanyes"),
        "La campanya «Compra a Vilanova» reparteix 20.000 euros en vals de descompte",
        "Per cada compra de més de 20 euros als comerços adherits rebreu un val de 5 euros per gastar "
        "en qualsevol altre comerç del poble.",
        ["Hi participen 112 comerços.", "Els vals es poden fer servir fins a final de mes."],
        "La campaña «Compra en Vilanova» reparte 20.000 euros en vales de descuento",
        "Por cada compra de más de 20 euros en los comercios adheridos recibirá un vale de 5 euros para "
        "gastar en cualquier otro comercio del pueblo.",
        ["Participan 112 comercios.", "Los vales se pueden usar hasta final de mes."],
    ),
    _plain(
        59,
        "fira-de-tardor",
        PRESS,
        "comerc-turisme",
        "mercat",
        ("comerç", "fira", "tardor"),
        "La Fira de Tardor omple el centre de castanyes, bolets i producte de proximitat",
        "Més de 50 productors de la comarca participen en la Fira de Tardor, que inclou una mostra de "
        "bolets i tallers de cuina per a infants.",
        ["Dissabte i diumenge, de 10 a 20 h.", "Plaça de la Vila i carrer Major."],
    ),
    _plain(
        92,
        "mercat-segona-ma",
        NOTICE,
        "comerc-turisme",
        "mercat",
        ("comerç", "reutilització"),
        "Torna el mercat de segona mà al passeig del Riu",
        "Qualsevol veí pot vendre o intercanviar roba, llibres i joguines que ja no fa servir. Les "
        "parades són gratuïtes però cal reservar-les.",
        ["Reserva de parada a l'OAC.", "Prohibida la venda de productes nous."],
    ),
    _plain(
        115,
        "ruta-de-la-tapa",
        PRESS,
        "comerc-turisme",
        "mercat",
        ("comerç", "gastronomia"),
        "La Ruta de la Tapa reuneix 18 bars i restaurants",
        "Durant dues setmanes, 18 establiments ofereixen una tapa i una beguda per 3,5 euros. El públic "
        "votarà la millor tapa.",
        ["Butlleta de votació als establiments.", "Sorteig de sopars entre els participants."],
        "La Ruta de la Tapa reúne a 18 bares y restaurantes",
        "Durante dos semanas, 18 establecimientos ofrecen una tapa y una bebida por 3,5 euros. El público "
        "votará la mejor tapa.",
        ["Papeleta de votación en los establecimientos.", "Sorteo de cenas entre los participantes."],
    ),
    _plain(
        31,
        "neteja-del-riu",
        PRESS,
        "medi-ambient",
        "riu",
        ("medi ambient", "voluntariat", "riu"),
        "Més de 200 voluntaris netegen les ribes del riu",
        "La jornada de neteja del riu ha retirat 1,2 tones de residus de les ribes, sobretot plàstics, "
        "llaunes i restes d'obra.",
        ["Hi han participat 14 entitats i 3 escoles.", "La propera jornada serà a la primavera."],
        "Más de 200 voluntarios limpian las orillas del río",
        "La jornada de limpieza del río ha retirado 1,2 toneladas de residuos de las orillas, sobre todo "
        "plásticos, latas y restos de obra.",
        ["Han participado 14 entidades y 3 escuelas.", "La próxima jornada será en primavera."],
    ),
    _plain(
        68,
        "compost-gratuit",
        NOTICE,
        "medi-ambient",
        "parc",
        ("residus", "compost"),
        "Repartiment gratuït de compost a la deixalleria",
        "El compost fet amb la brossa orgànica del poble es reparteix gratuïtament: fins a 50 litres per "
        "persona. Porteu el vostre recipient.",
        ["Dissabte, de 9 a 13 h.", "Cal mostrar el DNI o el certificat d'empadronament."],
        "Reparto gratuito de compost en el punto limpio",
        "El compost hecho con la basura orgánica del pueblo se reparte gratuitamente: hasta 50 litros por "
        "persona. Traiga su recipiente.",
        ["Sábado, de 9 a 13 h.", "Hay que mostrar el DNI o el certificado de empadronamiento."],
    ),
    _plain(
        76,
        "deixalleria-mobil",
        NOTICE,
        "medi-ambient",
        "parc",
        ("residus", "deixalleria"),
        "La deixalleria mòbil passa pels barris cada setmana",
        "Si no teniu cotxe, podeu portar piles, olis, petits electrodomèstics i bombetes a la deixalleria "
        "mòbil, que cada dimarts visita un barri diferent.",
        [
            "Primer dimarts: el Molí.",
            "Segon: l'Eixample.",
            "Tercer: centre històric.",
            "Quart: urbanitzacions.",
        ],
        "El punto limpio móvil pasa por los barrios cada semana",
        "Si no tiene coche, puede llevar pilas, aceites, pequeños electrodomésticos y bombillas al punto "
        "limpio móvil, que cada martes visita un barrio diferente.",
        [
            "Primer martes: el Molí.",
            "Segundo: el Eixample.",
            "Tercero: centro histórico.",
            "Cuarto: urbanizaciones.",
        ],
    ),
    _plain(
        107,
        "plantada-arbres",
        PRESS,
        "medi-ambient",
        "parc",
        ("medi ambient", "arbres", "voluntariat"),
        "Les escoles planten 300 arbres al nou parc de la Riera",
        "Alumnes de les quatre escoles del poble han plantat alzines, freixes i oms al nou parc de la "
        "Riera, que tindrà 4 hectàrees de zona verda.",
        ["Cada classe apadrina un arbre.", "El parc s'obrirà al públic a la primavera."],
    ),
    _plain(
        112,
        "mosquit-tigre",
        COMMUNIQUE,
        "medi-ambient",
        "parc",
        ("salut", "mosquit tigre"),
        "Consells per evitar el mosquit tigre a casa",
        "El mosquit tigre es reprodueix en petites quantitats d'aigua estancada. Buidar plats de testos, "
        "galledes i joguines un cop per setmana és la millor prevenció.",
        [
            "Tapeu els dipòsits d'aigua.",
            "Renoveu l'aigua dels animals cada dia.",
            "Aviseu l'Ajuntament si detecteu un focus a la via pública.",
        ],
        "Consejos para evitar el mosquito tigre en casa",
        "El mosquito tigre se reproduce en pequeñas cantidades de agua estancada. Vaciar platos de macetas, "
        "cubos y juguetes una vez por semana es la mejor prevención.",
        [
            "Tape los depósitos de agua.",
            "Renueve el agua de los animales cada día.",
            "Avise al Ayuntamiento si detecta un foco en la vía pública.",
        ],
    ),
]
