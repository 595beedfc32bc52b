import comunicacio.images
import comunicacio.storage
from django.db import migrations


def move_to_private_storage(apps, schema_editor):
    """Images of proposals received before this migration were stored under
    the public media folder: move them to the private storage."""
    from django.core.files.storage import default_storage

    private = comunicacio.storage.private_storage()
    EventProposal = apps.get_model("agenda", "EventProposal")
    for name in EventProposal.objects.exclude(image="").values_list("image", flat=True):
        if not default_storage.exists(name):
            continue
        if not private.exists(name):
            with default_storage.open(name, "rb") as handle:
                saved = private.save(name, handle)
            if saved != name:
                EventProposal.objects.filter(image=name).update(image=saved)
        default_storage.delete(name)


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0012_occurrence_multi_day"),
    ]

    operations = [
        migrations.AlterField(
            model_name="eventproposal",
            name="image",
            field=comunicacio.images.ImageUploadField(
                blank=True,
                storage=comunicacio.storage.private_storage,
                upload_to="proposals/%Y/%m/",
                verbose_name="imatge",
            ),
        ),
        migrations.RunPython(move_to_private_storage, migrations.RunPython.noop, elidable=True),
    ]
