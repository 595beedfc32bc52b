"""``comunicacio.outbox``: the shared base of delivery rows, the registry of
outboxes and the one sweeper beat runs for all of them."""

from datetime import timedelta

import pytest
from celery import current_app
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from comunicacio import outbox
from comunicacio.publishing.models import Effect
from news.press.models import PressDelivery
from social.models import SocialPost

pytestmark = pytest.mark.django_db


class Recorder:
    """Stands for the Celery app: records which drains a sweep starts."""

    def __init__(self):
        self.started = []

    def signature(self, name):
        recorder = self

        class Signature:
            def apply_async(self, **options):
                recorder.started.append((name, options))

        return Signature()


@pytest.fixture
def app(monkeypatch):
    recorder = Recorder()
    monkeypatch.setattr(outbox, "current_app", recorder)
    return recorder


@pytest.fixture
def eager():
    previous = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    yield
    current_app.conf.task_always_eager = previous


def effect_on(unit, due_at, key="changed:1") -> Effect:
    return Effect.objects.create(
        content_type=ContentType.objects.get_for_model(unit),
        object_id=unit.pk,
        handler="cache.purge",
        key=key,
        due_at=due_at,
    )


def test_effects_social_posts_and_press_deliveries_are_registered_with_their_own_strategy():
    registered = {box.name: (box.model, box.strategy, box.drain) for box in outbox.outboxes()}
    assert registered["effects"] == (Effect, outbox.LOCK, "comunicacio.publishing.tasks.sweep_effects")
    assert registered["social"] == (SocialPost, outbox.LEASE, "social.tasks.sweep_posts")
    assert registered["press"] == (PressDelivery, outbox.LOCK, "news.tasks.resume_press_deliveries")
    # The rows share the base: state, due time, attempts, last error...
    for model in (Effect, SocialPost, PressDelivery):
        assert issubclass(model, outbox.OutboxRow)
        assert {"state", "due_at", "attempts", "last_error"} <= {f.name for f in model._meta.fields}
    # ...and only the leased one has a lease.
    assert issubclass(SocialPost, outbox.LeasedOutboxRow)
    assert not issubclass(Effect, outbox.LeasedOutboxRow)


def test_the_sweeper_starts_only_the_drains_of_outboxes_with_due_rows(app, unit, settings):
    settings.PUBLISHING_SWEEP_SECONDS = 15
    effect_on(unit, due_at=timezone.now() + timedelta(hours=1))
    boxes = ["effects", "social", "press"]
    assert outbox.sweep_now(boxes) == {"effects": False, "social": False, "press": False}
    assert app.started == []

    effect_on(unit, due_at=timezone.now() - timedelta(seconds=1), key="changed:2")
    assert outbox.sweep_now(boxes) == {"effects": True, "social": False, "press": False}
    # A drain that waited longer than one interval is superseded by the next.
    assert app.started == [("comunicacio.publishing.tasks.sweep_effects", {"expires": 15})]


def test_the_sweeper_can_be_limited_to_some_outboxes(app, unit):
    effect_on(unit, due_at=timezone.now())
    assert outbox.sweep(["social", "press"]) == "social=0 press=0"
    assert app.started == []
    assert outbox.sweep(["effects"]) == "effects=1"


def test_one_broken_outbox_does_not_stop_the_others(app, unit, monkeypatch):
    def broken(now):
        raise RuntimeError("database of another app is down")

    monkeypatch.setitem(
        outbox._outboxes,
        "broken",
        outbox.Outbox(
            "broken", Effect, outbox.LOCK, "x", lambda: 1, due=lambda now: None, needs_drain=broken
        ),
    )
    effect_on(unit, due_at=timezone.now())
    assert outbox.sweep_now(["broken", "effects"]) == {"broken": False, "effects": True}
    assert [name for name, _ in app.started] == ["comunicacio.publishing.tasks.sweep_effects"]


def test_a_swept_effect_runs_through_its_own_drain(eager, unit):
    effect = effect_on(unit, due_at=timezone.now())
    outbox.sweep()
    effect.refresh_from_db()
    assert (effect.state, effect.attempts) == (Effect.State.DONE, 1)


def test_beat_runs_the_sweeper_once_per_distinct_interval(settings):
    settings.PUBLISHING_SWEEP_SECONDS = 15
    settings.SOCIAL_SWEEP_SECONDS = 0.5
    assert outbox.beat_entries() == [(0.5, ("social",)), (15.0, ("effects", "press", "proposal notices"))]
    settings.SOCIAL_SWEEP_SECONDS = 15
    assert outbox.beat_entries() == [(15.0, ("effects", "press", "proposal notices", "social"))]


def test_the_beat_schedule_has_the_one_sweeper_and_no_machine_of_its_own():
    current_app.finalize()
    tasks = [entry["task"] for entry in current_app.conf.beat_schedule.values()]
    assert "comunicacio.outbox.sweep" in tasks
    swept = sorted(
        name
        for entry in current_app.conf.beat_schedule.values()
        if entry["task"] == "comunicacio.outbox.sweep"
        for name in entry["args"][0]
    )
    assert swept == ["effects", "press", "proposal notices", "social"]
    for old in (
        "comunicacio.publishing.tasks.sweep_effects",
        "social.tasks.sweep_posts",
        "news.tasks.resume_press_deliveries",
    ):
        assert old not in tasks
        # Still registered: messages queued under the old names are not orphaned.
        assert old in current_app.tasks


def test_an_unknown_strategy_is_refused():
    with pytest.raises(ValueError, match="strategy"):
        outbox.register("x", model=Effect, strategy="hope", drain="x", interval=lambda: 1, due=lambda n: None)
    assert outbox.get("x") is None
