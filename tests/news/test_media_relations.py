"""Media relations: journalists, distribution lists, the CSV import, the press
note email and its sending in batches (through a real SMTP conversation with
the aiosmtpd sink), unsubscribing, bounces, and what the press room shows."""

import re
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy

import pytest
import time_machine
from django.core import mail, signing
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.utils import timezone

from comunicacio.mail.bounces import process_maildir
from comunicacio.publishing import effects, workflow
from comunicacio.publishing.models import Effect, Transition
from news import actions
from news.models import Attachment, Kind, NewsItem, Status
from news.press import sending as press_sending
from news.press.contact_import import ImportFileError, import_contacts
from news.press.mail import build_message, contact_id_from_token, unsubscribe_token
from news.press.models import (
    Beat,
    DistributionList,
    MediaContact,
    PressDelivery,
    PressDistribution,
)
from tests.factories import make_live_news, make_user
from tests.support.smtp_sink import SmtpSink

pytestmark = pytest.mark.django_db

PRESS_ROOM = "/ca/noticies/sala-de-premsa/"


# --- helpers ---------------------------------------------------------------------------
def make_contact(name="Laia Puig", email=None, language="ca", lists=(), **fields) -> MediaContact:
    email = email or f"{name.split()[0].lower()}@diari.example"
    contact = MediaContact.objects.create(name=name, email=email, language=language, **fields)
    for distribution_list in lists:
        distribution_list.contacts.add(contact)
    return contact


def draft_press_note(unit, **fields) -> NewsItem:
    fields.setdefault("title", "L'Ajuntament obre la biblioteca de l'Estació")
    fields.setdefault("title_es", "El Ayuntamiento abre la biblioteca de la Estación")
    fields.setdefault("status", Status.APPROVED)
    fields.setdefault("publish_at", None)
    return make_live_news(unit, **fields)


def distribute(item, *lists, attach_files=False) -> PressDistribution:
    distribution = PressDistribution.objects.create(news=item, attach_files=attach_files)
    distribution.lists.set(lists)
    return distribution


def states(item) -> dict[str, str]:
    return dict(
        PressDelivery.objects.filter(distribution__news=item).values_list("email", "state").order_by("email")
    )


@pytest.fixture
def press_list():
    return DistributionList.objects.create(name="Premsa local")


@pytest.fixture
def smtp(settings):
    """Django's SMTP backend talking to a real local SMTP server."""
    sink = SmtpSink().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield sink
    sink.stop()


class RcptRefusingSink(SmtpSink):
    """A sink that refuses some recipients at RCPT time."""

    refused: dict[str, str] = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return self.refused[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"


# --- models ------------------------------------------------------------------------------
class TestModels:
    def test_email_is_unique_whatever_its_case(self):
        make_contact(email="laia@diari.example")
        with pytest.raises(IntegrityError), transaction.atomic():
            MediaContact.objects.create(name="Una altra", email="LAIA@Diari.example")

    def test_the_form_validation_explains_the_duplicate(self):
        make_contact(email="laia@diari.example")
        duplicate = MediaContact(name="Una altra", email="Laia@diari.example")
        with pytest.raises(Exception) as error:
            duplicate.full_clean()
        assert "Ja hi ha un contacte amb aquest correu electrònic." in str(error.value)

    def test_unsubscribing_skips_the_pending_deliveries_and_is_idempotent(self, unit, press_list):
        contact = make_contact(lists=[press_list])
        item = draft_press_note(unit)
        distribution = distribute(item, press_list)
        press_sending.create_deliveries(distribution)

        assert contact.unsubscribe() is True
        assert contact.unsubscribe() is False

        delivery = PressDelivery.objects.get()
        assert (delivery.state, delivery.last_error) == (PressDelivery.State.SKIPPED, "Unsubscribed.")
        assert MediaContact.objects.subscribed().count() == 0


# --- the effects option --------------------------------------------------------------------
class TestEffectsWaitForEmbargo:
    @pytest.fixture
    def calls(self):
        calls = []
        effects.register("test.embargo-blind", events={effects.PUBLISHED}, wait_for_embargo=False)(
            lambda item, effect: calls.append(("blind", item.pk))
        )
        effects.register("test.embargo-aware", events={effects.PUBLISHED})(
            lambda item, effect: calls.append(("aware", item.pk))
        )
        yield calls
        del effects._handlers["test.embargo-blind"], effects._handlers["test.embargo-aware"]

    def test_only_handlers_that_opt_out_run_while_the_item_is_embargoed(self, calls, unit):
        now = timezone.now()
        item = make_live_news(
            unit, publish_at=now - timedelta(minutes=1), embargo_until=now + timedelta(hours=2)
        )
        item.publication = 1
        item.save()
        made = {}
        for handler in ("test.embargo-blind", "test.embargo-aware"):
            made[handler] = Effect.objects.create(
                target=item, handler=handler, key="published:1", due_at=now - timedelta(minutes=1)
            )

        assert effects.run(made["test.embargo-blind"].pk) == "done"
        assert effects.run(made["test.embargo-aware"].pk) == "postponed"

        assert calls == [("blind", item.pk)]
        made["test.embargo-aware"].refresh_from_db()
        assert made["test.embargo-aware"].due_at == item.embargo_until

    def test_an_opted_out_handler_still_waits_for_the_publish_time_and_skips_withdrawn_items(
        self, calls, unit
    ):
        now = timezone.now()
        item = make_live_news(unit, publish_at=now + timedelta(hours=1))
        item.publication = 1
        item.save()
        effect = Effect.objects.create(
            target=item, handler="test.embargo-blind", key="published:1", due_at=now
        )

        assert effects.run(effect.pk) == "postponed"
        effect.refresh_from_db()
        assert effect.due_at == item.publish_at

        NewsItem.objects.filter(pk=item.pk).update(status=Status.WITHDRAWN)
        with time_machine.travel(item.publish_at + timedelta(seconds=1)):
            assert effects.run(effect.pk) == "obsolete"
        assert calls == []


# --- publishing sends the note ----------------------------------------------------------------
class TestDistribution:
    def test_an_embargoed_note_goes_to_every_journalist_once_before_the_embargo_lifts(
        self, unit, publisher, press_list, eager_effects
    ):
        culture = DistributionList.objects.create(name="Cultura")
        laia = make_contact("Laia Puig", lists=[press_list, culture])
        pedro = make_contact("Pedro Gómez", language="es", lists=[culture])
        gone = make_contact("Joan Baix", lists=[press_list], unsubscribed_at=timezone.now())
        make_contact("Fora Llista")
        embargo = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)  # 10:30 in Madrid
        item = draft_press_note(unit, embargo_until=embargo)
        distribute(item, press_list, culture)

        with time_machine.travel(datetime(2026, 12, 2, 17, 0, tzinfo=UTC), tick=False):
            eager_effects(workflow.perform, item, "publish", publisher)
            assert not NewsItem.objects.visible().filter(pk=item.pk).exists()

        assert states(item) == {laia.email: "sent", pedro.email: "sent", gone.email: "skipped"}
        by_recipient = {message.to[0].rsplit("<")[-1].strip(">"): message for message in mail.outbox}
        assert len(mail.outbox) == 2 and all(len(message.to) == 1 for message in mail.outbox)
        catalan, spanish = by_recipient[laia.email], by_recipient[pedro.email]
        assert catalan.subject == "EMBARGAT FINS A 03/12/2026 10:30 h · " + item.title
        assert spanish.subject == "EMBARGADO HASTA 03/12/2026 10:30 h · " + item.title_es
        assert catalan.extra_headers["X-Embargo-Until"] == "2026-12-03T10:30:00+01:00"
        assert catalan.body.startswith("*** EMBARGAT FINS A 03/12/2026 10:30 h ***")
        html = catalan.alternatives[0][0]
        assert html.index("EMBARGAT FINS A 03/12/2026 10:30 h") < html.index("<h1")
        delivery = PressDelivery.objects.get(contact=laia)
        assert catalan.extra_headers["Message-ID"] == f"<press-{delivery.pk}@ajuntament.example>"
        assert delivery.message_id == catalan.extra_headers["Message-ID"]
        assert catalan.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        link = re.match(
            r"<http://127\.0\.0\.1:8000/ca/noticies/premsa/baixa/([^/]+)/>, ",
            catalan.extra_headers["List-Unsubscribe"],
        )
        assert contact_id_from_token(link[1]) == laia.pk
        assert re.search(r"/es/noticias/.*/([^/]+)/>, ", spanish.extra_headers["List-Unsubscribe"])
        assert "<mailto:premsa@ajuntament.example?subject=" in catalan.extra_headers["List-Unsubscribe"]
        assert catalan.from_email == f"premsa+{delivery.pk}@ajuntament.example"  # VERP envelope
        assert PressDistribution.objects.get(news=item).state == PressDistribution.State.DONE

        # A re-publication after a withdrawal sends nobody a second copy.
        eager_effects(workflow.perform, item, "withdraw", publisher)
        NewsItem.objects.filter(pk=item.pk).update(status=Status.APPROVED)
        eager_effects(workflow.perform, item, "publish", publisher)
        assert len(mail.outbox) == 2

    def test_a_note_without_embargo_has_a_plain_subject_and_no_embargo_header(
        self, unit, publisher, press_list, eager_effects
    ):
        make_contact(lists=[press_list])
        item = draft_press_note(unit)
        distribute(item, press_list)

        eager_effects(workflow.perform, item, "publish", publisher)

        (message,) = mail.outbox
        assert message.subject == item.title
        assert "X-Embargo-Until" not in message.extra_headers
        assert "EMBARG" not in message.body

    def test_notes_without_a_distribution_and_other_kinds_send_nothing(
        self, unit, publisher, press_list, eager_effects
    ):
        make_contact(lists=[press_list])
        communique = draft_press_note(unit, kind=Kind.COMMUNIQUE)
        distribute(communique, press_list)
        lonely = draft_press_note(unit, title="Sense llistes")

        eager_effects(workflow.perform, communique, "publish", publisher)
        eager_effects(workflow.perform, lonely, "publish", publisher)

        assert PressDelivery.objects.count() == 0
        assert [message.to for message in mail.outbox if message.to[0].endswith("diari.example")] == []

    def test_documents_are_attached_only_when_the_distribution_says_so(self, unit, press_list):
        make_contact(lists=[press_list])
        item = make_live_news(unit)
        Attachment.objects.create(
            news=item, title="Dossier", file=SimpleUploadedFile("dossier.pdf", b"%PDF-1.4 dossier")
        )
        distribution = distribute(item, press_list)
        press_sending.create_deliveries(distribution)
        delivery = PressDelivery.objects.select_related("distribution__news", "contact").get()

        linked = build_message(delivery)
        delivery.distribution.attach_files = True
        attached = build_message(delivery)

        assert linked.attachments == []
        assert "Dossier" in linked.body
        assert [name for name, content, mimetype in attached.attachments] == ["dossier.pdf"]
        assert attached.attachments[0][1] == b"%PDF-1.4 dossier"


# --- batches over a real SMTP conversation ------------------------------------------------------
class TestBatchesOverSmtp:
    def test_a_batch_sends_one_message_per_journalist_over_one_connection(
        self, smtp, unit, press_list, settings
    ):
        settings.PRESS_BATCH_SIZE = 3
        contacts = [
            make_contact(f"Periodista {n}", email=f"p{n}@diari.example", lists=[press_list]) for n in range(5)
        ]
        distribution = distribute(
            draft_press_note(unit, status=Status.PUBLISHED, publish_at=timezone.now()), press_list
        )
        press_sending.create_deliveries(distribution)

        first = press_sending.send_batch()
        second = press_sending.send_batch()
        third = press_sending.send_batch()

        assert (first.sent, second.sent, third.sent) == (3, 2, 0)
        # One SMTP session per batch that had something to send, not one per message.
        assert smtp.sessions == 2
        assert sorted(attempt.recipients[0] for attempt in smtp.attempts) == sorted(c.email for c in contacts)
        assert all(len(attempt.recipients) == 1 for attempt in smtp.attempts)
        message = smtp.delivered[0]
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["Precedence"] == "bulk"
        assert "Bcc" not in message and "Cc" not in message
        distribution.refresh_from_db()
        assert distribution.state == PressDistribution.State.DONE

    def test_permanent_refusals_are_recorded_and_temporary_ones_retried_later(
        self, settings, unit, press_list
    ):
        sink = RcptRefusingSink().start()
        sink.refused = {
            "fora@diari.example": "550 5.1.1 User unknown",
            "ple@diari.example": "452 4.2.2 Mailbox full",
        }
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
        try:
            for name in ("bo", "fora", "ple"):
                make_contact(name.capitalize(), email=f"{name}@diari.example", lists=[press_list])
            item = make_live_news(unit)
            press_sending.create_deliveries(distribute(item, press_list))
            moment = timezone.now()

            result = press_sending.send_batch()
        finally:
            sink.stop()

        assert (result.sent, result.refused, result.retried) == (1, 1, 1)
        assert states(item) == {
            "bo@diari.example": "sent",
            "fora@diari.example": "refused",
            "ple@diari.example": "pending",
        }
        refused = PressDelivery.objects.get(email="fora@diari.example")
        assert refused.last_error == "550 5.1.1 User unknown"
        retried = PressDelivery.objects.get(email="ple@diari.example")
        assert retried.attempts == 1 and "452" in retried.last_error
        assert moment + timedelta(seconds=15) <= retried.due_at <= timezone.now() + timedelta(seconds=30)
        assert not PressDelivery.objects.due().exists()

    def test_a_refusal_after_data_is_permanent_or_temporary_by_its_code(self, smtp, unit, press_list):
        make_contact(lists=[press_list])
        item = make_live_news(unit)
        press_sending.create_deliveries(distribute(item, press_list))

        smtp.refusal = "451 4.3.0 Try again later"
        assert press_sending.send_batch().retried == 1
        PressDelivery.objects.update(due_at=timezone.now())
        smtp.refusal = "554 5.7.1 Message rejected as spam"
        assert press_sending.send_batch().refused == 1

        delivery = PressDelivery.objects.get()
        assert (delivery.state, delivery.attempts) == ("refused", 2)
        assert delivery.last_error == "554 5.7.1 Message rejected as spam"
        # Every attempt carried the same Message-ID.
        assert len({attempt.message["Message-ID"] for attempt in smtp.attempts}) == 1

    def test_no_smtp_server_stops_the_batch_and_retries_later(self, settings, unit, press_list):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", SmtpSink().port  # nothing listens
        for n in range(3):
            make_contact(f"P {n}", email=f"p{n}@diari.example", lists=[press_list])
        press_sending.create_deliveries(distribute(make_live_news(unit), press_list))

        result = press_sending.send_batch()

        assert result.stopped and result.retried == 1 and result.sent == 0
        assert sorted(PressDelivery.objects.values_list("attempts", flat=True)) == [0, 0, 1]
        assert "ConnectionRefusedError" in PressDelivery.objects.get(attempts=1).last_error

    def test_a_withdrawn_note_is_not_sent_any_more(self, smtp, unit, press_list):
        make_contact(lists=[press_list])
        item = make_live_news(unit)
        press_sending.create_deliveries(distribute(item, press_list))
        NewsItem.objects.filter(pk=item.pk).update(status=Status.WITHDRAWN)

        assert press_sending.send_batch().skipped == 1
        assert smtp.attempts == []
        assert states(item) == {"laia@diari.example": "skipped"}


class TestPace:
    def test_the_next_batch_waits_what_the_rate_requires(self, settings):
        settings.PRESS_SEND_RATE_PER_MINUTE = 120  # two a second
        assert press_sending.next_batch_countdown(10, elapsed=1.0) == pytest.approx(4.0)
        assert press_sending.next_batch_countdown(10, elapsed=9.0) == 0

    def test_the_sweep_resumes_only_a_stalled_chain(self, unit, press_list, settings):
        settings.PUBLISHING_SWEEP_SECONDS = 15
        make_contact(lists=[press_list])
        press_sending.create_deliveries(distribute(make_live_news(unit), press_list))
        assert press_sending.needs_resume()

        PressDelivery.objects.update(last_attempt_at=timezone.now())
        assert not press_sending.needs_resume()
        with time_machine.travel(timezone.now() + press_sending.stale_after() + timedelta(seconds=1)):
            assert press_sending.needs_resume()


# --- unsubscribing ---------------------------------------------------------------------------------
class TestUnsubscribe:
    def url(self, contact_or_token) -> str:
        token = contact_or_token if isinstance(contact_or_token, str) else unsubscribe_token(contact_or_token)
        return f"/ca/noticies/premsa/baixa/{token}/"

    def test_get_only_asks_for_confirmation(self, client):
        contact = make_contact()
        response = client.get(self.url(contact))
        assert response.status_code == 200
        assert "Dona'm de baixa" in response.content.decode()
        assert contact.email in response.content.decode()
        assert "no-store" in response["Cache-Control"]
        contact.refresh_from_db()
        assert contact.unsubscribed_at is None

    def test_the_confirmation_button_unsubscribes_without_a_csrf_token(self):
        from django.test import Client

        contact = make_contact()
        response = Client(enforce_csrf_checks=True).post(self.url(contact), {"confirm": "1"})
        assert response.status_code == 200
        assert "ja no rebrà més notes de premsa" in response.content.decode()
        contact.refresh_from_db()
        assert contact.unsubscribed_at is not None

    def test_one_click_post_from_a_mail_provider(self):
        from django.test import Client

        contact = make_contact()
        response = Client(enforce_csrf_checks=True).post(
            self.url(contact),
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200
        contact.refresh_from_db()
        assert contact.unsubscribed_at is not None

    @pytest.mark.parametrize("method", ["get", "post"])
    def test_a_tampered_token_is_refused_and_changes_nothing(self, client, method):
        contact = make_contact()
        token = unsubscribe_token(contact)
        response = getattr(client, method)(
            self.url(token[:-2] + ("aa" if not token.endswith("aa") else "bb"))
        )
        assert response.status_code == 400
        assert "no és correcte" in response.content.decode()
        contact.refresh_from_db()
        assert contact.unsubscribed_at is None

    def test_a_token_signed_for_another_purpose_is_refused(self, client):
        contact = make_contact()
        response = client.post(self.url(signing.dumps(contact.pk)))
        assert response.status_code == 400

    def test_an_expired_token_says_so(self, client):
        contact = make_contact()
        token = unsubscribe_token(contact)
        with time_machine.travel(timezone.now() + timedelta(days=3 * 365)):
            response = client.post(self.url(token))
        assert response.status_code == 400
        assert "ha caducat" in response.content.decode()
        contact.refresh_from_db()
        assert contact.unsubscribed_at is None

    def test_a_deleted_contact_is_not_found(self, client):
        contact = make_contact()
        token = unsubscribe_token(contact)
        contact.delete()
        assert client.post(self.url(token)).status_code == 404


# --- CSV import ----------------------------------------------------------------------------------
GOOD_CSV = (
    "\ufeffnom;mitjà;correu;idioma;telèfon;àmbits;llistes\n"
    "Laia Puig;Diari del Riu;laia@diari.example;ca;600000001;Cultura|Esports;Premsa local|Cultura\n"
    "Pedro Gómez;Crónica;pedro@cronica.example;es;;;Premsa local\n"
)


class TestImport:
    def test_a_spreadsheet_export_with_bom_and_semicolons(self):
        report = import_contacts(GOOD_CSV.encode("utf-8"))

        assert [contact.email for contact in report.imported] == [
            "laia@diari.example",
            "pedro@cronica.example",
        ]
        assert report.rejected == []
        laia = MediaContact.objects.get(email="laia@diari.example")
        assert (laia.name, laia.outlet, laia.language, laia.phone) == (
            "Laia Puig",
            "Diari del Riu",
            "ca",
            "600000001",
        )
        assert sorted(laia.beats.values_list("name", flat=True)) == ["Cultura", "Esports"]
        assert sorted(laia.lists.values_list("name", flat=True)) == ["Cultura", "Premsa local"]
        assert MediaContact.objects.get(email="pedro@cronica.example").language == "es"
        assert sorted(report.created_lists) == ["Cultura", "Premsa local"]

    def test_commas_and_english_headers(self):
        data = 'name,email,outlet,language\n"Puig, Laia",laia@diari.example,"Diari, el",ES\n'
        report = import_contacts(data.encode())
        assert report.rejected == []
        contact = MediaContact.objects.get()
        assert (contact.name, contact.outlet, contact.language) == ("Puig, Laia", "Diari, el", "es")

    def test_bad_rows_are_reported_with_line_and_reason_and_the_good_ones_imported(self):
        make_contact("Ja Hi Era", email="existeix@diari.example")
        data = (
            "name;email;language\n"
            "Bona;bona@diari.example;ca\n"
            "Sense arrova;no-es-un-correu;ca\n"
            "\n"
            "Francesa;francesa@diari.example;fr\n"
            "Repetida;BONA@diari.example;ca\n"
            "Antiga;Existeix@Diari.example;es\n"
            ";sense-nom@diari.example;ca\n"
            "Massa;columnes@diari.example;ca;extra\n"
            "Bona Dos;bona2@diari.example;\n"
        )
        report = import_contacts(data.encode())

        assert [(row.line, row.reason) for row in report.rejected] == [
            (3, "«no-es-un-correu» no és una adreça de correu vàlida."),
            (5, "Idioma desconegut: «fr» (ha de ser ca o es)."),
            (6, "Adreça repetida: ja és a la línia 2."),
            (7, "Ja hi ha un contacte amb l'adreça Existeix@Diari.example."),
            (8, "Falta el nom."),
            (9, "Té 4 columnes i n'hi ha d'haver 3."),
        ]
        assert sorted(MediaContact.objects.values_list("email", flat=True)) == [
            "bona2@diari.example",
            "bona@diari.example",
            "existeix@diari.example",
        ]

    @pytest.mark.parametrize(
        "data, message",
        [
            (GOOD_CSV.encode("latin-1", "replace"), "no està codificat en UTF-8"),
            (b"", "El fitxer és buit"),
            (b"nom;correu;edat\nLaia;laia@diari.example;40\n", "Columna desconeguda: «edat»"),
            (b"nom;outlet\nLaia;Diari\n", "Falten columnes obligatòries: email"),
            (b'name;email\n"Laia;laia@diari.example\n', "no és un CSV vàlid"),
            (b"name;email\nLaia\x00;laia@diari.example\n", "caràcters nuls"),
        ],
    )
    def test_an_unreadable_file_writes_nothing(self, data, message):
        with pytest.raises(ImportFileError) as error:
            import_contacts(data)
        assert message in str(error.value)
        assert MediaContact.objects.count() == 0
        assert DistributionList.objects.count() == 0 and Beat.objects.count() == 0

    def test_the_admin_upload_shows_the_report(self, client, superuser):
        client.force_login(superuser)
        data = GOOD_CSV + "Dolenta;;dolenta;ca;;;\n"
        response = client.post(
            "/admin/news/mediacontact/import/",
            {"file": SimpleUploadedFile("contactes.csv", data.encode("utf-8"), content_type="text/csv")},
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "S'han importat 2 contactes." in html
        assert "<td>4</td><td>dolenta</td>" in html
        assert MediaContact.objects.count() == 2

    def test_the_admin_upload_of_a_broken_file_is_a_form_error(self, client, superuser):
        client.force_login(superuser)
        response = client.post(
            "/admin/news/mediacontact/import/",
            {"file": SimpleUploadedFile("contactes.csv", GOOD_CSV.encode("cp1252", "replace"))},
        )
        assert response.status_code == 400
        assert "no està codificat en UTF-8" in response.content.decode()
        assert MediaContact.objects.count() == 0

    def test_the_import_page_needs_the_right_to_add_contacts(self, client):
        client.force_login(make_user("siteadmin"))
        assert client.get("/admin/news/mediacontact/import/").status_code == 403

    def test_the_management_command(self, tmp_path, capsys):
        good = tmp_path / "contactes.csv"
        good.write_bytes((GOOD_CSV + "Dolenta;;dolenta;ca;;;\n").encode())
        call_command("import_media_contacts", str(good))
        out, err = capsys.readouterr()
        assert "Imported 2 contacts." in out
        assert "Line 4: «dolenta» no és una adreça de correu vàlida." in err

        broken = tmp_path / "llatí.csv"
        broken.write_bytes("nom;correu\nJosé;jose@diari.example\n".encode("latin-1"))
        with pytest.raises(CommandError, match="Nothing imported"):
            call_command("import_media_contacts", str(broken))
        assert MediaContact.objects.count() == 2


# --- bounces ------------------------------------------------------------------------------------------
def dsn(to: str, action: str, status: str, original_message_id: str = "") -> bytes:
    return (
        f"From: MAILER-DAEMON@mx.diari.example\r\nTo: {to}\r\nSubject: Undelivered Mail\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.diari.example\r\n\r\n"
        f"Final-Recipient: rfc822; laia@diari.example\r\nAction: {action}\r\nStatus: {status}\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 mailbox unavailable\r\n\r\n"
        "--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"Message-ID: {original_message_id}\r\nSubject: Nota\r\n\r\n"
        "--B--\r\n"
    ).encode()


class TestBounces:
    def test_dsns_in_a_maildir_mark_deliveries_bounced(self, tmp_path, unit, press_list):
        import mailbox

        for name in ("laia", "pere", "anna"):
            make_contact(name.capitalize(), email=f"{name}@diari.example", lists=[press_list])
        press_sending.create_deliveries(distribute(make_live_news(unit), press_list))
        laia, pere, anna = (
            PressDelivery.objects.order_by("email")
            .filter(email__in=["laia@diari.example", "pere@diari.example", "anna@diari.example"])
            .order_by("pk")
        )
        PressDelivery.objects.update(state=PressDelivery.State.SENT)
        box = mailbox.Maildir(tmp_path / "bounces")
        box.add(dsn(f"premsa+{laia.pk}@ajuntament.example", "failed", "5.1.1"))
        box.add(dsn("premsa@ajuntament.example", "failed", "5.2.1", f"<press-{pere.pk}@ajuntament.example>"))
        box.add(dsn(f"premsa+{anna.pk}@ajuntament.example", "delayed", "4.4.1"))
        box.add(b"From: algu@diari.example\r\nSubject: Hola\r\n\r\nGracies per la nota.\r\n")

        call_command("process_bounces", str(tmp_path / "bounces"))
        assert process_maildir(tmp_path / "bounces") == (0, 0)  # already read

        laia.refresh_from_db(), pere.refresh_from_db(), anna.refresh_from_db()
        assert (laia.state, pere.state, anna.state) == ("bounced", "bounced", "sent")
        assert "5.1.1" in laia.last_error
        assert "4.4.1" in anna.last_error


# --- press room ---------------------------------------------------------------------------------------
class TestPressRoom:
    @pytest.fixture
    def sent_note(self, unit, press_list):
        for name in ("laia", "pere", "anna"):
            make_contact(name.capitalize(), email=f"{name}@diari.example", lists=[press_list])
        item = make_live_news(unit, title="Festa major")
        press_sending.create_deliveries(distribute(item, press_list))
        PressDelivery.objects.filter(email="laia@diari.example").update(state="sent")
        PressDelivery.objects.filter(email="pere@diari.example").update(state="refused")
        return item

    def test_publishers_see_how_the_mailing_went_never_cached(self, client, sent_note):
        anonymous = client.get(PRESS_ROOM)
        assert "Enviament als mitjans" not in anonymous.content.decode()
        assert client.get(PRESS_ROOM)["X-Cache"] == "HIT"

        client.force_login(make_user("publisher"))
        response = client.get(PRESS_ROOM)
        html = response.content.decode()
        assert "Enviament als mitjans: 1 enviats, 1 pendents, 1 rebutjats, 0 retornats, 0 fallits." in html
        assert "X-Cache" not in response
        assert "private" in response["Cache-Control"]

        client.logout()
        again = client.get(PRESS_ROOM)
        assert "Enviament als mitjans" not in again.content.decode()

    def test_editors_do_not_see_it(self, client, sent_note):
        client.force_login(make_user("editor"))
        assert "Enviament als mitjans" not in client.get(PRESS_ROOM).content.decode()

    def test_the_status_costs_one_query_whatever_the_number_of_notes(
        self, client, unit, press_list, django_assert_max_num_queries
    ):
        client.force_login(make_user("publisher"))
        make_contact(lists=[press_list])
        for _ in range(5):
            press_sending.create_deliveries(distribute(make_live_news(unit), press_list))
        client.get(PRESS_ROOM)
        with django_assert_max_num_queries(12) as few:
            client.get(PRESS_ROOM)
        for _ in range(5):
            press_sending.create_deliveries(distribute(make_live_news(unit), press_list))
        with django_assert_max_num_queries(len(few.captured_queries)):
            client.get(PRESS_ROOM)


def test_the_message_parses_as_one_mime_message_per_journalist(unit, press_list):
    make_contact(lists=[press_list])
    press_sending.create_deliveries(
        distribute(make_live_news(unit, body="<p>Primer.</p><ul><li>Un</li></ul>"), press_list)
    )
    delivery = PressDelivery.objects.select_related("contact", "distribution__news").get()
    parsed = message_from_bytes(build_message(delivery).message().as_bytes(), policy=policy.default)
    assert parsed["To"] == "Laia Puig <laia@diari.example>"
    assert parsed.get_body(("plain",)).get_content().count("- Un") == 1
    assert parsed.get_body(("html",)).get_content().startswith("<!doctype html>")


# --- admin section on a press note ------------------------------------------------------------------
def test_an_editor_chooses_the_lists_of_a_press_note_in_its_admin_page(client, unit, press_list):
    from tests.factories import news_admin_form_data

    editor = make_user("editor")
    client.force_login(editor)
    item = make_live_news(unit, status=Status.DRAFT, publish_at=None)
    page = client.get(f"/admin/news/newsitem/{item.pk}/change/")
    assert "Enviament als mitjans" in page.content.decode()

    data = news_admin_form_data(item)
    data.update(
        {
            "press_distribution-TOTAL_FORMS": "1",
            "press_distribution-0-lists": [str(press_list.pk)],
            "press_distribution-0-attach_files": "on",
        }
    )
    response = client.post(f"/admin/news/newsitem/{item.pk}/change/", data)

    assert response.status_code == 302, response.context and response.context.get("errors")
    distribution = PressDistribution.objects.get(news=item)
    assert list(distribution.lists.all()) == [press_list]
    assert distribution.attach_files is True
    assert distribution.state == PressDistribution.State.WAITING


# --- a distribution added to a note that is already live -------------------------------------------
class TestDistributionAddedToALiveNote:
    """The ``press.distribute`` effect ran when the note was published; lists
    added afterwards are sent once the publisher confirms, through the same
    deliveries and batches (here over a real SMTP conversation)."""

    @pytest.fixture
    def live_note(self, unit, publisher, eager_effects):
        item = draft_press_note(unit, embargo_until=timezone.now() + timedelta(hours=3))
        eager_effects(workflow.perform, item, "publish", publisher)
        item.refresh_from_db()
        return item

    def post_lists(self, client, item, *lists):
        from tests.factories import news_admin_form_data

        data = news_admin_form_data(item)
        existing = PressDistribution.objects.filter(news=item).first()
        data.update(
            {
                "press_distribution-TOTAL_FORMS": "1",
                "press_distribution-INITIAL_FORMS": "1" if existing else "0",
                "press_distribution-0-lists": [str(each.pk) for each in lists],
                "press_distribution-0-news": str(item.pk),
            }
        )
        if existing:
            data["press_distribution-0-id"] = str(existing.pk)
        return client.post(f"/admin/news/newsitem/{item.pk}/change/", data)

    def test_the_publisher_confirms_and_each_added_journalist_gets_one_copy(
        self, client, smtp, live_note, publisher, press_list, eager_effects
    ):
        journalists = [make_contact(f"Periodista {n}", email=f"p{n}@diari.example") for n in range(3)]
        press_list.contacts.add(*journalists)
        gone = make_contact("Joan Baix", lists=[press_list], unsubscribed_at=timezone.now())
        client.force_login(publisher)
        confirm_url = f"/admin/news/newsitem/{live_note.pk}/envia-als-mitjans/"

        response = self.post_lists(client, live_note, press_list)

        # Saving asks first; nothing is sent yet.
        assert response.status_code == 302, response.context and response.context.get("errors")
        assert response["Location"] == confirm_url
        assert PressDelivery.objects.count() == 0
        page = client.get(confirm_url).content.decode()
        assert "Voleu enviar-la ara a 3 destinataris?" in page
        assert "espera" not in page
        change_page = client.get(f"/admin/news/newsitem/{live_note.pk}/change/").content.decode()
        assert "3 destinataris esperen la vostra confirmació" in change_page

        response = eager_effects(client.post, confirm_url)

        assert response.status_code == 302
        assert sorted(attempt.recipients[0] for attempt in smtp.delivered_attempts) == sorted(
            j.email for j in journalists
        )
        assert states(live_note) == {**{j.email: "sent" for j in journalists}, gone.email: "skipped"}
        assert PressDistribution.objects.get(news=live_note).state == PressDistribution.State.DONE
        (note,) = Transition.for_item(live_note).filter(action="press_sent")
        assert note.user == publisher
        assert note.comment == "Enviada als mitjans: 3 destinataris afegits a la distribució."

        # Another list later: only the journalist who is new to the note.
        culture = DistributionList.objects.create(name="Cultura")
        newcomer = make_contact("Pedro Gómez", email="pedro@diari.example", language="es")
        culture.contacts.add(newcomer, journalists[0])
        response = self.post_lists(client, live_note, press_list, culture)
        assert response["Location"] == confirm_url
        assert "Voleu enviar-la ara a 1 destinatari?" in client.get(confirm_url).content.decode()
        eager_effects(client.post, confirm_url)
        delivered = [attempt.recipients[0] for attempt in smtp.delivered_attempts]
        assert sorted(delivered) == sorted([*(j.email for j in journalists), newcomer.email])

        # Confirming again sends nothing and says so.
        response = eager_effects(client.post, confirm_url, follow=True)
        assert "No hi ha res pendent d&#x27;enviar als mitjans." in response.content.decode()
        assert len(smtp.delivered_attempts) == 4

    def test_declining_sends_nothing_and_the_note_keeps_asking(
        self, client, live_note, publisher, press_list
    ):
        make_contact(lists=[press_list])
        client.force_login(publisher)
        self.post_lists(client, live_note, press_list)

        assert PressDelivery.objects.count() == 0
        page = client.get(f"/admin/news/newsitem/{live_note.pk}/change/").content.decode()
        assert "1 destinatari espera la vostra confirmació" in page
        assert f"/admin/news/newsitem/{live_note.pk}/envia-als-mitjans/" in page

    def test_a_scheduled_note_needs_no_confirmation_publishing_sends_it(
        self, client, unit, publisher, press_list, eager_effects
    ):
        make_contact(lists=[press_list])
        item = draft_press_note(unit)
        eager_effects(
            workflow.perform, item, "schedule", publisher, publish_at=timezone.now() + timedelta(days=1)
        )
        item.refresh_from_db()
        client.force_login(publisher)

        response = self.post_lists(client, item, press_list)

        assert response["Location"] != f"/admin/news/newsitem/{item.pk}/envia-als-mitjans/"
        with pytest.raises(actions.NothingToSend):
            actions.send_press_note(PressDistribution.objects.get(news=item), publisher)
        with time_machine.travel(item.publish_at + timedelta(seconds=1)):
            for effect in Effect.objects.filter(handler="press.distribute"):
                eager_effects(effects.run, effect.pk)
        assert set(states(item).values()) == {"sent"}

    def test_no_confirmation_while_the_publication_still_sends_it(self, unit, publisher, press_list):
        make_contact(lists=[press_list])
        item = draft_press_note(unit)
        workflow.perform(item, "publish", publisher)  # its effect waits for a worker
        distribution = distribute(item, press_list)

        assert press_sending.awaiting_confirmation(distribution) == 0
        (effect,) = Effect.objects.filter(handler="press.distribute")
        assert effects.run(effect.pk) == "done"
        assert set(states(item).values()) == {"pending"}
        assert press_sending.awaiting_confirmation(distribution) == 0

    def test_only_a_publisher_may_send_a_live_note(self, client, live_note, press_list):
        make_contact(lists=[press_list])
        distribute(live_note, press_list)
        editor = make_user("editor")
        client.force_login(editor)

        assert client.get(f"/admin/news/newsitem/{live_note.pk}/envia-als-mitjans/").status_code == 403
        assert client.post(f"/admin/news/newsitem/{live_note.pk}/envia-als-mitjans/").status_code == 403
        with pytest.raises(PermissionDenied):
            actions.send_press_note(PressDistribution.objects.get(news=live_note), editor)
        assert PressDelivery.objects.count() == 0

    def test_an_unknown_note_is_a_404(self, client, publisher):
        client.force_login(publisher)
        assert client.get("/admin/news/newsitem/999999/envia-als-mitjans/").status_code == 404
        assert client.post("/admin/news/newsitem/abc/envia-als-mitjans/").status_code == 404
