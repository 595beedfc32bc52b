"""The Celery application. Beat runs only the sweepers: every other task is
enqueued on commit by the code that needs it."""

import os

from celery import Celery
from celery.signals import after_setup_logger, after_setup_task_logger

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("comunicacio")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Every installed app's tasks.py, with no list to keep by hand.
app.autodiscover_tasks()


def redact_secrets_in_worker_logs(**kwargs):
    """The worker replaces the root logger's handlers with its own
    (``worker_hijack_root_logger``): they get the filter that redacts
    secrets, as every handler of ``settings.LOGGING`` has."""
    from comunicacio.logredaction import protect_all_handlers

    protect_all_handlers()


after_setup_logger.connect(redact_secrets_in_worker_logs, weak=False)
after_setup_task_logger.connect(redact_secrets_in_worker_logs, weak=False)


@app.on_after_finalize.connect
def schedule_sweeper(sender, **kwargs):
    from django.conf import settings

    sender.add_periodic_task(
        settings.PUBLISHING_SWEEP_SECONDS,
        sender.signature("comunicacio.publishing.tasks.sweep_effects"),
        name="publishing effects sweeper",
        # While workers are busy or down, beat keeps publishing sweeps; one
        # that waited longer than an interval is superseded by the next, so it
        # expires instead of piling up in the queue.
        expires=settings.PUBLISHING_SWEEP_SECONDS,
    )
    sender.add_periodic_task(
        settings.SOCIAL_SWEEP_SECONDS,
        sender.signature("social.tasks.sweep_posts"),
        name="social posts sweeper",
        expires=settings.SOCIAL_SWEEP_SECONDS,
    )
    # Press mailings: restart the chain of batches after a crash or when
    # retries fall due.
    sender.add_periodic_task(
        settings.PUBLISHING_SWEEP_SECONDS,
        sender.signature("news.tasks.resume_press_deliveries"),
        name="press deliveries sweeper",
        expires=settings.PUBLISHING_SWEEP_SECONDS,
    )
    # Agenda: materialise the occurrences of running series that entered the
    # horizon (idempotent; a few times a day so a missed run costs nothing).
    sender.add_periodic_task(
        6 * 3600,
        sender.signature("agenda.tasks.extend_horizon"),
        name="agenda horizon",
        expires=3600,
    )
