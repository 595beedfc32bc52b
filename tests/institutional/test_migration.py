"""Moving the institutional agenda out of ``agenda`` keeps every row that
points at an entry pointing at it: its transitions, revisions, effects, admin
log, and the permissions groups and users hold on it. Runs on whichever
database the suite runs on (SQLite and PostgreSQL)."""

from datetime import UTC, datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from comunicacio.publishing.models import Effect, Revision, Transition
from institutional.models import Holder, InstitutionalEntry

MOVED = ("holder", "institutionalentry", "guest")
# The last state in which the models belonged to agenda.
BEFORE = [("agenda", "0013_proposal_images_private"), ("institutional", None)]
WHEN = datetime(2026, 11, 20, 9, tzinfo=UTC)


def migrate(targets):
    """Migrate and return the historical apps of the resulting state."""
    executor = MigrationExecutor(connection)
    state = executor.migrate(targets)
    ContentType.objects.clear_cache()
    return state.apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def make_old_rows(apps) -> dict:
    """An entry with a guest, a transition, a revision, an effect, an admin
    log entry and permissions, written with the models as agenda had them."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    User = apps.get_model("auth", "User")
    OldGroup = apps.get_model("auth", "Group")
    holder = apps.get_model("agenda", "Holder").objects.create(
        name="Anna Puig", position="Alcaldessa", slug="anna-puig"
    )
    entry = apps.get_model("agenda", "InstitutionalEntry").objects.create(
        holder=holder, start=WHEN, subject="Reunió amb la Cambra", status="published", publish_at=WHEN
    )
    apps.get_model("agenda", "Guest").objects.create(entry=entry, name="Convidada Secreta")
    entry_type, _ = ContentType.objects.get_or_create(app_label="agenda", model="institutionalentry")
    target = {"content_type": entry_type, "object_id": entry.pk}
    editor = User.objects.create(username="redactora", is_staff=True)
    change, _ = Permission.objects.get_or_create(
        content_type=entry_type, codename="change_institutionalentry", defaults={"name": "Can change"}
    )
    holder_type, _ = ContentType.objects.get_or_create(app_label="agenda", model="holder")
    view_holder, _ = Permission.objects.get_or_create(
        content_type=holder_type, codename="view_holder", defaults={"name": "Can view"}
    )
    editor.user_permissions.add(change)
    group = OldGroup.objects.create(name="Protocol")
    group.permissions.add(view_holder)
    group.user_set.add(editor)
    return {
        "entry": entry.pk,
        "content_type": entry_type.pk,
        "editor": editor.pk,
        "transition": apps.get_model("comunicacio", "Transition")
        .objects.create(**target, action="publish", from_status="draft", to_status="published", at=WHEN)
        .pk,
        "revision": apps.get_model("comunicacio", "Revision")
        .objects.create(**target, data={"subject": entry.subject}, created_at=WHEN)
        .pk,
        "effect": apps.get_model("comunicacio", "Effect")
        .objects.create(**target, handler="workflow.notify", key="published:1", due_at=WHEN)
        .pk,
        "log": apps.get_model("admin", "LogEntry")
        .objects.create(
            user=editor,
            content_type=entry_type,
            object_id=str(entry.pk),
            object_repr=entry.subject,
            action_flag=1,
            action_time=WHEN,
        )
        .pk,
    }


@pytest.mark.django_db(transaction=True)
def test_moving_the_app_keeps_every_row_pointing_at_its_entry(django_user_model):
    old_apps = migrate(BEFORE)
    try:
        # Going back relabelled the content types the test database had.
        assert not ContentType.objects.filter(app_label="institutional", model__in=MOVED).exists()
        old = make_old_rows(old_apps)
    finally:
        migrate(latest())

    entry = InstitutionalEntry.objects.get(pk=old["entry"])
    assert entry.holder == Holder.objects.get(slug="anna-puig")
    assert list(entry.guests.values_list("name", flat=True)) == ["Convidada Secreta"]

    entry_type = ContentType.objects.get_for_model(InstitutionalEntry)
    assert (entry_type.pk, entry_type.app_label) == (old["content_type"], "institutional")
    assert not ContentType.objects.filter(app_label="agenda", model__in=MOVED).exists()

    assert Transition.objects.get(pk=old["transition"]).target == entry
    assert list(Revision.for_item(entry).values_list("pk", flat=True)) == [old["revision"]]
    assert list(Effect.for_item(entry).values_list("pk", flat=True)) == [old["effect"]]
    assert LogEntry.objects.get(pk=old["log"]).get_edited_object() == entry

    editor = django_user_model.objects.get(pk=old["editor"])
    assert editor.has_perm("institutional.change_institutionalentry")
    assert editor.has_perm("institutional.view_holder")  # through its group
    assert not editor.has_perm("agenda.change_institutionalentry")
    assert list(Group.objects.get(name="Protocol").permissions.values_list("codename", flat=True)) == [
        "view_holder"
    ]


@pytest.mark.django_db(transaction=True)
def test_the_moved_models_keep_their_tables():
    tables = set(connection.introspection.table_names())
    assert {"agenda_holder", "agenda_institutionalentry", "agenda_guest"} <= tables
    assert {model._meta.db_table for model in (Holder, InstitutionalEntry, entry_guest_model())} == {
        "agenda_holder",
        "agenda_institutionalentry",
        "agenda_guest",
    }
    # Neither half of the move touches the database.
    executor = MigrationExecutor(connection)
    for app, name in (("institutional", "0001_initial"), ("agenda", "0015_institutional_moved_out")):
        migration = executor.loader.get_migration(app, name)
        state = executor.loader.project_state((app, name), at_end=False)
        with connection.schema_editor(collect_sql=True, atomic=False) as editor:
            migration.apply(state, editor, collect_sql=True)
        assert not [sql for sql in editor.collected_sql if not sql.startswith("--")], (app, name)


def entry_guest_model():
    return InstitutionalEntry._meta.get_field("guests").related_model
