"""Serve the local stand-ins of the social networks for the demo."""

import signal
import threading

from django.core.management.base import BaseCommand

from demo.fakes import demo


class Command(BaseCommand):
    help = "Runs local fake social networks (no traffic leaves the machine) for the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=demo.PORT)

    def handle(self, *args, port, **options):
        server, fakes = demo.serve(port)
        self.stdout.write(
            f"Fake social networks ({', '.join(fakes)}) on {server.url}/ — nothing is published."
        )
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            stop.wait()
        except KeyboardInterrupt:
            pass
        finally:
            server.stop()
