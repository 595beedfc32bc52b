"""Periodic jobs are declared by the apps (hooks.py), not listed in the
Celery app: beat's schedule is built from the declarations."""

from celery import current_app

from comunicacio import periodic


def test_beat_runs_what_the_apps_declared():
    declared = {job.name: job for job in periodic.jobs()}
    assert declared["agenda horizon"].task == "agenda.tasks.extend_horizon"
    current_app.finalize()
    current_app.loader.import_default_modules()  # what a worker imports at start
    schedule = current_app.conf.beat_schedule
    assert schedule["agenda horizon"]["task"] == "agenda.tasks.extend_horizon"
    assert schedule["agenda horizon"]["options"]["expires"] == 3600
    # The task exists under the declared name: a typo would schedule nothing.
    for job in declared.values():
        assert job.task in current_app.tasks
