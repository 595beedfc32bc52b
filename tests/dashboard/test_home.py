"""The admin home as each role sees it, notifications marked as read, and
the page's queries, which do not grow with the rows."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from comunicacio.notifications import Notification
from comunicacio.preferences import StaffPreference
from comunicacio.publishing import actions
from comunicacio.publishing.models import Status
from tests.factories import make_news, make_user

pytestmark = pytest.mark.django_db


def notify(recipient, transition, kind="submitted"):
    # The workflow already notified whoever the transition concerns
    # (publishing.notify); this makes sure ``recipient`` is among them.
    notification, _created = Notification.objects.get_or_create(
        recipient=recipient,
        kind=kind,
        transition=transition,
        defaults={"content_type": transition.content_type, "object_id": transition.object_id},
    )
    return notification


def test_the_home_shows_an_editor_their_work_and_a_publisher_the_review_queue(
    client, editor, publisher, unit
):
    make_news(unit=unit, created_by=editor, title="Esborrany de l'Elna")
    review = make_news(unit=unit, created_by=make_user("editor"), title="Pendent d'en Pau")
    actions.submit(review, review.created_by, comment="Urgent")

    client.force_login(editor)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Els meus esborranys" in page and "Esborrany de l&#x27;Elna" in page
    assert (
        "Pendents de revisió" not in page and "Pendent d&#x27;en Pau" not in page.split("Activitat recent")[0]
    )
    # Django's list of models stays, and the header has the global search.
    assert 'id="header-search-q"' in page and 'id="dashboard-search-q"' in page
    assert reverse("admin:news_newsitem_changelist") in page

    client.force_login(publisher)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Pendents de revisió" in page and "Pendent d&#x27;en Pau" in page
    assert "Urgent" in page
    assert reverse("admin:social_dashboard") in page


def test_notifications_are_worded_from_their_transition_and_link_to_the_item(client, publisher, unit):
    author = make_user("editor", first_name="Marta", last_name="")
    item = make_news(unit=unit, created_by=author, title="Obres al carrer Major")
    transition = actions.submit(item, author, comment="Cal sortir demà")
    notify(publisher, transition)

    client.force_login(publisher)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Marta ha enviat a revisió «Obres al carrer Major»" in page
    assert "Cal sortir demà" in page
    assert f'href="{reverse("admin:news_newsitem_change", args=[item.pk])}" id="notification-' in page


def test_marking_notifications_as_read_one_and_all(client, publisher, unit):
    author = make_user("editor")
    first, second, third = (make_news(unit=unit, created_by=author) for _ in range(3))
    mine = [notify(publisher, actions.submit(item, author)) for item in (first, second)]
    someone_elses = notify(make_user("publisher"), actions.submit(third, author))
    client.force_login(publisher)

    # Only POST, with the CSRF token in real use (Django's middleware).
    url = reverse("admin:dashboard_mark_read", args=[mine[0].pk])
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    mine[0].refresh_from_db()
    assert mine[0].read_at is not None
    mine[1].refresh_from_db()
    assert mine[1].read_at is None

    # Another's notification, or one that does not exist: 404, nothing changed.
    assert client.post(reverse("admin:dashboard_mark_read", args=[someone_elses.pk])).status_code == 404
    assert client.post(reverse("admin:dashboard_mark_read", args=[999999])).status_code == 404
    someone_elses.refresh_from_db()
    assert someone_elses.read_at is None

    # An outside address to go back to is ignored.
    response = client.post(reverse("admin:dashboard_mark_all_read"), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("admin:index")
    assert not Notification.objects.filter(recipient=publisher, read_at__isnull=True).exists()
    someone_elses.refresh_from_db()
    assert someone_elses.read_at is None


def test_csrf_is_required_to_mark_as_read(publisher, unit):
    from django.test import Client

    author = make_user("editor")
    notification = notify(publisher, actions.submit(make_news(unit=unit, created_by=author), author))
    client = Client(enforce_csrf_checks=True)
    client.force_login(publisher)
    assert client.post(reverse("admin:dashboard_mark_read", args=[notification.pk])).status_code == 403
    notification.refresh_from_db()
    assert notification.read_at is None


def test_people_without_a_role_do_not_reach_the_dashboard_or_its_actions(client, norole):
    client.force_login(norole)
    assert client.get(reverse("admin:index")).status_code == 302
    assert client.post(reverse("admin:dashboard_mark_all_read")).status_code == 302
    client.logout()
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_home_runs_the_same_queries_for_one_item_and_for_many(
    client, editor, publisher, unit, django_assert_max_num_queries
):
    def build(count):
        for _ in range(count):
            make_news(unit=unit, created_by=publisher)
            review = make_news(unit=unit, created_by=editor)
            notify(publisher, actions.submit(review, editor, comment="Mireu-la"))
            returned = make_news(unit=unit, created_by=publisher)
            actions.submit(returned, publisher)
            actions.return_to_draft(returned, make_user("publisher"), comment="No")
            make_news(unit=unit, status=Status.PUBLISHED, publish_at=timezone.now() + timedelta(days=1))
            alert = make_news(
                unit=unit,
                kind="notice",
                status=Status.PUBLISHED,
                is_alert=True,
                alert_start=timezone.now() - timedelta(hours=1),
            )
            assert alert.pk

    client.force_login(publisher)
    build(1)
    with django_assert_max_num_queries(60) as one:
        assert client.get(reverse("admin:index")).status_code == 200
    build(8)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(reverse("admin:index")).status_code == 200


def test_the_home_speaks_spanish_to_spanish_speaking_staff(client, publisher, unit):
    author = make_user("editor", first_name="Marta", last_name="")
    item = make_news(unit=unit, created_by=author, title="Obres al carrer Major")
    notify(publisher, actions.submit(item, author, comment="Cal sortir demà"))
    StaffPreference.objects.create(user=publisher, language="es")
    client.force_login(publisher)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Pendientes de revisión" in page and "Mis avisos" in page
    assert "Marta ha enviado a revisión «Obres al carrer Major»" in page
    assert "Marcar como leído" in page
