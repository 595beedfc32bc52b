"""The editorial fields and rules every content type shares
(``comunicacio.content.EditorialContent``), checked on each model that uses
them: the summary's length, expiry after publication, the address made from
the title, the Spanish twins, and tags kept in revisions."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from agenda.models import Event
from comunicacio.content import SUMMARY_MAX_LENGTH, EditorialContent
from comunicacio.publishing import actions, revisions
from institutional.models import Holder, InstitutionalEntry
from news.models import NewsItem
from tests.factories import entry_admin_form, make_event, make_news

pytestmark = pytest.mark.django_db

BUILDERS = {NewsItem: make_news, Event: make_event}
SLUG_FALLBACKS = {NewsItem: "noticia", Event: "activitat"}


@pytest.fixture(params=list(BUILDERS), ids=lambda model: model.__name__)
def build(request):
    """Builds a valid item of one editorial model (each test runs on each)."""
    return BUILDERS[request.param]


def problems(item) -> dict[str, list[str]]:
    try:
        item.clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def test_every_editorial_model_is_checked_here():
    models = {model for model in apps.get_models() if issubclass(model, EditorialContent)}
    assert models == set(BUILDERS)


@pytest.mark.parametrize("field", ["summary", "summary_es"])
def test_a_summary_over_the_limit_is_refused_with_its_length(build, field):
    item = build()
    setattr(item, field, "x" * SUMMARY_MAX_LENGTH)
    assert problems(item) == {}
    setattr(item, field, "x" * (SUMMARY_MAX_LENGTH + 1))
    assert problems(item) == {
        field: [f"El resum no pot passar de {SUMMARY_MAX_LENGTH} caràcters (en té {SUMMARY_MAX_LENGTH + 1})."]
    }


def test_expiry_must_come_after_publication(build):
    item = build()
    item.publish_at = timezone.now()
    item.expire_at = item.publish_at
    assert problems(item) == {"expire_at": ["La caducitat ha de ser posterior a la publicació."]}
    item.expire_at = item.publish_at + timedelta(seconds=1)
    assert problems(item) == {}


def test_the_shared_rules_and_the_models_own_are_reported_together(build):
    item = build()
    item.summary = "x" * (SUMMARY_MAX_LENGTH + 1)
    item.publish_at = item.expire_at = timezone.now()
    if isinstance(item, NewsItem):
        item.embargo_until = timezone.now()  # only press notes may be embargoed
        item.kind = "notice"
        own = "embargo_until"
    else:
        item.organiser_name = ""  # an event needs an organiser
        own = "organiser_name"
    assert set(problems(item)) == {"summary", "expire_at", own}


def test_the_address_comes_from_the_title_is_unique_and_stays(build):
    first = build(title="Festa Major 2026")
    second = build(title="Festa Major 2026")
    assert (first.slug, second.slug) == ("festa-major-2026", "festa-major-2026-2")
    first.title = "La Festa Major canvia de dates"
    first.save()
    first.refresh_from_db()
    assert first.slug == "festa-major-2026"


def test_a_title_without_letters_gets_the_models_fallback_address(build):
    item = build(title="¡¿!?")
    assert item.slug == SLUG_FALLBACKS[type(item)]


def test_title_and_summary_read_in_spanish_fall_back_to_catalan(build):
    translated = build(title="Concert", title_es="Concierto", summary="Al parc.", summary_es="En el parque.")
    untranslated = build(title="Sardanes", summary="A la plaça.")
    with translation.override("es"):
        assert (translated.display_title, translated.display_summary) == ("Concierto", "En el parque.")
        assert (untranslated.display_title, untranslated.display_summary) == ("Sardanes", "A la plaça.")
    assert (str(translated), translated.display_title) == ("Concert", "Concert")


def test_tags_are_kept_in_revisions_and_restored(build, superuser):
    item = build(tags=["festa", "cultura"])
    revision = revisions.record(item, superuser)
    assert revision.data["tags"] == ["cultura", "festa"]
    item.tags.set(["obres"], clear=True)
    actions.restore_revision(type(item).objects.get(pk=item.pk), revision, superuser)
    assert sorted(item.tags.names()) == ["cultura", "festa"]
    assert [tag.name for tag in type(item).objects.get(pk=item.pk).tag_list] == ["cultura", "festa"]


def test_each_model_keeps_its_own_summary_advice_in_each_language():
    news = NewsItem._meta.get_field("summary").help_text
    event = Event._meta.get_field("summary").help_text
    assert str(news) == ("En llenguatge planer: què passa, a qui afecta, què cal fer. Màxim 300 caràcters.")
    assert str(event) == "En llenguatge planer: què és, per a qui, què cal fer. Màxim 300 caràcters."
    with translation.override("es"):
        assert str(news).startswith("En lenguaje claro: qué pasa")
        assert str(event).startswith("En lenguaje claro: qué es")


def test_events_name_their_owning_unit_organiser_unit():
    assert NewsItem.unit_field == "unit"
    assert Event.unit_field == "organiser_unit"
    # An outside entity may organise an event instead of a unit.
    assert Event._meta.get_field("organiser_unit").null
    assert "unit" not in {field.name for field in Event._meta.fields}


def test_an_institutional_entry_may_not_expire_before_it_is_published(client, superuser):
    """Not editorial content, but publishable: the shared rule of the dates
    applies to the institutional agenda's entries too, in the admin."""
    holder = Holder.objects.create(name="Anna Puig i Serra", position="Alcaldessa", slug="anna-puig")
    client.force_login(superuser)
    data = entry_admin_form(
        holder,
        publish_at_0="01/12/2026",
        publish_at_1="10:00",
        expire_at_0="01/12/2026",
        expire_at_1="09:00",
    )
    response = client.post("/admin/institutional/institutionalentry/add/", data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["expire_at"] == [
        "La caducitat ha de ser posterior a la publicació."
    ]
    assert not InstitutionalEntry.objects.exists()
    now = timezone.now()
    entry = InstitutionalEntry(
        holder=holder, subject="Visita", start=now, end=now, publish_at=now, expire_at=now
    )
    with pytest.raises(ValidationError) as refused:
        entry.clean()
    assert set(refused.value.message_dict) == {"expire_at", "end"}
