"""Serve the site with a Celery worker and beat beside it; Ctrl-C stops all."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from demo.fakes import demo as fake_networks


class Command(BaseCommand):
    help = "Runs the web server, a Celery worker and beat together (development and demo)."

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000", help="host:port to serve on")

    def handle(self, *args, addr, **options):
        python = sys.executable
        manage = str(settings.BASE_DIR / "manage.py")
        commands = {
            "web": [python, manage, "runserver", addr, "--noreload"],
            # Local stand-ins of the social networks the demo accounts post to.
            "networks": [python, manage, "run_fake_networks"],
            "worker": [
                python,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--beat",
                "--loglevel",
                "INFO",
                "--concurrency",
                "2",
                "--schedule",
                str(settings.VAR_DIR / "celerybeat-schedule"),
            ],
        }
        env = os.environ.copy()
        processes = {}
        for name, command in commands.items():
            processes[name] = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)
        self.stdout.write(
            self.style.SUCCESS(f"Public site and admin: http://{addr}/  (admin: http://{addr}/admin/)")
        )
        self.stdout.write(
            f"Fake social networks (what the demo accounts 'published'): {fake_networks.BASE_URL}/"
        )
        try:
            while all(process.poll() is None for process in processes.values()):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for process in processes.values():
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
            for process in processes.values():
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
        failed = [name for name, process in processes.items() if process.returncode not in (0, -15, None)]
        if failed:
            self.stderr.write(f"Stopped: {', '.join(failed)} exited with an error.")
