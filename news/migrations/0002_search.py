"""Historical: the search's text search configurations and the GIN index on
``news_newsitem.search_vector`` were created here before the site search
moved to the foundation. They now come from ``comunicacio.0006_search``
(configurations, extensions) and ``news.0005_search_indexes`` (indexes),
both tolerant of databases where this migration already ran, so this one
does nothing: it stays because applied migrations cannot be deleted.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]

    operations = []
