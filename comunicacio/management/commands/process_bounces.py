"""Read bounces (RFC 3464 DSNs) of every registered mailing (press notes...)
from a Maildir."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from comunicacio.mail.bounces import process_maildir


class Command(BaseCommand):
    help = "Mark mail deliveries (press notes...) as bounced from the DSNs in a Maildir (new messages only)."

    def add_arguments(self, parser):
        parser.add_argument("maildir", type=Path)

    def handle(self, *args, maildir: Path, **options):
        if not (maildir / "new").is_dir():
            raise CommandError(f"{maildir} is not a Maildir (no 'new' folder).")
        recorded, ignored = process_maildir(maildir)
        self.stdout.write(f"{recorded} bounces recorded, {ignored} messages ignored.")
