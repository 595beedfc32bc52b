"""Covering partial indexes for the public news lists on PostgreSQL.

A list page first selects the ids of one page in ``-publish_at, -id`` order
among visible news (see ``comunicacio/pagination.py``). Visibility also reads
``expire_at`` and ``embargo_until``; with them INCLUDEd in the index, the id
query of any page (page 500 too) is an index-only scan instead of a heap fetch
per skipped row or a sort of the whole table. The kind and unit variants also
carry the other filter column, so the usual filter combinations stay
index-only. A no-op on other databases.
"""

from django.db import migrations

VISIBILITY = "expire_at, embargo_until"
INDEXES = {
    "news_visible_cover_idx": f"(publish_at DESC, id DESC) INCLUDE ({VISIBILITY})",
    "news_kind_visible_cover_idx": f"(kind, publish_at DESC, id DESC) INCLUDE (unit_id, {VISIBILITY})",
    "news_unit_visible_cover_idx": f"(unit_id, publish_at DESC, id DESC) INCLUDE (kind, {VISIBILITY})",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, columns in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON news_newsitem {columns} WHERE status = 'published'"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("news", "0002_search")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
