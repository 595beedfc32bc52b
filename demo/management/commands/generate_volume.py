"""Bulk volume for benchmarks: tens of thousands of published news in seconds.

This deliberately bypasses the publishing workflow (no transitions, revisions
or effects, no per-item save): going through ``workflow.perform`` for 20,000
items would take many minutes and measure nothing the benchmark is about. The
rows it writes are ordinary published news, visible by the usual query. It is
meant for an empty (or nearly empty) benchmark database only and refuses to
run on one that already holds a lot of news unless told otherwise.
"""

import functools
import io
import random
import time
from datetime import timedelta
from unittest import mock

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from comunicacio import richtext
from comunicacio.media import Image
from comunicacio.models import Unit
from comunicacio.publishing.models import Status
from news.models import Kind, NewsItem

BATCH_SIZE = 2000
EXISTING_LIMIT = 1000

UNITS = [
    ("Àrea de Comunicació", Unit.Kind.AREA),
    ("Urbanisme i Via Pública", Unit.Kind.DEPARTMENT),
    ("Serveis Socials", Unit.Kind.DEPARTMENT),
    ("Cultura i Festes", Unit.Kind.DEPARTMENT),
    ("Esports", Unit.Kind.SERVICE),
    ("Medi Ambient", Unit.Kind.DEPARTMENT),
    ("Educació", Unit.Kind.DEPARTMENT),
    ("Policia Local", Unit.Kind.SERVICE),
]
TAGS = [
    "mobilitat",
    "cultura",
    "festa major",
    "obres",
    "medi ambient",
    "educació",
    "esports",
    "gent gran",
    "joventut",
    "habitatge",
    "pressupost",
    "seguretat",
]
SUBJECTS = [
    "L'Ajuntament",
    "La regidoria de Cultura",
    "El servei d'Esports",
    "La Policia Local",
    "L'Àrea de Medi Ambient",
    "El consell d'infants",
    "La biblioteca municipal",
    "L'escola de música",
]
ACTIONS = [
    "presenta",
    "obre les inscripcions de",
    "anuncia",
    "inaugura",
    "aprova",
    "posa en marxa",
    "amplia",
    "celebra",
]
OBJECTS = [
    "el nou carril bici del passeig",
    "la campanya de reciclatge als barris",
    "les obres de la plaça Major",
    "el programa d'activitats d'estiu",
    "la renovació de l'enllumenat públic",
    "els ajuts per al lloguer jove",
    "la festa major de tardor",
    "el pressupost participatiu",
    "el tall de subministrament d'aigua al carrer de la Font",
    "la jornada de portes obertes del pavelló",
]
PARAGRAPHS = [
    "Les actuacions començaran la setmana vinent i es preveu que durin un mes.",
    "Les persones interessades poden demanar informació a l'Oficina d'Atenció Ciutadana.",
    "El projecte compta amb el suport de la Diputació i dels veïns del barri.",
    "L'horari d'atenció serà de dilluns a divendres, de 9 a 14 h.",
    "La inscripció és gratuïta i es pot fer a la seu electrònica.",
]


class Command(BaseCommand):
    help = "Bulk-creates published news for benchmarks (bypasses the workflow; empty benchmark DB only)."

    def add_arguments(self, parser):
        parser.add_argument("--news", type=int, default=20_000, help="How many news items to create.")
        parser.add_argument("--years", type=int, default=6, help="Spread publication over this many years.")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--images", type=int, default=2, help="Images to generate and reuse (0: none).")
        parser.add_argument(
            "--force",
            action="store_true",
            help=f"Run even if the database already holds more than {EXISTING_LIMIT} news.",
        )

    def handle(self, *args, news: int, years: int, seed: int, images: int, force: bool, **options):
        if news < 0:
            raise CommandError("--news must be zero or more.")
        existing = NewsItem.objects.count()
        if existing > EXISTING_LIMIT and not force:
            raise CommandError(
                f"The database already holds {existing} news; this command is for an empty "
                "benchmark database (use --force to add more anyway)."
            )
        started = time.monotonic()
        rng = random.Random(seed)
        units = self.ensure_units()
        tags = self.ensure_tags()
        image_rows = self.ensure_images(images)
        # Bodies come from a small pool: sanitise each distinct one once
        # instead of running bleach 20,000 times in RichTextField.pre_save.
        with mock.patch("comunicacio.richtext.sanitize", functools.lru_cache(maxsize=256)(richtext.sanitize)):
            created = self.create_news(news, years, rng, units, tags, image_rows)
        self.stdout.write(f"Created {created} news in {time.monotonic() - started:.1f} s.")
        self.rebuild_search()
        self.refresh_statistics()
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")

    def ensure_units(self) -> list[Unit]:
        units = list(Unit.objects.all())
        if units:
            return units
        return Unit.objects.bulk_create(
            Unit(name=name, slug=slugify(name), kind=kind) for name, kind in UNITS
        )

    def ensure_tags(self) -> list[Tag]:
        tags = []
        for name in TAGS:
            tag, _created = Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})
            tags.append(tag)
        return tags

    def ensure_images(self, count: int) -> list[Image]:
        if count <= 0:
            return []
        found = list(Image.objects.filter(title__startswith="Volum ")[:count])
        for number in range(len(found), count):
            found.append(self.make_image(number))
        return found

    def make_image(self, number: int) -> Image:
        from django.core.files.base import ContentFile
        from django.core.files.storage import default_storage
        from PIL import Image as PILImage

        colour = [(30, 90, 160), (200, 120, 40), (60, 150, 80)][number % 3]
        buffer = io.BytesIO()
        PILImage.new("RGB", (1200, 800), colour).save(buffer, "JPEG", quality=85)
        # A clean image we made ourselves: stored directly (no upload checks
        # needed); Image.save() still generates the renditions.
        name = default_storage.save(f"images/volum/volum-{number}.jpg", ContentFile(buffer.getvalue()))
        image = Image(
            title=f"Volum {number}",
            file=name,
            width=1200,
            height=800,
            alt_text="Plaça de l'Ajuntament amb gent passejant",
            credit="Foto: Ajuntament",
        )
        image.save()
        return image

    def create_news(self, total, years, rng, units, tags, image_rows) -> int:
        now = timezone.now()
        span_seconds = years * 365 * 24 * 3600
        tag_type = ContentType.objects.get_for_model(NewsItem)
        bodies = [
            "".join(f"<p>{p}</p>" for p in rng.sample(PARAGRAPHS, k=rng.randint(2, len(PARAGRAPHS))))
            for _ in range(20)
        ]
        offset = NewsItem.objects.count()
        created = 0
        for start in range(0, total, BATCH_SIZE):
            batch = []
            for number in range(start, min(start + BATCH_SIZE, total)):
                serial = offset + number + 1
                title = f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS)} {rng.choice(OBJECTS)}"
                kind = rng.choices(Kind.values, weights=[5, 2, 3])[0]
                # Published at least a minute ago, spread over the years.
                publish_at = now - timedelta(seconds=60 + rng.randrange(span_seconds))
                batch.append(
                    NewsItem(
                        kind=kind,
                        title=title,
                        slug=f"{slugify(title)[:190]}-{serial}",
                        summary=f"{title}. {rng.choice(PARAGRAPHS)}",
                        body=rng.choice(bodies),
                        unit=rng.choice(units),
                        image=rng.choice(image_rows) if image_rows and rng.random() < 0.3 else None,
                        featured=rng.random() < 0.01,
                        status=Status.PUBLISHED,
                        publish_at=publish_at,
                        publication=1,
                    )
                )
            with transaction.atomic():
                items = self.insert(batch)
                links = [
                    TaggedItem(tag=tag, content_type=tag_type, object_id=item.pk)
                    for item in items
                    for tag in rng.sample(tags, k=rng.randint(0, 3))
                ]
                TaggedItem.objects.bulk_create(links)
            created += len(items)
        return created

    def insert(self, items: list[NewsItem]) -> list[NewsItem]:
        """bulk_create, or on PostgreSQL a COPY of the same field values
        (fields' pre_save still runs: rich text is sanitised, timestamps set),
        several times faster than one INSERT with 50,000 parameters."""
        if connection.vendor != "postgresql":
            return NewsItem.objects.bulk_create(items)
        fields = [field for field in NewsItem._meta.concrete_fields if not field.primary_key]
        columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        table = connection.ops.quote_name(NewsItem._meta.db_table)
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for item in items:
                    copy.write_row(
                        [field.get_db_prep_save(field.pre_save(item, True), connection) for field in fields]
                    )
            cursor.execute(
                f"SELECT slug, id FROM {table} WHERE slug = ANY(%s)", [[item.slug for item in items]]
            )
            ids = dict(cursor.fetchall())
        for item in items:
            item.pk = ids[item.slug]
            item._state.adding = False
        return items

    def rebuild_search(self) -> None:
        from news import search

        rebuild = getattr(search, "rebuild_all", None)
        if rebuild is None:
            return
        started = time.monotonic()
        rebuild()
        self.stdout.write(f"Search vectors rebuilt in {time.monotonic() - started:.1f} s.")

    def refresh_statistics(self) -> None:
        """Bulk loads leave the planner without statistics (it would sort the
        whole table for a page) and the visibility map empty (no index-only
        scans) until autovacuum comes by: do its work now."""
        if connection.vendor != "postgresql":
            return
        # VACUUM cannot run in a transaction (e.g. when called from a test).
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            for table in (NewsItem._meta.db_table, TaggedItem._meta.db_table):
                cursor.execute(f"{command} {connection.ops.quote_name(table)}")
