from django.core.management.base import BaseCommand

from comunicacio import search


class Command(BaseCommand):
    help = (
        "Recompute the stored full-text search document of every searchable item (PostgreSQL). "
        "Run it after loading content with bulk_create() or QuerySet.update(), which bypass save()."
    )

    def handle(self, *args, **options):
        models = search.index.indexed_models()
        if not models or not search.full_text_available(models[0]):
            self.stdout.write("Nothing to rebuild: the full-text index exists only on PostgreSQL.")
            return
        for label, count in search.rebuild_all().items():
            self.stdout.write(self.style.SUCCESS(f"Rebuilt the search document of {count} rows of {label}."))
