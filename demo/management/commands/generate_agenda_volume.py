"""Bulk agenda volume for benchmarks: thousands of published events, some of
them weekly series, with their occurrences materialised.

Like ``generate_volume`` for news, this bypasses the publishing workflow and
per-event saves (no revisions or effects): the rows are ordinary published
events, visible by the usual query. Meant for a benchmark database."""

import random
import time
from datetime import datetime, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from agenda import actions
from agenda.models import Audience, Category, Event, EventSession, Frequency, Status, Venue
from comunicacio import search

BATCH_SIZE = 2000
EXISTING_LIMIT = 1000
WORDS = [
    "Concert",
    "Taller",
    "Xerrada",
    "Exposició",
    "Caminada",
    "Torneig",
    "Festa",
    "Cinema",
    "Mercat",
    "Conte",
    "Teatre",
    "Ball",
    "Sardanes",
    "Fira",
    "Curs",
    "Trobada",
    "Jornada",
    "Visita",
]
PLACES = ["de tardor", "a la plaça", "al parc", "per a famílies", "de la biblioteca", "solidari", "popular"]


class Command(BaseCommand):
    help = "Creates a benchmark volume of published events (and weekly series) with their occurrences."

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=10_000)
        parser.add_argument(
            "--series", type=int, default=500, help="how many of the events are weekly series"
        )
        parser.add_argument("--force", action="store_true", help="run even if many events exist")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, events: int, series: int, force: bool, seed: int, **options):
        if series > events:
            raise CommandError("--series cannot exceed --events.")
        if not force and Event.objects.count() > EXISTING_LIMIT:
            raise CommandError(f"More than {EXISTING_LIMIT} events exist already; use --force.")
        rng = random.Random(seed)
        started = time.perf_counter()
        with transaction.atomic():
            occurrences = self._generate(rng, events, series)
            # bulk_create() bypasses the search index's post_save refresh.
            search.rebuild(Event)
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner guesses from an empty table.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE agenda_event, agenda_occurrence, agenda_eventsession")
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{events} events ({series} series), {occurrences} occurrences in {seconds:.1f} s."
            )
        )

    def _generate(self, rng, count: int, series: int) -> int:
        venues = list(Venue.objects.all()[:20])
        if not venues:
            venues = Venue.objects.bulk_create(
                [
                    Venue(name=f"Espai {n}", address=f"Carrer {n}", town="Vilanova del Riu")
                    for n in range(1, 21)
                ]
            )
        audiences = list(Audience.objects.all())
        today = timezone.localdate()
        now = timezone.now()
        prefix = f"vol-{int(time.time())}"
        categories = Category.values
        made = 0
        for offset in range(0, count, BATCH_SIZE):
            size = min(BATCH_SIZE, count - offset)
            batch = []
            for index in range(offset, offset + size):
                recurring = index < series
                title = f"{rng.choice(WORDS)} {rng.choice(PLACES)} {index + 1}"
                batch.append(
                    Event(
                        title=title,
                        slug=f"{prefix}-{index + 1}",
                        summary=f"{title}: activitat de prova per mesurar el rendiment de l'agenda.",
                        description="<p>Descripció de l'activitat.</p>",
                        category=rng.choice(categories),
                        venue=rng.choice(venues),
                        organiser_name="Entitat de prova",
                        is_free=rng.random() < 0.7,
                        price_text="5 €",
                        accessible=rng.random() < 0.5,
                        featured=rng.random() < 0.02,
                        status=Status.PUBLISHED,
                        publish_at=now - timedelta(days=rng.randint(1, 400)),
                        recurrence_frequency=Frequency.WEEKLY if recurring else "",
                        recurrence_until=today + timedelta(days=rng.randint(60, 730)) if recurring else None,
                    )
                )
            Event.objects.bulk_create(batch)
            batch = list(Event.objects.filter(slug__in=[e.slug for e in batch]).order_by("pk"))
            sessions = []
            for event in batch:
                day = today + timedelta(days=rng.randint(-365, 365))
                if event.recurrence_frequency:
                    day = today - timedelta(days=rng.randint(0, 60))
                start = timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(
                    hours=rng.choice([10, 11, 17, 18, 19, 21])
                )
                sessions.append(EventSession(event=event, start=start, end=start + timedelta(hours=2)))
            EventSession.objects.bulk_create(sessions)
            sessions = {s.event_id: s for s in EventSession.objects.filter(event__in=batch)}
            links = [
                Event.audiences.through(event_id=event.pk, audience_id=audience.pk)
                for event in batch
                for audience in rng.sample(audiences, k=rng.randint(1, 2))
            ]
            Event.audiences.through.objects.bulk_create(links)
            made += actions.materialise_bulk_loaded(batch, sessions)
        return made
