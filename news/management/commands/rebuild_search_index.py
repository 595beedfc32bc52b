from django.core.management.base import BaseCommand

from news.search import full_text_available, rebuild_all


class Command(BaseCommand):
    help = (
        "Recompute the full-text search vector of every news item (PostgreSQL). "
        "Run it after loading news with bulk_create() or QuerySet.update(), which bypass save()."
    )

    def handle(self, *args, **options):
        if not full_text_available():
            self.stdout.write("Nothing to rebuild: the full-text index exists only on PostgreSQL.")
            return
        count = rebuild_all()
        self.stdout.write(self.style.SUCCESS(f"Rebuilt the search vector of {count} news items."))
