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
    # Every outbox an app registered (effects, social posts, press mailings):
    # one sweeper task, one beat entry per distinct interval. While workers
    # are busy or down, beat keeps publishing sweeps; one that waited longer
    # than an interval is superseded by the next, so it expires instead of
    # piling up in the queue.
    from comunicacio import outbox

    for interval, names in outbox.beat_entries():
        sender.add_periodic_task(
            interval,
            sender.signature("comunicacio.outbox.sweep", args=(list(names),)),
            name="outbox sweeper: " + ", ".join(names),
            expires=interval,
        )
    # What apps declared from their hooks.py (comunicacio.periodic), such as
    # the agenda's horizon.
    from comunicacio import periodic

    for job in periodic.jobs():
        sender.add_periodic_task(
            job.every_seconds, sender.signature(job.task), name=job.name, expires=job.expires
        )
