"""Point the moved models' content types at this app.

Transitions, revisions, effects, admin log entries and permissions refer to
their entries through ``django_content_type``: renaming its rows' app label
(rather than letting Django create new ones) keeps every one of them pointing
at the same entry, and every permission (same codenames) held by the same
groups and users.
"""

from django.db import migrations

MODELS = ("holder", "institutionalentry", "guest")


def _relabel(apps, schema_editor, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        if ContentType.objects.using(db).filter(app_label=new, model=model).exists():
            # Already created under the new label (post_migrate ran between
            # the two migrations): leave both rather than fail on uniqueness.
            continue
        ContentType.objects.using(db).filter(app_label=old, model=model).update(app_label=new)
    # The running process may have cached the old rows (tests migrate and
    # keep going in the same process).
    from django.contrib.contenttypes.models import ContentType as LiveContentType

    LiveContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    _relabel(apps, schema_editor, "agenda", "institutional")


def backwards(apps, schema_editor):
    _relabel(apps, schema_editor, "institutional", "agenda")


class Migration(migrations.Migration):
    dependencies = [
        ("institutional", "0001_initial"),
        ("agenda", "0015_institutional_moved_out"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
