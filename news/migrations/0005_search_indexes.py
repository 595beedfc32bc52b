"""The site search's indexes on news (PostgreSQL only): the GIN index on the
stored document (already there on databases where ``0002_search`` created
it) and trigram indexes on the unaccented titles for typo tolerance."""

from django.db import migrations

VECTOR_INDEX = "news_newsitem_search_gin"
TITLE_INDEXES = (("news_newsitem_title_trgm", "title"), ("news_newsitem_title_es_trgm", "title_es"))


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {VECTOR_INDEX} ON news_newsitem USING gin (search_vector) "
        # No pending list: search stays fast right after a bulk rebuild, and a
        # newsroom writes rarely enough that direct index updates cost nothing.
        "WITH (fastupdate = off)"
    )
    for name, column in TITLE_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON news_newsitem "
            f"USING gin (comunicacio_unaccent({column}) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _column in TITLE_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {VECTOR_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("news", "0004_media_relations"), ("comunicacio", "0006_search")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
