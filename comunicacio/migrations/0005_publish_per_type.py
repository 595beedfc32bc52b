from django.conf import settings
from django.db import migrations

LEGACY = "publish_content"  # comunicacio.publish_content, on Transition
NAME = "Pot aprovar, programar, publicar i retirar: %s"  # as roles.PUBLISH_PERMISSION_NAME
# The fields every publishable model has (publishing.models.Publishable):
# historical models keep no abstract bases, so they are recognised by these.
PUBLISHABLE_FIELDS = {"status", "publish_at", "expire_at", "publication"}


def _publishable_content_types(apps):
    """(content type, model) of every publishable model whose content type
    exists. A model without one is new: nobody held its rights yet, and the
    roles get its publish permission when synchronised after migrate."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in apps.get_models():
        if PUBLISHABLE_FIELDS <= {field.name for field in model._meta.get_fields()}:
            opts = model._meta
            content_type = ContentType.objects.filter(app_label=opts.app_label, model=opts.model_name).first()
            if content_type is not None:
                yield content_type, model


def split_publish_permission(apps, schema_editor):
    """Every group and user that held the global publish permission gets the
    publish permission of every content type; then the global one goes."""
    Permission = apps.get_model("auth", "Permission")
    legacy = Permission.objects.filter(content_type__app_label="comunicacio", codename=LEGACY).first()
    if legacy is None:
        return  # a new database: permissions are created after migrate
    for content_type, model in _publishable_content_types(apps):
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"publish_{model._meta.model_name}",
            defaults={"name": NAME % model._meta.verbose_name_raw},
        )
        permission.group_set.add(*legacy.group_set.all())
        permission.user_set.add(*legacy.user_set.all())
    legacy.delete()


def join_publish_permissions(apps, schema_editor):
    """Back to one global permission, for whoever held any per-type one."""
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    codenames = [f"publish_{model._meta.model_name}" for _, model in _publishable_content_types(apps)]
    per_type = Permission.objects.filter(codename__in=codenames)
    if not per_type.exists():
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="comunicacio", model="transition")
    legacy, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=LEGACY,
        defaults={"name": "Pot aprovar, programar, publicar i retirar contingut"},
    )
    Group = apps.get_model("auth", "Group")
    legacy.group_set.add(*Group.objects.filter(permissions__in=per_type).distinct())
    User = apps.get_model(settings.AUTH_USER_MODEL)
    legacy.user_set.add(*User.objects.filter(user_permissions__in=per_type).distinct())
    per_type.delete()


class Migration(migrations.Migration):
    """One publish permission per content type (news.publish_newsitem,
    agenda.publish_event...) instead of comunicacio.publish_content, which
    is retired: its holders get every per-type one."""

    dependencies = [
        ("comunicacio", "0004_unitscope"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(split_publish_permission, join_publish_permissions),
        migrations.AlterModelOptions(
            name="transition",
            options={
                "ordering": ["-at", "-pk"],
                "verbose_name": "canvi d'estat",
                "verbose_name_plural": "canvis d'estat",
            },
        ),
    ]
