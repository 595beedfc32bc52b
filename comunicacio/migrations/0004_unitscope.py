import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Roles limited to a unit and its sub-units (comunicacio.role_scopes)."""

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("comunicacio", "0003_effect_outbox_fields"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="UnitScope",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "group",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="unit_scopes",
                        to="auth.group",
                        verbose_name="rol",
                    ),
                ),
                (
                    "unit",
                    models.ForeignKey(
                        help_text="El rol només s'aplica als continguts d'aquesta unitat i de les que en depenen.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="role_scopes",
                        to="comunicacio.unit",
                        verbose_name="unitat",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        help_text="Buit: el límit s'aplica a tots els membres del rol.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="unit_scopes",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="usuari",
                    ),
                ),
            ],
            options={
                "verbose_name": "límit per unitat",
                "verbose_name_plural": "límits per unitat",
                "ordering": ["group__name", "unit__name"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("user__isnull", True)),
                        fields=("group", "unit"),
                        name="unitscope_unique_for_role",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("user__isnull", False)),
                        fields=("group", "user", "unit"),
                        name="unitscope_unique_for_member",
                    ),
                ],
            },
        ),
    ]
