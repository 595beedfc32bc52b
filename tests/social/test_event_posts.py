"""Agenda events on the social networks: the agenda says whether an event
may be posted (not cancelled, postponed or over: its date, not its publish
time, makes it stale), every send asks again, and a sent post that a later
cancellation or new date made wrong is flagged for the publisher, who
deletes it or posts the correction the composer offers."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from agenda.models import EventStatus
from comunicacio.publishing import actions, effects, workflow
from comunicacio.publishing.models import Status
from demo.fakes.demo import _text
from social import sending
from social.models import Outdated, PostState, Removal, SocialPost
from social.tasks import sweep_posts
from tests.factories import make_event, make_news, make_user, mastodon_account

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_eager_celery")]


@pytest.fixture
def account(mastodon):
    return mastodon_account(mastodon)


def in_days(days: float, hours: int = 2):
    start = timezone.now() + timedelta(days=days)
    return (start, start + timedelta(hours=hours))


def draft_event(days=7, **fields):
    return make_event(sessions=[in_days(days)], status=Status.DRAFT, publish_at=None, **fields)


def publish(item, user, capture):
    with capture(execute=True):
        workflow.perform(item, "publish", user)
    item.refresh_from_db()
    return item


def the_post(item) -> SocialPost:
    return SocialPost.for_item(item).originals().get()


def texts(fake) -> list[str]:
    return [_text(post) for post in fake.posts.values()]


def edit(item, user, capture, **fields):
    """An edit saved the way the admin saves it: the row, then the revision
    and the "changed" effects, run once committed."""
    for name, value in fields.items():
        setattr(item, name, value)
    with capture(execute=True):
        item.save()
        actions.record_edit(item, user)
    return item


# ---------------------------------------------------------------------------
# Whether an event is posted at all
# ---------------------------------------------------------------------------


def test_an_upcoming_event_is_posted(account, mastodon, publisher, django_capture_on_commit_callbacks):
    event = publish(
        draft_event(title="Concert de Santa Cecília"), publisher, django_capture_on_commit_callbacks
    )
    post = the_post(event)
    assert post.state == PostState.SENT, post.last_error
    assert texts(mastodon)[0].startswith("Concert de Santa Cecília")
    assert post.announced  # what it announced is kept, to notice a later change


@pytest.mark.parametrize(
    ("status", "reason"),
    [(EventStatus.CANCELLED, "cancel·lada"), (EventStatus.POSTPONED, "ajornada")],
)
def test_a_cancelled_or_postponed_event_is_never_posted(
    account, mastodon, publisher, django_capture_on_commit_callbacks, status, reason
):
    event = publish(draft_event(event_status=status), publisher, django_capture_on_commit_callbacks)
    post = the_post(event)
    assert post.state == PostState.CANCELLED and reason in post.last_error
    assert mastodon.posts == {}


def test_a_rescheduled_event_with_its_new_date_is_posted(
    account, mastodon, publisher, django_capture_on_commit_callbacks
):
    event = draft_event(event_status=EventStatus.RESCHEDULED, previous_start=timezone.now())
    publish(event, publisher, django_capture_on_commit_callbacks)
    assert the_post(event).state == PostState.SENT
    assert len(mastodon.posts) == 1


def test_an_event_that_is_over_is_not_posted_however_recently_published(
    account, mastodon, publisher, django_capture_on_commit_callbacks
):
    event = make_event(
        sessions=[in_days(-20)], status=Status.DRAFT, publish_at=None, summary="Va ser tot un èxit!"
    )
    publish(event, publisher, django_capture_on_commit_callbacks)
    post = the_post(event)
    assert post.state == PostState.CANCELLED and "Massa tard" in post.last_error
    assert mastodon.posts == {}


def test_an_event_whose_every_date_is_cancelled_is_not_posted(
    account, mastodon, publisher, django_capture_on_commit_callbacks
):
    event = draft_event()
    event.occurrences.update(cancelled=True)
    publish(event, publisher, django_capture_on_commit_callbacks)
    assert the_post(event).state == PostState.CANCELLED
    assert mastodon.posts == {}


def test_the_events_date_not_its_publish_time_makes_it_stale(
    account, mastodon, publisher, django_capture_on_commit_callbacks, settings
):
    # Every worker was down for three days after publication: a press note
    # is no longer news, an event still to come is still worth announcing,
    # and one that took place meanwhile is not.
    settings.SOCIAL_STALE_AFTER_HOURS = 24
    ahead = draft_event(days=7, title="Caminada popular per la riera")
    meanwhile = draft_event(days=1, title="Taller de reciclatge creatiu")
    news = make_news(title="Obres al carrer Major")
    with django_capture_on_commit_callbacks(execute=False):
        for item in (ahead, meanwhile, news):
            workflow.perform(item, "publish", publisher)
    with (
        time_machine.travel(timezone.now() + timedelta(days=3)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        for effect_id in effects.due_effect_ids():
            effects.run(effect_id)
    assert the_post(ahead).state == PostState.SENT
    assert the_post(meanwhile).state == PostState.CANCELLED
    assert "Massa tard" in the_post(news).last_error
    assert [text.split("\n")[0] for text in texts(mastodon)] == ["Caminada popular per la riera"]


def test_a_post_due_later_is_not_sent_if_the_event_was_cancelled_meanwhile(
    account, mastodon, publisher, django_capture_on_commit_callbacks
):
    event = draft_event(days=7)
    SocialPost.for_item(event).update(scheduled_at=timezone.now() + timedelta(days=2))
    publish(event, publisher, django_capture_on_commit_callbacks)
    assert the_post(event).state == PostState.PENDING
    edit(event, publisher, django_capture_on_commit_callbacks, event_status=EventStatus.CANCELLED)
    with time_machine.travel(timezone.now() + timedelta(days=2, minutes=1)):
        sweep_posts()
    post = the_post(event)
    assert post.state == PostState.CANCELLED and "cancel·lada" in post.last_error
    assert mastodon.posts == {}


def test_a_post_due_later_is_not_sent_once_the_event_is_over(
    account, mastodon, publisher, django_capture_on_commit_callbacks
):
    event = draft_event(days=1)
    SocialPost.for_item(event).update(scheduled_at=timezone.now() + timedelta(days=2))
    publish(event, publisher, django_capture_on_commit_callbacks)
    with time_machine.travel(timezone.now() + timedelta(days=2, minutes=1)):
        sweep_posts()
    assert the_post(event).state == PostState.CANCELLED
    assert mastodon.posts == {}


def test_a_retry_of_a_held_post_is_refused_with_the_reason(
    account, mastodon, publisher, django_capture_on_commit_callbacks
):
    event = publish(
        draft_event(event_status=EventStatus.CANCELLED), publisher, django_capture_on_commit_callbacks
    )
    post = the_post(event)
    with django_capture_on_commit_callbacks(execute=True):
        assert sending.retry(post) is False
    post.refresh_from_db()
    assert post.state == PostState.CANCELLED and "cancel·lada" in post.last_error
    assert mastodon.posts == {}


# ---------------------------------------------------------------------------
# Flagging what a later change made wrong
# ---------------------------------------------------------------------------


@pytest.fixture
def posted(account, mastodon, publisher, django_capture_on_commit_callbacks):
    event = publish(draft_event(title="Cinema a la fresca"), publisher, django_capture_on_commit_callbacks)
    assert the_post(event).state == PostState.SENT
    return event


@pytest.mark.parametrize(
    ("status", "note"),
    [(EventStatus.CANCELLED, "Cancel·lat"), (EventStatus.POSTPONED, "Ajornat")],
)
def test_cancelling_or_postponing_a_posted_event_flags_its_posts(
    posted, publisher, django_capture_on_commit_callbacks, status, note
):
    edit(posted, publisher, django_capture_on_commit_callbacks, event_status=status)
    post = the_post(posted)
    assert post.outdated == Outdated.FLAGGED and post.outdated_note == note
    assert list(SocialPost.objects.flagged()) == [post]


def test_moving_its_date_flags_them_and_moving_it_back_clears_the_flag(
    posted, publisher, django_capture_on_commit_callbacks
):
    from agenda.recurrence import materialise

    session = posted.sessions.get()
    original = (session.start, session.end)
    session.start, session.end = in_days(9)
    session.save()
    materialise(posted)
    edit(posted, publisher, django_capture_on_commit_callbacks)
    assert the_post(posted).outdated == Outdated.FLAGGED
    assert the_post(posted).outdated_note == "Nova data"
    session.start, session.end = original
    session.save()
    materialise(posted)
    edit(posted, publisher, django_capture_on_commit_callbacks)
    assert the_post(posted).outdated == Outdated.NONE


def test_fixing_a_typo_in_the_title_flags_nothing(posted, publisher, django_capture_on_commit_callbacks):
    edit(posted, publisher, django_capture_on_commit_callbacks, title="Cinema a la fresca!")
    assert the_post(posted).outdated == Outdated.NONE


def test_news_posts_are_never_flagged(account, publisher, django_capture_on_commit_callbacks):
    item = publish(make_news(title="Obres al carrer Major"), publisher, django_capture_on_commit_callbacks)
    edit(item, publisher, django_capture_on_commit_callbacks, title="Obres al carrer Major (nou)")
    assert the_post(item).state == PostState.SENT and the_post(item).outdated == Outdated.NONE


def test_an_event_cancelled_while_its_post_was_on_its_way_is_flagged(
    account, mastodon, publisher, django_capture_on_commit_callbacks, monkeypatch
):
    from agenda.models import Event

    event = draft_event()
    compose = sending.outgoing_for

    def composed_then_cancelled(post, content=None):
        # The post is composed and on its way when the publisher cancels.
        outgoing = compose(post, content)
        Event.objects.filter(pk=event.pk).update(event_status=EventStatus.CANCELLED)
        return outgoing

    monkeypatch.setattr(sending, "outgoing_for", composed_then_cancelled)
    publish(event, publisher, django_capture_on_commit_callbacks)
    post = the_post(event)
    assert post.state == PostState.SENT and post.outdated == Outdated.FLAGGED


def test_an_interrupted_post_of_an_event_cancelled_meanwhile_is_not_sent_again(
    account, mastodon, publisher, django_capture_on_commit_callbacks
):
    # The network accepted the post but the answer was lost; the event is
    # cancelled before the retry: the retry does not post it (again), and
    # the publisher is asked to check and remove what may be there.
    mastodon.script("POST", r"/api/v1/statuses", None, after_handling=True)
    event = publish(draft_event(), publisher, django_capture_on_commit_callbacks)
    post = the_post(event)
    assert post.state == PostState.PENDING and post.needs_lookup
    edit(event, publisher, django_capture_on_commit_callbacks, event_status=EventStatus.CANCELLED)
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        sweep_posts()
    post.refresh_from_db()
    assert post.state == PostState.CANCELLED and post.removal == Removal.MANUAL
    assert "comproveu" in post.last_error
    assert len(mastodon.posts) == 1


# ---------------------------------------------------------------------------
# Correcting or deleting a flagged post
# ---------------------------------------------------------------------------


def test_the_composer_offers_the_correction_and_it_goes_out_despite_the_cancellation(
    posted, mastodon, publisher, django_capture_on_commit_callbacks
):
    edit(posted, publisher, django_capture_on_commit_callbacks, event_status=EventStatus.CANCELLED)
    post = the_post(posted)
    offered = sending.offered_correction(post)
    assert offered == "Cancel·lat: Cinema a la fresca"
    with django_capture_on_commit_callbacks(execute=True):
        correction = sending.post_correction(post, offered)
    correction.refresh_from_db()
    assert correction.state == PostState.SENT, correction.last_error
    assert correction.corrects == post and correction.remote_id != post.remote_id
    sent = texts(mastodon)
    assert len(sent) == 2 and sent[1].startswith("Cancel·lat: Cinema a la fresca\n\n")
    assert f"utm_content={correction.marker}" in sent[1]
    post.refresh_from_db()
    assert post.outdated == Outdated.CORRECTED
    assert not SocialPost.objects.flagged().exists()
    # A second click does not post a second correction.
    with django_capture_on_commit_callbacks(execute=True):
        assert sending.post_correction(post, offered) is None
    assert len(mastodon.posts) == 2


def test_the_correction_of_a_new_date_says_the_date(posted, publisher, django_capture_on_commit_callbacks):
    from agenda.recurrence import materialise

    session = posted.sessions.get()
    session.start, session.end = in_days(9)
    session.save()
    materialise(posted)
    edit(posted, publisher, django_capture_on_commit_callbacks, event_status=EventStatus.RESCHEDULED)
    offered = sending.offered_correction(the_post(posted))
    headline, detail = offered.split("\n\n")
    assert headline == "Nova data: Cinema a la fresca"
    when = timezone.localtime(session.start)
    assert str(when.day) in detail and "Casal de Cultura" in detail


def test_the_offered_correction_fits_the_networks_limit(
    posted, account, publisher, django_capture_on_commit_callbacks
):
    from social import composer, sources

    account.max_length = 60
    account.save()
    edit(posted, publisher, django_capture_on_commit_callbacks, event_status=EventStatus.CANCELLED)
    post = SocialPost.objects.select_related("account").get(pk=the_post(posted).pk)
    offered = sending.offered_correction(post)
    candidate = SocialPost(account=account, text_override=offered, enabled=True)
    assert composer.problems(candidate, sources.content_for(posted)) == []
    assert offered.startswith("Cancel·lat: ")


def test_deleting_a_flagged_post_removes_it_from_the_network(
    posted, mastodon, publisher, django_capture_on_commit_callbacks, http_client
):
    edit(posted, publisher, django_capture_on_commit_callbacks, event_status=EventStatus.CANCELLED)
    post = the_post(posted)
    assert sending.delete_from_network(post, http_client) == Removal.DELETED
    assert mastodon.deleted == [post.remote_id]
    assert not SocialPost.objects.flagged().exists()


# ---------------------------------------------------------------------------
# The admin: the dashboard shows flagged posts; only publishers act on them
# ---------------------------------------------------------------------------

DASHBOARD = "/admin/social/socialpost/tauler/"
CHANGELIST = "/admin/social/socialpost/"


@pytest.fixture
def flagged(posted, publisher, django_capture_on_commit_callbacks):
    edit(posted, publisher, django_capture_on_commit_callbacks, event_status=EventStatus.CANCELLED)
    return the_post(posted)


def test_the_dashboard_lists_flagged_posts_with_their_actions(client, flagged, publisher):
    client.force_login(publisher)
    page = client.get(DASHBOARD).content.decode()
    assert "Cal revisar-les: l'element ha canviat després de publicar-se (1)" in page
    assert "Desactualitzada: l&#x27;element ha canviat (Cancel·lat)" in page
    assert 'value="post_corrections"' in page and 'value="delete_from_networks"' in page
    listing = client.get(CHANGELIST + "?outdated=flagged").content.decode()
    assert "Desactualitzada" in listing and "Cinema a la fresca" in listing


def test_editors_see_the_flag_but_cannot_delete_or_correct(
    client, flagged, mastodon, django_capture_on_commit_callbacks
):
    client.force_login(make_user("editor"))
    page = client.get(DASHBOARD).content.decode()
    assert "Desactualitzada" in page and 'value="delete_from_networks"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        for action in ("delete_from_networks", "post_corrections"):
            data = {"action": action, "_selected_action": [flagged.pk], "confirm": "1"}
            data[f"text-{flagged.pk}"] = "Cancel·lat: Cinema a la fresca"
            client.post(CHANGELIST, data)
    assert mastodon.deleted == [] and len(mastodon.posts) == 1
    flagged.refresh_from_db()
    assert flagged.outdated == Outdated.FLAGGED and flagged.removal == Removal.NONE


def test_a_publisher_deletes_a_flagged_post(client, flagged, mastodon, publisher):
    client.force_login(publisher)
    response = client.post(CHANGELIST, {"action": "delete_from_networks", "_selected_action": [flagged.pk]})
    assert response.status_code == 302
    assert mastodon.deleted == [flagged.remote_id]
    flagged.refresh_from_db()
    assert flagged.removal == Removal.DELETED


def test_a_publisher_reviews_and_posts_the_offered_correction(
    client, flagged, mastodon, publisher, django_capture_on_commit_callbacks
):
    client.force_login(publisher)
    offer = client.post(CHANGELIST, {"action": "post_corrections", "_selected_action": [flagged.pk]})
    assert offer.status_code == 200
    page = offer.content.decode()
    assert f'name="text-{flagged.pk}"' in page and ">Cancel·lat: Cinema a la fresca</textarea>" in page
    text = "Cancel·lat: Cinema a la fresca. Us en demanem disculpes."
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            CHANGELIST,
            {
                "action": "post_corrections",
                "_selected_action": [flagged.pk],
                "confirm": "1",
                f"text-{flagged.pk}": text,
            },
        )
    assert done.status_code == 302
    assert texts(mastodon)[-1].startswith(text + "\n\n")
    correction = SocialPost.objects.get(corrects=flagged)
    assert correction.state == PostState.SENT


@pytest.mark.parametrize(("text", "message"), [("   ", "Escriviu el text"), ("x" * 600, "el límit és 500")])
def test_a_correction_that_cannot_go_out_is_refused_clearly(
    client, flagged, mastodon, publisher, django_capture_on_commit_callbacks, text, message
):
    client.force_login(publisher)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            CHANGELIST,
            {
                "action": "post_corrections",
                "_selected_action": [flagged.pk],
                "confirm": "1",
                f"text-{flagged.pk}": text,
            },
        )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert len(mastodon.posts) == 1 and not SocialPost.objects.filter(corrects=flagged).exists()
