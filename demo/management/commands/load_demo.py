"""Load the Catalan demo content of Vilanova del Riu; safe to run on every start."""

from django.conf import settings
from django.core.management.base import BaseCommand

from demo import dashboard, loader, press
from demo.users import DEMO_USERS


class Command(BaseCommand):
    help = "Loads the demo content (units, users, images, pages, news). Idempotent."

    def handle(self, *args, **options):
        from demo import social as social_demo

        # First, so the demo's recent news are posted to the local fake networks.
        accounts = social_demo.load()
        summary = loader.load()
        summary.counts["social accounts (local fakes)"] = accounts
        # The mailings go out when the worker runs the notes' publication effects.
        summary.counts["media contacts"] = press.load()
        dashboard.load_press()  # a bounced delivery for the dashboard's press panel
        counts = ", ".join(f"{value} {name}" for name, value in summary.counts.items())
        verb = f"{summary.created_news} news created" if summary.created_news else "already loaded"
        self.stdout.write(self.style.SUCCESS(f"Demo content ({verb}) in {summary.seconds:.1f} s: {counts}."))
        self.stdout.write("")
        self.stdout.write(f"Back-office: {settings.SITE_URL}/admin/")
        self.stdout.write(f"Public site: {settings.SITE_URL}/")
        self.stdout.write("Demo logins (passwords are set when an account is first created):")
        width = max(len(user.username) for user in DEMO_USERS) + 2
        pwidth = max(len(user.password) for user in DEMO_USERS) + 2
        self.stdout.write(f"  {'user':<{width}}{'password':<{pwidth}}role")
        for user in DEMO_USERS:
            self.stdout.write(f"  {user.username:<{width}}{user.password:<{pwidth}}{user.role_label}")
