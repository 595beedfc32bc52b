"""The site search's database objects on PostgreSQL (a no-op elsewhere):
the unaccent and pg_trgm extensions, the unaccented Catalan and Spanish
text search configurations (``comunicacio.search.postgres.CONFIGURATIONS``)
and ``comunicacio_unaccent(text)``, an immutable ``unaccent`` that trigram
indexes on expressions can use (``unaccent`` itself is only stable).

Databases migrated before the search moved to the foundation already have
the configurations and unaccent from ``news.0002_search``; every statement
here tolerates that (and running twice): extensions and configurations are
created only if missing, the mapping is set, not added, and the function
is created or replaced.
"""

from django.db import migrations

UNACCENT_FUNCTION = "comunicacio_unaccent"
CONFIGURATIONS = (
    ("comunicacio_ca", "catalan", "catalan_stem"),
    ("comunicacio_es", "spanish", "spanish_stem"),
)


def create_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    # Typo tolerance: trigram similarity and its GIN operator class.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent'")
        (schema,) = cursor.fetchone()
    # Schema-qualified, so the function does not depend on the caller's
    # search_path, which is what makes declaring it immutable honest.
    schema_editor.execute(
        f"""
        CREATE OR REPLACE FUNCTION {UNACCENT_FUNCTION}(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT {schema}.unaccent('{schema}.unaccent'::regdictionary, $1) $$
        """
    )
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


def drop_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _source, _stemmer in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {UNACCENT_FUNCTION}(text)")
    # The extensions stay: other objects may have come to use them.


class Migration(migrations.Migration):
    dependencies = [("comunicacio", "0005_publish_per_type")]

    operations = [migrations.RunPython(create_search, drop_search)]
