"""An association proposes an event in a real browser, an editor approves it
in the back-office, and nothing reaches the public agenda before the
publishing workflow; the institutional agenda's pages pass axe-core too."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from axe_playwright_python.sync_playwright import Axe

from agenda.models import Event, EventProposal, ProposalState
from comunicacio.publishing.models import Status
from institutional.models import Holder, InstitutionalEntry
from tests.factories import ensure_audiences, make_user, make_venue, png_bytes
from tests.support.browser import AXE_OPTIONS, PAGE_FACTS_JS

pytestmark = pytest.mark.browser

MADRID = ZoneInfo("Europe/Madrid")
PASSWORD = "contrasenya-prova"
TITLE = "Cinema a la fresca al parc del Molí"


def assert_accessible(session, status: int = 200) -> None:
    facts = session.page.evaluate(PAGE_FACTS_JS)
    assert facts["h1"] == 1 and facts["duplicateIds"] == []
    assert facts["inlineStyles"] == 0 and facts["inlineScripts"] == 0
    assert session.csp_violations() == []
    results = Axe().run(session.page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_entity_proposes_and_editor_approves(open_session, roles_ready, tmp_path):
    # An earlier transactional test's flush empties the audiences table that
    # a data migration fills.
    ensure_audiences()
    poster = tmp_path / "cartell.png"
    poster.write_bytes(png_bytes())
    editor = make_user("editor", username="redactora")
    park = make_venue("Parc del Molí", address="Camí del Molí, s/n")
    citizen = open_session()
    page = citizen.page

    with time_machine.travel(datetime(2026, 6, 1, 10, 0, tzinfo=MADRID), tick=True) as clock:
        citizen.goto("/ca/agenda/proposa/")
        assert_accessible(citizen)

        # Sent empty: the error summary is announced and links to the fields.
        clock.shift(timedelta(seconds=30))
        page.get_by_role("button", name="Envia la proposta").click()
        page.wait_for_load_state("load")
        summary = page.get_by_role("alert")
        assert "Indiqueu el títol." in summary.inner_text()
        assert_accessible(citizen)

        page.get_by_label("Nom i cognoms").fill("Núria Ferrer")
        page.get_by_label("Entitat o associació").fill("Associació Cultural del Molí")
        page.get_by_label("Correu electrònic").fill("nuria@entitat.example")
        page.get_by_label("Títol de l'activitat").fill(TITLE)
        page.get_by_label("Resum").fill("Projecció d'una pel·lícula familiar a l'aire lliure.")
        page.get_by_label("Categoria").select_option(label="Cultura")
        page.get_by_label("Famílies").check()
        page.get_by_label("Data d'inici").fill("2026-07-10")
        page.get_by_label("Hora d'inici").fill("21:30")
        page.get_by_label("Hora de fi").fill("23:30")
        page.get_by_label("Lloc").fill("Parc del Molí")
        page.get_by_label("Imatge (opcional)").set_input_files(str(poster))
        page.get_by_label("Què mostra la imatge").fill("Cartell amb una pantalla al parc")
        page.get_by_label("Accepto que l'Ajuntament").check()
        # The honeypot is not reachable by keyboard nor seen by assistive tech.
        assert page.locator("#id_website").get_attribute("tabindex") == "-1"
        clock.shift(timedelta(minutes=3))  # the time a person takes to fill it in
        page.get_by_role("button", name="Envia la proposta").click()
        page.wait_for_url("**/agenda/proposa/gracies/")
        assert_accessible(citizen)

    proposal = EventProposal.objects.get()
    assert proposal.state == ProposalState.PENDING and proposal.image

    # --- the editor approves it in the moderation queue -------------------------
    office = open_session()
    office.goto("/admin/login/?next=/admin/")
    office.page.get_by_label("Nom d'usuari").fill(editor.username)
    office.page.get_by_label("Contrasenya").fill(PASSWORD)
    office.page.get_by_role("button", name="Iniciar sessió").click()
    office.page.wait_for_url("**/admin/")
    office.goto("/admin/agenda/eventproposal/")
    # From the queue to the proposal's own page, and approve it there.
    office.page.get_by_role("link", name=TITLE).click()
    office.page.wait_for_url(f"**/admin/agenda/eventproposal/{proposal.pk}/change/")
    office.page.get_by_role("link", name="Aprova: crea una activitat en revisió").click()
    office.page.wait_for_url(f"**/admin/agenda/eventproposal/{proposal.pk}/aprova/")
    # The free-text place is matched to the known venue, offered first.
    assert office.page.get_by_label("Parc del Molí").is_checked()
    assert office.page.get_by_label("Envia un correu a qui ha fet la proposta").is_checked()
    assert_accessible(office)
    office.page.get_by_role("button", name="Aprova: crea una activitat en revisió").click()
    office.page.wait_for_url("**/admin/agenda/event/*/change/")
    assert "aprovada" in office.page.locator(".messagelist").inner_text()

    event = Event.objects.get()
    assert event.status == Status.REVIEW and event.title == TITLE
    assert event.venue == park
    assert event.image is not None
    # Nothing public yet: the draft is not on the agenda.
    citizen.goto("/ca/agenda/")
    assert TITLE not in page.content()
    citizen.goto(f"/ca/agenda/activitat/{event.slug}/", expected_status=404)


# Thursday 26 November 2026, 12:00: the clock starts there and ticks, so the
# entries below are past and upcoming whatever the date the suite runs on.
INSTITUTIONAL_NOW = datetime(2026, 11, 26, 12, 0, tzinfo=MADRID)


@time_machine.travel(INSTITUTIONAL_NOW, tick=True)
def test_institutional_agenda_pages_are_accessible(open_session, transactional_db):
    now = INSTITUTIONAL_NOW
    mayor = Holder.objects.create(name="Anna Puig", position="Alcaldessa", slug="anna-puig")
    past = InstitutionalEntry.objects.create(
        holder=mayor,
        start=now - timedelta(days=40),
        subject="Reunió amb l'Associació de Comerciants",
        place="Sala de Plens",
        participants="Junta de l'associació",
        interest_groups="Associació de Comerciants",
        interest_group_register="GI-0042",
        status=Status.PUBLISHED,
        publish_at=now - timedelta(days=60),
    )
    InstitutionalEntry.objects.create(
        holder=mayor,
        start=now + timedelta(days=2),
        subject="Visita a l'escola del Molí",
        status=Status.PUBLISHED,
        publish_at=now - timedelta(days=1),
    )
    session = open_session()
    for path, status in [
        ("/ca/agenda-institucional/", 200),
        ("/ca/agenda-institucional/?holder=anna-puig", 200),
        ("/ca/agenda-institucional/?date_from=ahir", 400),
        ("/ca/agenda-institucional/arxiu/", 200),
        ("/ca/agenda-institucional/arxiu/2026/10/", 200),
        (past.get_absolute_url(), 200),
    ]:
        session.goto(path, expected_status=status)
        assert_accessible(session, status)
