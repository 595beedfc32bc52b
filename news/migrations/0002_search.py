"""PostgreSQL full-text search: unaccented Catalan and Spanish text search
configurations and a GIN index on ``news_newsitem.search_vector``.

A no-op on other databases (SQLite uses the fallback in ``news.search``).
"""

from django.db import migrations

CONFIGURATIONS = (
    ("comunicacio_ca", "catalan", "catalan_stem"),
    ("comunicacio_es", "spanish", "spanish_stem"),
)
INDEX_NAME = "news_newsitem_search_gin"


def create_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, source, stemmer in CONFIGURATIONS:
        # CREATE TEXT SEARCH CONFIGURATION has no IF NOT EXISTS.
        schema_editor.execute(
            f"""
            DO $$
            BEGIN
                IF NOT EXISTS (
                    SELECT 1 FROM pg_ts_config
                    WHERE cfgname = '{name}' AND cfgnamespace = current_schema()::regnamespace
                ) THEN
                    CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{source});
                END IF;
            END
            $$
            """
        )
        # Accents are stripped before stemming, on both documents and queries,
        # so "informacio" finds "informació". ASCII-only token types have no
        # accents to strip.
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR word, hword, hword_part WITH unaccent, {stemmer}"
        )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON news_newsitem USING gin (search_vector) "
        # No pending list: search stays fast right after a bulk rebuild, and a
        # newsroom writes rarely enough that direct index updates cost nothing.
        "WITH (fastupdate = off)"
    )


def drop_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")
    for name, _source, _stemmer in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
    # The unaccent extension stays: other objects may have come to use it.


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]

    operations = [migrations.RunPython(create_search, drop_search)]
