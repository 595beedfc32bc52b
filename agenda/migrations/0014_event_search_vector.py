"""The site search's stored document for events (``comunicacio.search``):
a ``search_vector`` column, filled for existing events, with a GIN index
and trigram indexes on the unaccented titles for typo tolerance (PostgreSQL only; the
column stays empty elsewhere)."""

import django.contrib.postgres.search
from django.db import migrations

# The document as declared in Event.search_fields when this migration was
# written (later changes rebuild with ``manage.py rebuild_search_index``).
DOCUMENT = " || ".join(
    f"setweight(to_tsvector('{config}', coalesce({column}, '')), '{weight}')"
    for column, weight, config in (
        ("title", "A", "comunicacio_ca"),
        ("title_es", "A", "comunicacio_es"),
        ("summary", "B", "comunicacio_ca"),
        ("summary_es", "B", "comunicacio_es"),
        ("description", "C", "comunicacio_ca"),
        ("description_es", "C", "comunicacio_es"),
    )
)
INDEXES = (
    ("agenda_event_search_gin", "search_vector"),
    ("agenda_event_title_trgm", "comunicacio_unaccent(title) gin_trgm_ops"),
    ("agenda_event_title_es_trgm", "comunicacio_unaccent(title_es) gin_trgm_ops"),
)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"UPDATE agenda_event SET search_vector = {DOCUMENT}")
    for name, column in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON agenda_event USING gin ({column})")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("agenda", "0013_proposal_images_private"), ("comunicacio", "0006_search")]

    operations = [
        migrations.AddField(
            model_name="event",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
