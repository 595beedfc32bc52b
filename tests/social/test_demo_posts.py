"""The demo's own events through the normal publishing path, with every
demo account posting to the local fake networks: a cancelled event and one
that ended weeks ago never reach a network; the others do."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from agenda.models import Event, EventStatus
from comunicacio.publishing import effects
from demo.fakes import demo as demo_fakes
from demo.fakes.demo import _text
from social import sending
from social.models import PostState, SocialPost
from social.tasks import sweep_posts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_eager_celery")]


@pytest.fixture
def fake_networks(monkeypatch):
    """The demo's fakes, served on a free port the demo accounts point at."""
    server, fakes = demo_fakes.serve(port=0)
    monkeypatch.setattr(demo_fakes, "BASE_URL", server.url)
    yield fakes
    server.stop()


def posted_texts(fakes) -> list[str]:
    return [_text(post) for fake in fakes.values() for post in fake.posts.values()]


def run_everything_due():
    for effect_id in effects.due_effect_ids():
        effects.run(effect_id)
    sweep_posts()


@pytest.fixture
def loaded_demo(fake_networks, django_capture_on_commit_callbacks, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "demo-media"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
    # Whatever was left for the sweepers (retries, scheduled posts) runs too.
    with django_capture_on_commit_callbacks(execute=True):
        run_everything_due()
    return fake_networks


def posts_of(slug):
    return SocialPost.for_item(Event.objects.get(slug=slug)).select_related("account")


def test_no_cancelled_postponed_or_past_demo_event_reaches_a_network(
    loaded_demo, django_capture_on_commit_callbacks
):
    # One test: loading the demo takes most of a minute.
    fakes = loaded_demo
    texts = posted_texts(fakes)
    assert all(fake.violations == [] for fake in fakes.values())
    # The demo does post its current events, so the check below is not vacuous.
    assert any("Concert de Santa Cecília" in text for text in texts)
    assert any("Xerrada: estalvia energia a casa" in text for text in texts)  # rescheduled: on
    held = Event.objects.filter(event_status__in=[EventStatus.CANCELLED, EventStatus.POSTPONED])
    past = [event for event in Event.objects.all() if not event.occurrences.upcoming().exists()]
    titles = {event.title for event in [*held, *past]}
    assert {"Cinema a la fresca", "Castanyada popular"} <= titles
    for title in titles:
        assert not any(title in text for text in texts), title
    assert not any("Va ser tot un èxit" in text for text in texts)
    for slug, reason in (("cinema-fresca", "cancel·lada"), ("castanyada", "Massa tard")):
        enabled = [post for post in posts_of(slug) if post.enabled]
        assert len(enabled) >= 6
        for post in enabled:
            assert post.state == PostState.CANCELLED and not post.remote_id
            assert reason in post.last_error

    # Neither a publisher's retry nor the sweeper posts them later.
    before = len(posted_texts(fakes))
    cancelled = list(posts_of("cinema-fresca")) + list(posts_of("castanyada"))
    with django_capture_on_commit_callbacks(execute=True):
        assert not any(sending.retry(post) for post in cancelled)
    # Even a post put back in the queue by hand is stopped when it is claimed.
    SocialPost.objects.filter(pk__in=[post.pk for post in cancelled]).update(
        state=PostState.PENDING, due_at=timezone.now()
    )
    with (
        time_machine.travel(timezone.now() + timedelta(minutes=5)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        run_everything_due()
    assert len(posted_texts(fakes)) == before
    assert all(
        post.state == PostState.CANCELLED
        for post in SocialPost.objects.filter(pk__in=[p.pk for p in cancelled])
    )
