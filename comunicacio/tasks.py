"""The foundation's Celery tasks, where the worker's autodiscovery looks
for them (``<app>.tasks``); they live beside the code they run."""

from .publishing.tasks import run_effect, sweep_effects

__all__ = ["run_effect", "sweep_effects"]
