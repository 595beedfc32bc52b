"""Institutional pages of the demo site: accessibility statement, legal notice
and privacy policy, in Catalan with a Spanish translation."""

from comunicacio.pages import SitePage

ACCESSIBILITY_CA = """
<p>L'Ajuntament de Vilanova del Riu s'ha compromès a fer accessible el seu lloc web, de conformitat amb
el Reial decret 1112/2018, de 7 de setembre, sobre accessibilitat dels llocs web i aplicacions per a
dispositius mòbils del sector públic, que transposa la Directiva (UE) 2016/2102 del Parlament Europeu i
del Consell.</p>
<p>Aquesta declaració d'accessibilitat s'aplica al lloc web municipal i a les seves pàgines de notícies,
avisos, agenda i sala de premsa.</p>
<h2>Situació de compliment</h2>
<p>Aquest lloc web és <strong>parcialment conforme</strong> amb la norma UNE-EN 301549:2022 i amb el
nivell AA de les Pautes d'Accessibilitat per al Contingut Web (WCAG) 2.1, a causa de les excepcions i
de la manca de conformitat dels aspectes que s'indiquen a continuació.</p>
<h2>Contingut no accessible</h2>
<h3>Manca de conformitat amb el Reial decret 1112/2018</h3>
<ul>
<li>Alguns documents PDF antics publicats com a adjunts no tenen etiquetes d'estructura ni ordre de
lectura definit (requisit 10.1.3.1 de la UNE-EN 301549:2022; criteri 1.3.1 de les WCAG 2.1).</li>
<li>Algunes imatges anteriors a 2024 no disposen d'un text alternatiu prou descriptiu (criteri 1.1.1).</li>
</ul>
<h3>Càrrega desproporcionada</h3>
<p>No s'hi invoca cap càrrega desproporcionada.</p>
<h3>Contingut que no entra en l'àmbit de la legislació aplicable</h3>
<ul>
<li>Documents ofimàtics publicats abans del 20 de setembre de 2018.</li>
<li>Continguts de tercers que no estan finançats ni desenvolupats per l'Ajuntament ni sota el seu
control.</li>
</ul>
<h2>Preparació d'aquesta declaració</h2>
<p>Aquesta declaració es va preparar el 15 de gener de 2026 a partir d'una autoavaluació feta pel
mateix Ajuntament, amb proves automàtiques (axe-core) i revisió manual amb teclat i lector de
pantalla. Es va revisar per darrera vegada el 15 de gener de 2026.</p>
<h2>Observacions i dades de contacte</h2>
<p>Podeu fer comunicacions sobre requisits d'accessibilitat (article 10.2.a del Reial decret
1112/2018), com ara:</p>
<ul>
<li>informar sobre qualsevol possible incompliment per part d'aquest lloc web;</li>
<li>transmetre altres dificultats d'accés al contingut;</li>
<li>formular qualsevol altra consulta o suggeriment de millora sobre l'accessibilitat del lloc web.</li>
</ul>
<p>Per correu electrònic a <a href="mailto:web@vilanovadelriu.cat.example">web@vilanovadelriu.cat.example</a>,
per telèfon al 938 000 012 o presencialment a l'Oficina d'Atenció Ciutadana (carrer Major, 12).</p>
<p>Les comunicacions rebudes es respondran en el termini màxim d'un mes.</p>
<h2>Procediment d'aplicació</h2>
<p>El procediment de reclamació recollit a l'article 13 del Reial decret 1112/2018 està disponible a
la seu electrònica de l'Ajuntament. Si, un cop feta una sol·licitud d'informació accessible o una
queixa, la resposta no ha estat satisfactòria, podeu presentar una reclamació.</p>
<h2>Contingut opcional</h2>
<p>El lloc web no fa cap petició a servidors de tercers (ni tipografies, ni estadístiques, ni xarxes
socials), es pot fer servir només amb el teclat, té un enllaç per saltar al contingut principal i
indica l'idioma de cada pàgina.</p>
"""

ACCESSIBILITY_ES = """
<p>El Ayuntamiento de Vilanova del Riu se ha comprometido a hacer accesible su sitio web, de
conformidad con el Real Decreto 1112/2018, de 7 de septiembre, sobre accesibilidad de los sitios web y
aplicaciones para dispositivos móviles del sector público, que transpone la Directiva (UE) 2016/2102
del Parlamento Europeo y del Consejo.</p>
<p>La presente declaración de accesibilidad se aplica al sitio web municipal y a sus páginas de
noticias, avisos, agenda y sala de prensa.</p>
<h2>Situación de cumplimiento</h2>
<p>Este sitio web es <strong>parcialmente conforme</strong> con la norma UNE-EN 301549:2022 y con el
nivel AA de las Pautas de Accesibilidad para el Contenido Web (WCAG) 2.1, debido a las excepciones y a
la falta de conformidad de los aspectos que se indican a continuación.</p>
<h2>Contenido no accesible</h2>
<h3>Falta de conformidad con el Real Decreto 1112/2018</h3>
<ul>
<li>Algunos documentos PDF antiguos publicados como adjuntos no tienen etiquetas de estructura ni orden
de lectura definido (requisito 10.1.3.1 de la UNE-EN 301549:2022; criterio 1.3.1 de las WCAG 2.1).</li>
<li>Algunas imágenes anteriores a 2024 no disponen de un texto alternativo suficientemente descriptivo
(criterio 1.1.1).</li>
</ul>
<h3>Carga desproporcionada</h3>
<p>No se invoca ninguna carga desproporcionada.</p>
<h3>Contenido no sujeto a la legislación aplicable</h3>
<ul>
<li>Documentos ofimáticos publicados antes del 20 de septiembre de 2018.</li>
<li>Contenidos de terceros que no están financiados ni desarrollados por el Ayuntamiento ni bajo su
control.</li>
</ul>
<h2>Preparación de la presente declaración</h2>
<p>La presente declaración fue preparada el 15 de enero de 2026 mediante una autoevaluación llevada a
cabo por el propio Ayuntamiento, con pruebas automáticas (axe-core) y revisión manual con teclado y
lector de pantalla. Se revisó por última vez el 15 de enero de 2026.</p>
<h2>Observaciones y datos de contacto</h2>
<p>Puede realizar comunicaciones sobre requisitos de accesibilidad (artículo 10.2.a del Real Decreto
1112/2018), como por ejemplo:</p>
<ul>
<li>informar sobre cualquier posible incumplimiento por parte de este sitio web;</li>
<li>transmitir otras dificultades de acceso al contenido;</li>
<li>formular cualquier otra consulta o sugerencia de mejora relativa a la accesibilidad del sitio web.</li>
</ul>
<p>Por correo electrónico a
<a href="mailto:web@vilanovadelriu.cat.example">web@vilanovadelriu.cat.example</a>, por teléfono
al 938 000 012 o presencialmente en la Oficina de Atención Ciudadana (calle Major, 12).</p>
<p>Las comunicaciones recibidas se responderán en el plazo máximo de un mes.</p>
<h2>Procedimiento de aplicación</h2>
<p>El procedimiento de reclamación recogido en el artículo 13 del Real Decreto 1112/2018 está
disponible en la sede electrónica del Ayuntamiento. Si, una vez realizada una solicitud de información
accesible o una queja, la respuesta no ha sido satisfactoria, puede presentar una reclamación.</p>
<h2>Contenido opcional</h2>
<p>El sitio web no realiza ninguna petición a servidores de terceros (ni tipografías, ni estadísticas,
ni redes sociales), se puede utilizar solo con el teclado, tiene un enlace para saltar al contenido
principal e indica el idioma de cada página.</p>
"""

LEGAL_CA = """
<h2>Titularitat del lloc web</h2>
<p>En compliment de l'article 10 de la Llei 34/2002, d'11 de juliol, de serveis de la societat de la
informació i de comerç electrònic, s'informa que aquest lloc web és titularitat de l'Ajuntament de
Vilanova del Riu, amb seu a la plaça de la Vila, 1, 08799 Vilanova del Riu, NIF P0899900A, correu
electrònic <a href="mailto:ajuntament@vilanovadelriu.cat.example">ajuntament@vilanovadelriu.cat.example</a>
i telèfon 938 000 000.</p>
<h2>Condicions d'ús</h2>
<p>L'accés al web és lliure i gratuït. La informació que s'hi publica té caràcter informatiu; en cas de
discrepància, preval el text publicat als diaris oficials o a la seu electrònica.</p>
<h2>Propietat intel·lectual i reutilització</h2>
<p>Els continguts d'aquest web es poden reutilitzar lliurement, d'acord amb la Llei 37/2007 sobre
reutilització de la informació del sector públic, sempre que se'n citi la font, no se'n desnaturalitzi
el sentit i s'indiqui la data de la darrera actualització. Les imatges tenen l'autoria indicada al peu.</p>
<h2>Enllaços externs</h2>
<p>L'Ajuntament no es fa responsable del contingut dels llocs web de tercers als quals s'enllaça.</p>
"""

LEGAL_ES = """
<h2>Titularidad del sitio web</h2>
<p>En cumplimiento del artículo 10 de la Ley 34/2002, de 11 de julio, de servicios de la sociedad de la
información y de comercio electrónico, se informa de que este sitio web es titularidad del Ayuntamiento
de Vilanova del Riu, con sede en la plaza de la Vila, 1, 08799 Vilanova del Riu, NIF P0899900A, correo
electrónico <a href="mailto:ajuntament@vilanovadelriu.cat.example">ajuntament@vilanovadelriu.cat.example</a>
y teléfono 938 000 000.</p>
<h2>Condiciones de uso</h2>
<p>El acceso al web es libre y gratuito. La información publicada tiene carácter informativo; en caso de
discrepancia, prevalece el texto publicado en los diarios oficiales o en la sede electrónica.</p>
<h2>Propiedad intelectual y reutilización</h2>
<p>Los contenidos de este web pueden reutilizarse libremente, de acuerdo con la Ley 37/2007 sobre
reutilización de la información del sector público, siempre que se cite la fuente, no se desnaturalice
su sentido y se indique la fecha de la última actualización. Las imágenes tienen la autoría indicada al
pie.</p>
<h2>Enlaces externos</h2>
<p>El Ayuntamiento no se hace responsable del contenido de los sitios web de terceros enlazados.</p>
"""

PRIVACY_CA = """
<p>L'Ajuntament de Vilanova del Riu tracta les dades personals d'acord amb el Reglament (UE) 2016/679
del Parlament Europeu i del Consell, de 27 d'abril de 2016 (Reglament general de protecció de dades,
RGPD), i la Llei orgànica 3/2018, de 5 de desembre, de protecció de dades personals i garantia dels
drets digitals.</p>
<h2>Responsable del tractament</h2>
<p>Ajuntament de Vilanova del Riu, plaça de la Vila, 1, 08799 Vilanova del Riu. Delegat de protecció de
dades: <a href="mailto:dpd@vilanovadelriu.cat.example">dpd@vilanovadelriu.cat.example</a>.</p>
<h2>Quines dades tractem i per a què</h2>
<ul>
<li><strong>Subscripcions a butlletins:</strong> l'adreça electrònica, per enviar-vos el butlletí que
heu demanat. Base jurídica: el vostre consentiment (art. 6.1.a RGPD).</li>
<li><strong>Llistes de mitjans de comunicació:</strong> nom, mitjà i contacte professional dels
periodistes, per enviar notes de premsa. Base jurídica: interès públic (art. 6.1.e RGPD).</li>
<li><strong>Consultes i suggeriments:</strong> les dades que ens faciliteu, per respondre-us.</li>
</ul>
<h2>Galetes i analítica</h2>
<p>Aquest web només fa servir les galetes tècniques imprescindibles (sessió i protecció CSRF) i no
utilitza galetes d'analítica ni de tercers.</p>
<h2>Conservació i destinataris</h2>
<p>Conservem les dades mentre duri la finalitat per a la qual es van recollir i el temps necessari per
complir obligacions legals. No les cedim a tercers, llevat d'obligació legal.</p>
<h2>Els vostres drets</h2>
<p>Podeu exercir els drets d'accés, rectificació, supressió, oposició, limitació del tractament i
portabilitat a la seu electrònica o a l'Oficina d'Atenció Ciutadana. Si considereu que no s'han
atès correctament, podeu reclamar davant l'Autoritat Catalana de Protecció de Dades
(<a href="https://apdcat.gencat.cat">apdcat.gencat.cat</a>).</p>
"""

PRIVACY_ES = """
<p>El Ayuntamiento de Vilanova del Riu trata los datos personales de acuerdo con el Reglamento (UE)
2016/679 del Parlamento Europeo y del Consejo, de 27 de abril de 2016 (Reglamento general de protección
de datos, RGPD), y la Ley Orgánica 3/2018, de 5 de diciembre, de protección de datos personales y
garantía de los derechos digitales.</p>
<h2>Responsable del tratamiento</h2>
<p>Ayuntamiento de Vilanova del Riu, plaza de la Vila, 1, 08799 Vilanova del Riu. Delegado de protección
de datos: <a href="mailto:dpd@vilanovadelriu.cat.example">dpd@vilanovadelriu.cat.example</a>.</p>
<h2>Qué datos tratamos y para qué</h2>
<ul>
<li><strong>Suscripciones a boletines:</strong> la dirección electrónica, para enviarle el boletín que ha
solicitado. Base jurídica: su consentimiento (art. 6.1.a RGPD).</li>
<li><strong>Listas de medios de comunicación:</strong> nombre, medio y contacto profesional de los
periodistas, para enviar notas de prensa. Base jurídica: interés público (art. 6.1.e RGPD).</li>
<li><strong>Consultas y sugerencias:</strong> los datos que nos facilite, para responderle.</li>
</ul>
<h2>Cookies y analítica</h2>
<p>Este web solo utiliza las cookies técnicas imprescindibles (sesión y protección CSRF) y no utiliza
cookies de analítica ni de terceros.</p>
<h2>Conservación y destinatarios</h2>
<p>Conservamos los datos mientras dure la finalidad para la que se recogieron y el tiempo necesario para
cumplir obligaciones legales. No los cedemos a terceros, salvo obligación legal.</p>
<h2>Sus derechos</h2>
<p>Puede ejercer los derechos de acceso, rectificación, supresión, oposición, limitación del tratamiento
y portabilidad en la sede electrónica o en la Oficina de Atención Ciudadana. Si considera que no han
sido atendidos correctamente, puede reclamar ante la Autoritat Catalana de Protecció de Dades
(<a href="https://apdcat.gencat.cat">apdcat.gencat.cat</a>).</p>
"""

PAGES = [
    (
        "declaracio-accessibilitat",
        "Declaració d'accessibilitat",
        "Declaración de accesibilidad",
        ACCESSIBILITY_CA,
        ACCESSIBILITY_ES,
    ),
    ("avis-legal", "Avís legal", "Aviso legal", LEGAL_CA, LEGAL_ES),
    ("privacitat", "Política de privacitat", "Política de privacidad", PRIVACY_CA, PRIVACY_ES),
]


def load() -> list[SitePage]:
    """Create the pages that are missing; edited pages are left as they are."""
    pages = []
    for slug, title, title_es, body, body_es in PAGES:
        page, _ = SitePage.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "title_es": title_es,
                "body": " ".join(body.split()),
                "body_es": " ".join(body_es.split()),
                "show_in_footer": True,
            },
        )
        pages.append(page)
    return pages
