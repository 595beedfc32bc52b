"""Rebuild every event's occurrence rows (keeping per-occurrence edits)."""

from django.core.management.base import BaseCommand

from agenda import actions


class Command(BaseCommand):
    help = "Materialises the occurrences of every event up to the horizon and prints the time taken."

    def handle(self, *args, **options):
        totals = actions.regenerate_occurrences()
        self.stdout.write(
            self.style.SUCCESS(
                f"{totals['events']} events: {totals['created']} occurrences created, "
                f"{totals['updated']} updated, {totals['deleted']} deleted in {totals['seconds']:.2f} s."
            )
        )
