"""Apps declare roles without touching the foundation, and publishing is a
permission per content type."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from comunicacio import roles
from comunicacio.publishing.models import Transition
from tests.factories import make_event, make_news, make_user

pytestmark = pytest.mark.django_db

AGENDA_PUBLISHERS = "Publicació de l'agenda"


@pytest.fixture
def clean_registry():
    """Roles registered by a test leave with it."""
    before = {name: set(perms) for name, perms in roles._registered.items()}
    yield
    roles._registered.clear()
    roles._registered.update(before)


def perms(group):
    return {
        f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")
    }


def test_every_publishable_model_has_its_publish_permission_and_the_global_one_is_gone():
    models = roles.publishable_models()
    assert {model._meta.label_lower for model in models} >= {"news.newsitem", "agenda.event"}
    for model in models:
        content_type = ContentType.objects.get_for_model(model)
        assert Permission.objects.filter(
            content_type=content_type, codename=f"publish_{model._meta.model_name}"
        ).exists()
    assert not Permission.objects.filter(codename="publish_content").exists()


def test_a_registered_role_gets_its_group_and_permissions(clean_registry):
    roles.register_role(
        AGENDA_PUBLISHERS, ["agenda.change_event", "agenda.view_event", "agenda.publish_event"]
    )
    assert not Group.objects.filter(name=AGENDA_PUBLISHERS).exists()
    roles.sync_role_permissions()
    group = Group.objects.get(name=AGENDA_PUBLISHERS)
    assert perms(group) == {"agenda.change_event", "agenda.view_event", "agenda.publish_event"}
    assert AGENDA_PUBLISHERS in roles.role_names()


def test_an_unknown_role_in_an_apps_declarations_is_created_not_an_error(monkeypatch):
    config = apps.get_app_config("news")
    monkeypatch.setattr(
        config, "role_permissions", {**config.role_permissions, "Portaveu": ["news.view_newsitem"]}
    )
    roles.sync_role_permissions()
    assert perms(Group.objects.get(name="Portaveu")) == {"news.view_newsitem"}


def test_registering_a_role_again_adds_to_it(clean_registry):
    roles.register_role(roles.EDITORS, ["comunicacio.view_effect"])
    roles.sync_role_permissions()
    editors = perms(Group.objects.get(name=roles.EDITORS))
    assert {"comunicacio.view_effect", "news.change_newsitem"} <= editors


def test_a_role_publishes_exactly_the_content_types_it_holds(clean_registry):
    roles.register_role(
        AGENDA_PUBLISHERS, ["agenda.change_event", "agenda.publish_event", "news.change_newsitem"]
    )
    roles.sync_role_permissions()
    user = make_user(None)
    user.groups.add(Group.objects.get(name=AGENDA_PUBLISHERS))
    user = type(user).objects.get(pk=user.pk)
    assert roles.can(user, roles.PUBLISH, make_event())
    assert roles.can(user, roles.EDIT, make_news())
    assert not roles.can(user, roles.PUBLISH, make_news())


def test_a_role_that_publishes_one_type_is_a_publishing_grant(clean_registry):
    roles.register_role(
        AGENDA_PUBLISHERS, ["agenda.change_event", "agenda.publish_event", "agenda.delete_venue"]
    )
    protected = roles.publishing_permissions()
    assert {"agenda.publish_event", "news.publish_newsitem"} <= protected
    # Held by no role that does not publish: only superusers hand it out.
    assert "agenda.delete_venue" in protected
    assert "agenda.change_event" not in protected  # editors hold it too
    roles.sync_role_permissions()
    assert roles.group_can_publish(Group.objects.get(name=AGENDA_PUBLISHERS))
    assert not roles.group_can_publish(Group.objects.get(name=roles.EDITORS))


class TestMigration:
    """comunicacio 0005: the holders of the global permission get every
    per-type one, and the global one is retired (and back on reversal)."""

    migration = importlib.import_module("comunicacio.migrations.0005_publish_per_type")

    def legacy(self):
        content_type = ContentType.objects.get_for_model(Transition)
        return Permission.objects.create(content_type=content_type, codename="publish_content", name="Global")

    def test_holders_of_the_global_permission_get_every_per_type_one(self):
        Permission.objects.filter(codename__startswith="publish_").delete()  # as before 0005
        legacy = self.legacy()
        group = Group.objects.create(name="Premsa antiga")
        group.permissions.add(legacy)
        person = make_user(None)
        person.user_permissions.add(legacy)
        bystander = make_user(None)

        self.migration.split_publish_permission(apps, None)

        wanted = roles.publish_permissions()
        assert len(wanted) >= 2
        assert {p for p in perms(group) if ".publish_" in p} == wanted
        person = type(person).objects.get(pk=person.pk)
        assert {p for p in person.get_all_permissions() if ".publish_" in p} == wanted
        assert not {p for p in bystander.get_all_permissions() if ".publish_" in p}
        assert not Permission.objects.filter(codename="publish_content").exists()

    def test_a_new_database_has_nothing_to_split(self):
        self.migration.split_publish_permission(apps, None)
        assert not Permission.objects.filter(codename="publish_content").exists()

    def test_reversal_joins_them_again(self):
        publishers = Group.objects.get(name=roles.PUBLISHERS)
        editors = Group.objects.get(name=roles.EDITORS)
        self.migration.join_publish_permissions(apps, None)
        assert "comunicacio.publish_content" in perms(publishers)
        assert "comunicacio.publish_content" not in perms(editors)
        assert not Permission.objects.filter(codename="publish_newsitem").exists()
