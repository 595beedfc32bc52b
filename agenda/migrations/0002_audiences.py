from django.db import migrations

AUDIENCES = [
    ("infants", "Infants", "Niños", 1),
    ("joves", "Joves", "Jóvenes", 2),
    ("families", "Famílies", "Familias", 3),
    ("gent-gran", "Gent gran", "Gente mayor", 4),
    ("tots-els-publics", "Tots els públics", "Todos los públicos", 5),
]


def create_audiences(apps, schema_editor):
    Audience = apps.get_model("agenda", "Audience")
    for slug, name, name_es, position in AUDIENCES:
        Audience.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_es": name_es, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("agenda", "0001_initial")]

    operations = [migrations.RunPython(create_audiences, migrations.RunPython.noop)]
