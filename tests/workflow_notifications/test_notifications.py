"""Every transition tells the people it concerns: a dashboard entry in the
same transaction and one recorded email per recipient, in their language,
never to whoever did it, exactly once."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from comunicacio import roles
from comunicacio.notifications import Notification
from comunicacio.preferences import StaffPreference
from comunicacio.publishing import effects, notify, workflow
from comunicacio.publishing.models import Effect, Status
from comunicacio.role_scopes import UnitScope
from tests.factories import make_news, make_unit, make_user

pytestmark = pytest.mark.django_db


def emails_of(item) -> list[Effect]:
    return list(Effect.for_item(item).filter(handler=notify.HANDLER).order_by("pk"))


def run_emails(item) -> None:
    for effect in emails_of(item):
        effects.run(effect.pk)


def recipients_of(transition) -> set:
    return {row.recipient for row in Notification.objects.filter(transition=transition)}


class TestRecipients:
    def test_submitting_tells_every_publisher_with_the_editor_s_comment(self, editor, draft):
        first, second = make_user("publisher"), make_user("publisher")
        make_user("editor")  # another editor: not told
        transition = workflow.perform(draft, "submit", editor, comment="Cal revisar les dates")

        assert recipients_of(transition) == {first, second}
        assert {row.kind for row in Notification.objects.filter(transition=transition)} == {"submitted"}
        run_emails(draft)
        assert sorted(message.to[0] for message in mail.outbox) == sorted([first.email, second.email])
        message = mail.outbox[0]
        assert message.subject == f"Per revisar: {draft.title}"
        assert f"ha enviat a revisió «{draft.title}»" in message.body
        assert "Comentari: Cal revisar les dates" in message.body
        assert f"/admin/news/newsitem/{draft.pk}/change/" in message.body

    def test_a_publisher_limited_to_another_unit_is_not_told(self, editor, draft):
        elsewhere = make_user("publisher")
        UnitScope.objects.create(
            group=Group.objects.get(name=roles.PUBLISHERS), user=elsewhere, unit=make_unit(name="Esports")
        )
        here = make_user("publisher")
        UnitScope.objects.create(group=Group.objects.get(name=roles.PUBLISHERS), user=here, unit=draft.unit)
        inactive = make_user("publisher", is_active=False)

        transition = workflow.perform(draft, "submit", editor)

        assert here in recipients_of(transition)
        assert elsewhere not in recipients_of(transition)
        assert inactive not in recipients_of(transition)

    def test_returning_tells_the_author_with_the_reason(self, editor, publisher, draft):
        workflow.perform(draft, "submit", editor)
        run_emails(draft)
        mail.outbox.clear()
        transition = workflow.perform(draft, "return", publisher, comment="Falta la foto")
        assert recipients_of(transition) == {editor}
        run_emails(draft)
        [message] = mail.outbox
        assert message.to == [editor.email]
        assert message.subject == f"Retornat a esborrany: {draft.title}"
        assert "Motiu: Falta la foto" in message.body

    @pytest.mark.parametrize(
        ("action", "source", "kind", "subject"),
        [
            ("approve", Status.REVIEW, "approved", "Aprovat"),
            ("schedule", Status.APPROVED, "scheduled", "Programat"),
            ("publish", Status.APPROVED, "published", "Publicat"),
            ("withdraw", Status.PUBLISHED, "withdrawn", "Retirat"),
        ],
    )
    def test_the_author_is_told_of_each_step(self, editor, publisher, action, source, kind, subject):
        item = make_news(status=source, created_by=editor, publication=1 if source == Status.PUBLISHED else 0)
        when = timezone.now() + timedelta(days=2)
        transition = workflow.perform(item, action, publisher, publish_at=when)
        assert [(row.recipient, row.kind) for row in Notification.objects.filter(transition=transition)] == [
            (editor, kind)
        ]
        run_emails(item)
        [message] = mail.outbox
        assert message.subject == f"{subject}: {item.title}"

    def test_the_scheduled_email_says_when_in_catalan(self, editor, publisher):
        item = make_news(status=Status.APPROVED, created_by=editor)
        when = timezone.make_aware(timezone.datetime(2026, 12, 3, 9, 0))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(timezone, "now", lambda: when - timedelta(days=1))
            workflow.perform(item, "schedule", publisher, publish_at=when)
            run_emails(item)
        assert "Es publicarà dijous, 3 de desembre de 2026, a les 9.00 h." in mail.outbox[0].body

    def test_nobody_is_told_of_what_they_did_themselves(self, publisher):
        item = make_news(status=Status.DRAFT, created_by=publisher)
        for action in ("submit", "approve", "publish", "withdraw"):
            workflow.perform(item, action, publisher)
        # Submitting told the other publishers (none here) and never the actor.
        assert not Notification.objects.exists()
        assert emails_of(item) == []

    def test_a_spanish_speaking_publisher_gets_spanish_mail(self, editor, draft):
        spanish = make_user("publisher")
        StaffPreference.objects.create(user=spanish, language="es")
        catalan = make_user("publisher")
        workflow.perform(draft, "submit", editor, comment="Urgent")
        run_emails(draft)
        by_recipient = {message.to[0]: message for message in mail.outbox}
        assert by_recipient[spanish.email].subject == f"Para revisar: {draft.title}"
        assert f"ha enviado a revisión «{draft.title}»" in by_recipient[spanish.email].body
        assert by_recipient[catalan.email].subject == f"Per revisar: {draft.title}"

    def test_working_copy_transitions_map_like_the_workflow_s(self, editor, publisher, draft):
        submitted = workflow.note(draft, editor, "copy_submit", "Còpia llesta")
        assert notify.notify_transition(draft, submitted)[0].kind == "submitted"
        returned = workflow.note(draft, publisher, "copy_return", "No")
        assert [row.recipient for row in notify.notify_transition(draft, returned)] == [editor]
        published = workflow.note(draft, publisher, "copy_publish", "")
        assert notify.notify_transition(draft, published)[0].kind == "published"
        # An action nobody mapped tells nobody.
        assert notify.notify_transition(draft, workflow.note(draft, publisher, "press_sent", "")) == []


class TestExactlyOnce:
    def test_running_an_email_twice_sends_it_once(self, editor, publisher, draft):
        workflow.perform(draft, "submit", editor)
        [effect] = emails_of(draft)
        assert effects.run(effect.pk) == "done"
        assert effects.run(effect.pk) == "skipped"
        assert len(mail.outbox) == 1
        assert mail.outbox[0].extra_headers["Message-ID"] == f"<effect-{effect.pk}@ajuntament.example>"

    def test_notifying_a_transition_again_creates_nothing(self, editor, publisher, draft):
        transition = workflow.perform(draft, "submit", editor)
        assert notify.notify_transition(draft, transition) == []
        assert Notification.objects.filter(transition=transition).count() == 1
        assert len(emails_of(draft)) == 1

    def test_each_recipient_has_an_email_of_their_own(self, editor, draft):
        publishers = [make_user("publisher") for _ in range(3)]
        transition = workflow.perform(draft, "submit", editor)
        keys = {effect.key for effect in emails_of(draft)}
        assert keys == {f"notify:{transition.pk}:{person.pk}" for person in publishers}
        # One fails (the server refuses it): the others are sent, it alone is retried.
        first = emails_of(draft)[0]
        Effect.objects.filter(pk=first.pk).update(due_at=timezone.now() + timedelta(hours=1))
        run_emails(draft)
        assert len(mail.outbox) == 2
        Effect.objects.filter(pk=first.pk).update(due_at=timezone.now())
        run_emails(draft)
        assert len(mail.outbox) == 3

    def test_a_published_email_waits_for_the_embargo(self, editor, publisher):
        from news.models import Kind

        item = make_news(
            kind=Kind.PRESS_NOTE,
            status=Status.APPROVED,
            created_by=editor,
            embargo_until=timezone.now() + timedelta(hours=2),
        )
        workflow.perform(item, "publish", publisher)
        [effect] = emails_of(item)
        assert effects.run(effect.pk) == "postponed"
        assert mail.outbox == []
