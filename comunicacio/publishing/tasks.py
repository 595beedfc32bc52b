from celery import shared_task

from . import effects


@shared_task(name="comunicacio.publishing.tasks.run_effect", acks_late=True)
def run_effect(effect_id: int) -> str:
    return effects.run(effect_id)


@shared_task(name="comunicacio.publishing.tasks.sweep_effects")
def sweep_effects() -> int:
    """Run every effect that is due: scheduled publications, retries after
    backoff, and anything a dead worker or a lost message left behind."""
    ids = effects.due_effect_ids()
    for effect_id in ids:
        effects.run(effect_id)
    return len(ids)
