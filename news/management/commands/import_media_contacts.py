"""Import media contacts from a CSV file (see ``news.press.contact_import``)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from news.press.contact_import import ImportFileError, import_contacts


class Command(BaseCommand):
    help = "Import media contacts from a CSV file (UTF-8, ';' or ',' separated, header row)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from exc
        try:
            report = import_contacts(data)
        except ImportFileError as exc:
            raise CommandError(f"Nothing imported: {exc}") from exc
        self.stdout.write(f"Imported {len(report.imported)} contacts.")
        if report.created_lists:
            self.stdout.write(f"New lists: {', '.join(report.created_lists)}.")
        for row in report.rejected:
            self.stderr.write(f"Line {row.line}: {row.reason}")
        if report.rejected:
            self.stderr.write(f"{len(report.rejected)} rows rejected.")
