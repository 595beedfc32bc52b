"""News rules that live in the model: visibility, validation, slugs, alerts,
structured data."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from comunicacio.content import SUMMARY_MAX_LENGTH
from news.models import Kind, NewsItem, Severity, Status
from tests.factories import make_live_news

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def visible_titles(now=None):
    return set(NewsItem.objects.visible(now).values_list("title", flat=True))


def test_visibility_follows_status_publication_expiry_and_embargo(unit):
    with time_machine.travel(T0, tick=False):
        make_live_news(unit, title="publicada", publish_at=T0 - timedelta(hours=1))
        make_live_news(unit, title="esborrany", status=Status.DRAFT, publish_at=T0 - timedelta(hours=1))
        make_live_news(unit, title="retirada", status=Status.WITHDRAWN, publish_at=T0 - timedelta(hours=1))
        make_live_news(unit, title="programada", publish_at=T0 + timedelta(hours=1))
        make_live_news(
            unit, title="caduca", publish_at=T0 - timedelta(hours=1), expire_at=T0 + timedelta(hours=2)
        )
        make_live_news(
            unit, title="embargada", publish_at=T0 - timedelta(hours=1), embargo_until=T0 + timedelta(hours=3)
        )
        make_live_news(unit, title="sense data", publish_at=None)

    assert visible_titles(T0) == {"publicada", "caduca"}
    assert visible_titles(T0 + timedelta(hours=1)) == {"publicada", "caduca", "programada"}
    assert visible_titles(T0 + timedelta(hours=2)) == {"publicada", "programada"}
    assert visible_titles(T0 + timedelta(hours=3)) == {"publicada", "programada", "embargada"}


def test_next_visibility_change_includes_embargo_and_alert_window(unit):
    with time_machine.travel(T0, tick=False):
        make_live_news(unit, publish_at=T0 - timedelta(days=1), embargo_until=T0 + timedelta(hours=4))
        make_live_news(
            unit,
            kind=Kind.NOTICE,
            publish_at=T0 - timedelta(days=1),
            is_alert=True,
            alert_start=T0 + timedelta(hours=2),
            alert_end=T0 + timedelta(hours=6),
        )
        make_live_news(
            unit, status=Status.DRAFT, publish_at=T0 + timedelta(minutes=5)
        )  # a draft changes nothing
    assert NewsItem.objects.next_visibility_change(T0) == T0 + timedelta(hours=2)
    assert NewsItem.objects.next_visibility_change(T0 + timedelta(hours=2)) == T0 + timedelta(hours=4)
    assert NewsItem.objects.next_visibility_change(T0 + timedelta(hours=4)) == T0 + timedelta(hours=6)
    assert NewsItem.objects.next_visibility_change(T0 + timedelta(hours=6)) is None


def test_active_alerts_order_by_severity_then_newest(unit):
    now = timezone.now()

    def alert(title, severity, hours_ago):
        return make_live_news(
            unit,
            title=title,
            kind=Kind.NOTICE,
            is_alert=True,
            alert_severity=severity,
            alert_start=now - timedelta(hours=hours_ago),
        )

    alert("important antic", Severity.WARNING, 5)
    alert("info", Severity.INFO, 1)
    alert("urgent", Severity.CRITICAL, 3)
    alert("important nou", Severity.WARNING, 2)
    titles = [item.title for item in NewsItem.objects.active_alerts()]
    assert titles == ["urgent", "important nou", "important antic", "info"]


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"kind": Kind.NOTICE, "embargo_until": T0}, "embargo_until"),
        ({"kind": Kind.PRESS_NOTE, "is_alert": True, "alert_start": T0}, "is_alert"),
        ({"kind": Kind.NOTICE, "is_alert": True}, "alert_start"),
        ({"kind": Kind.NOTICE, "alert_start": T0, "alert_end": T0}, "alert_end"),
        ({"publish_at": T0, "expire_at": T0 - timedelta(minutes=1)}, "expire_at"),
    ],
)
def test_inconsistent_fields_are_refused_with_a_message(unit, fields, field):
    item = NewsItem(title="Nota", summary="Resum.", unit=unit, **fields)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert field in error.value.message_dict
    assert all(message for message in error.value.message_dict[field])


def test_overlong_summary_and_title_are_refused(unit):
    item = NewsItem(title="T" * 201, summary="x" * (SUMMARY_MAX_LENGTH + 1), unit=unit)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert {"title", "summary"} <= set(error.value.message_dict)
    assert "300" in error.value.message_dict["summary"][0]
    assert NewsItem.objects.count() == 0


def test_slug_is_generated_unique_and_stable(unit):
    first = make_live_news(unit, title="Festa major d'estiu")
    second = make_live_news(unit, title="Festa major d'estiu")
    assert first.slug == "festa-major-d-estiu"
    assert second.slug == "festa-major-d-estiu-2"
    first.title = "Festa major de tardor"
    first.save()
    first.refresh_from_db()
    assert first.slug == "festa-major-d-estiu"


def test_body_is_sanitised_on_save(unit):
    item = make_live_news(
        unit, body='<p onclick="x()">Hola</p><script>alert(1)</script>', body_es="<iframe></iframe>"
    )
    item.refresh_from_db()
    assert item.body == "<p>Hola</p>"
    assert item.body_es == ""


def test_public_date_is_the_embargo_lift_when_later(unit):
    item = make_live_news(unit, publish_at=T0, embargo_until=T0 + timedelta(hours=2))
    assert item.public_date == T0 + timedelta(hours=2)
    item.embargo_until = T0 - timedelta(hours=2)
    assert item.public_date == T0


def test_structured_data_in_the_active_language(unit, settings):
    item = make_live_news(unit, title="Nova biblioteca", title_es="Nueva biblioteca", tags=["Cultura"])
    with translation.override("es"):
        data = item.structured_data()
    assert data["headline"] == "Nueva biblioteca"
    assert data["inLanguage"] == "es"
    assert data["url"].startswith(settings.SITE_URL + "/es/")
    assert data["publisher"] == {"@type": "GovernmentOrganization", "name": settings.COUNCIL_NAME}
    with translation.override("ca"):
        assert item.structured_data()["headline"] == "Nova biblioteca"
