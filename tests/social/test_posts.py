"""Posts of news items on the social networks: composing, the state machine
and its recovery paths, against the fake Mastodon over real HTTP."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from comunicacio.publishing import workflow
from comunicacio.publishing.models import Status
from demo.fakes.server import Response
from social import sending
from social.models import PostState, Removal, SocialPost
from tests.factories import make_news, make_user, mastodon_account

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_eager_celery")]


@pytest.fixture
def account(mastodon):
    return mastodon_account(mastodon, owner=make_user("publisher"))


def publish(item, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(item, "publish", user)
    item.refresh_from_db()
    return item


def test_saving_an_item_prepares_one_draft_post_per_active_account(mastodon, account, fake_server):
    other = mastodon_account(mastodon, name="@cultura", default_kinds=["news.notice"])
    mastodon_account(mastodon, name="@vell", enabled=False)
    item = make_news(title="Concert a la plaça", tags=["música"])
    posts = {post.account: post for post in SocialPost.for_item(item)}
    assert set(posts) == {account, other}
    assert posts[account].state == PostState.DRAFT and posts[account].enabled
    # Not on by default for press notes: prepared, but switched off.
    assert not posts[other].enabled


def test_publishing_sends_exactly_one_composed_post(
    account, mastodon, publisher, django_capture_on_commit_callbacks
):
    item = make_news(title="Obres al carrer Major", tags=["mobilitat", "obres al carrer"])
    publish(item, publisher, django_capture_on_commit_callbacks)
    post = SocialPost.objects.get(account=account)
    assert post.state == PostState.SENT, post.last_error
    assert len(mastodon.posts) == 1 and mastodon.violations == []
    sent = next(iter(mastodon.posts.values()))
    assert post.remote_id == sent["id"] and post.remote_url == sent["url"]
    assert post.text.startswith("Obres al carrer Major\n\n")
    assert "#Mobilitat #ObresAlCarrer" in post.text
    assert f"utm_content={post.marker}" in post.link and "utm_source=mastodon" in post.link
    assert post.link in post.text
    # Sent with the post's idempotency key.
    statuses = [r for r in mastodon.requests if r.path == "/api/v1/statuses"]
    assert statuses[0].headers["idempotency-key"] == str(post.idempotency_key)


def test_a_post_with_its_own_time_waits_for_it(
    account, mastodon, publisher, django_capture_on_commit_callbacks
):
    item = make_news()
    post = SocialPost.objects.get(account=account)
    post.scheduled_at = timezone.now() + timedelta(hours=2)
    post.save()
    publish(item, publisher, django_capture_on_commit_callbacks)
    post.refresh_from_db()
    assert post.state == PostState.PENDING and mastodon.posts == {}
    assert sending.due_post_ids() == []
    with time_machine.travel(post.scheduled_at + timedelta(seconds=1)):
        assert sending.due_post_ids() == [post.pk]
        assert sending.send(post.pk) == PostState.SENT
    assert len(mastodon.posts) == 1


def test_a_switched_off_post_is_cancelled(account, mastodon, publisher, django_capture_on_commit_callbacks):
    item = make_news()
    SocialPost.objects.filter(account=account).update(enabled=False)
    publish(item, publisher, django_capture_on_commit_callbacks)
    assert SocialPost.objects.get(account=account).state == PostState.CANCELLED
    assert mastodon.posts == {}


def test_rate_limit_waits_without_using_an_attempt(
    account, mastodon, publisher, django_capture_on_commit_callbacks
):
    mastodon.throttle(seconds=90)
    item = make_news()
    publish(item, publisher, django_capture_on_commit_callbacks)
    post = SocialPost.objects.get(account=account)
    account.refresh_from_db()
    assert post.state == PostState.PENDING and post.attempts == 0
    wait = (post.due_at - timezone.now()).total_seconds()
    assert 80 <= wait <= 91
    assert account.rate_limited_until == post.due_at
    # The rest of the account's posts wait too instead of hitting the limit.
    other = make_news()
    publish(other, publisher, django_capture_on_commit_callbacks)
    assert SocialPost.for_item(other).get().due_at == account.rate_limited_until
    assert mastodon.posts == {}
    with time_machine.travel(post.due_at + timedelta(seconds=1)):
        for post_id in sending.due_post_ids():
            sending.send(post_id)
    assert len(mastodon.posts) == 2


def test_expired_token_fails_alerts_the_owner_once_and_stops_calling(
    account, mastodon, publisher, django_capture_on_commit_callbacks
):
    mastodon.expire_token()
    first, second = make_news(), make_news()
    publish(first, publisher, django_capture_on_commit_callbacks)
    post = SocialPost.for_item(first).get()
    account.refresh_from_db()
    assert post.state == PostState.FAILED and "invalid" in post.last_error.lower()
    assert account.problem
    assert [message.to for message in mail.outbox] == [[account.owner.email]]
    assert account.name in mail.outbox[0].subject
    calls = len(mastodon.requests)
    publish(second, publisher, django_capture_on_commit_callbacks)
    assert SocialPost.for_item(second).get().state == PostState.FAILED
    assert len(mastodon.requests) == calls  # no storm against a dead token
    assert len(mail.outbox) == 1
    # Renewing the credentials sends the failed posts of public items again.
    account.set_credentials({"access_token": mastodon.token})
    account.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert sending.requeue_after_credentials_fixed(account) == 2
    assert SocialPost.objects.filter(account=account, state=PostState.SENT).count() == 2
    assert len(mastodon.posts) == 2


def test_a_worker_killed_after_the_network_accepted_does_not_post_twice(
    account, mastodon, publisher, django_capture_on_commit_callbacks
):
    item = make_news()
    SocialPost.objects.filter(account=account).update(enabled=False)
    publish(item, publisher, django_capture_on_commit_callbacks)
    post = SocialPost.objects.get(account=account)
    post.enabled = True
    assert sending.retry(post)
    # Simulate the crash: claim (committed "sending"), the network accepts,
    # and the worker never records it.
    claimed = sending.claim(post.pk)
    outgoing = sending.outgoing_for(claimed.post)
    with sending.http_client() as client:
        claimed.post.account.adapter(client).publish(outgoing, lambda progress: None, {})
    assert len(mastodon.posts) == 1
    post.refresh_from_db()
    assert post.state == PostState.SENDING
    # Still leased: nobody takes it over.
    assert sending.send(post.pk) == "skipped"
    with time_machine.travel(post.lease_until + timedelta(seconds=1)):
        assert sending.due_post_ids() == [post.pk]
        assert sending.send(post.pk) == PostState.SENT
    post.refresh_from_db()
    assert len(mastodon.posts) == 1
    assert post.remote_id == next(iter(mastodon.posts))


def test_a_lost_answer_is_looked_up_before_retrying(
    account, mastodon, publisher, django_capture_on_commit_callbacks
):
    # The instance creates the status, but the answer never arrives.
    mastodon.script("POST", r"/api/v1/statuses", None, after_handling=True)
    item = make_news()
    publish(item, publisher, django_capture_on_commit_callbacks)
    post = SocialPost.objects.get(account=account)
    assert post.state == PostState.PENDING and post.needs_lookup
    assert len(mastodon.posts) == 1
    with time_machine.travel(post.due_at + timedelta(seconds=1)):
        assert sending.send(post.pk) == PostState.SENT
    assert len(mastodon.posts) == 1


def test_server_errors_back_off_then_give_up(
    account, mastodon, publisher, settings, django_capture_on_commit_callbacks
):
    settings.SOCIAL_MAX_ATTEMPTS = 3
    mastodon.script("POST", r"/api/v1/statuses", Response(503, {"error": "down"}), times=10)
    item = make_news()
    publish(item, publisher, django_capture_on_commit_callbacks)
    post = SocialPost.objects.get(account=account)
    delays = [(post.due_at - timezone.now()).total_seconds()]
    while post.state == PostState.PENDING:
        moment = post.due_at + timedelta(seconds=1)
        with time_machine.travel(moment, tick=False):
            sending.send(post.pk)
        post.refresh_from_db()
        if post.state == PostState.PENDING:
            delays.append((post.due_at - moment).total_seconds())
    assert post.state == PostState.FAILED and post.attempts == 3
    assert "503" in post.last_error
    assert 15 <= delays[0] <= 31 and 30 <= delays[1] <= 61


def test_withdrawing_deletes_sent_posts(account, mastodon, publisher, django_capture_on_commit_callbacks):
    item = publish(make_news(), publisher, django_capture_on_commit_callbacks)
    post = SocialPost.objects.get(account=account)
    assert post.state == PostState.SENT
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(item, "withdraw", publisher, comment="Error en la data")
    post.refresh_from_db()
    assert post.removal == Removal.DELETED
    assert mastodon.deleted == [post.remote_id]


def test_withdrawn_before_sending_cancels(account, mastodon, publisher, django_capture_on_commit_callbacks):
    item = make_news()
    post = SocialPost.objects.get(account=account)
    post.scheduled_at = timezone.now() + timedelta(hours=1)
    post.save()
    item = publish(item, publisher, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(item, "withdraw", publisher, comment="Ajornat")
    post.refresh_from_db()
    assert post.state == PostState.CANCELLED
    with time_machine.travel(post.scheduled_at + timedelta(minutes=1)):
        assert sending.due_post_ids() == []
    assert mastodon.posts == {}


def test_an_embargoed_press_note_is_not_posted_before_the_embargo(
    account, mastodon, publisher, django_capture_on_commit_callbacks
):
    lift = timezone.now() + timedelta(hours=3)
    item = make_news(embargo_until=lift)
    publish(item, publisher, django_capture_on_commit_callbacks)
    assert mastodon.posts == {}
    assert item.status == Status.PUBLISHED


@pytest.fixture
def telegram(fake_server):
    from demo.fakes.telegram import FakeTelegram

    fake = fake_server.mount(FakeTelegram())
    from tests.factories import make_account

    account = make_account("telegram", fake, {"bot_token": fake.token, "chat_id": "@" + fake.channel})
    return fake, account


def interrupted_after(telegram, publisher, django_capture_on_commit_callbacks, *, reached_network: bool):
    fake, account = telegram
    item = make_news()
    SocialPost.objects.filter(account=account).update(enabled=False)
    publish(item, publisher, django_capture_on_commit_callbacks)
    post = SocialPost.objects.get(account=account)
    assert sending.retry(post)
    claimed = sending.claim(post.pk)
    if reached_network:
        # The worker dies after Telegram accepted the message.
        def checkpoint(progress):
            SocialPost.objects.filter(pk=post.pk).update(progress=dict(progress))

        with sending.http_client() as client:
            claimed.post.account.adapter(client).publish(sending.outgoing_for(claimed.post), checkpoint, {})
    post.refresh_from_db()
    with time_machine.travel(post.lease_until + timedelta(seconds=1)):
        sending.send(post.pk)
    post.refresh_from_db()
    return fake, post


def test_telegram_interrupted_before_sending_is_sent(telegram, publisher, django_capture_on_commit_callbacks):
    fake, post = interrupted_after(
        telegram, publisher, django_capture_on_commit_callbacks, reached_network=False
    )
    assert post.state == PostState.SENT
    assert len(fake.posts) == 1


def test_telegram_interrupted_after_sending_asks_a_person(
    telegram, publisher, django_capture_on_commit_callbacks
):
    fake, post = interrupted_after(
        telegram, publisher, django_capture_on_commit_callbacks, reached_network=True
    )
    assert post.state == PostState.FAILED
    assert len(fake.posts) == 1  # never sent twice
    assert post.last_error


def test_an_agenda_event_is_posted_with_when_and_where(
    account, mastodon, publisher, django_capture_on_commit_callbacks
):
    from agenda.models import Status as EventStatus
    from tests.factories import make_event, make_venue

    start = timezone.localtime() + timedelta(days=3)
    start = start.replace(hour=18, minute=0, second=0, microsecond=0)
    event = make_event(
        title="Concert de la Coral",
        status=EventStatus.DRAFT,
        publish_at=None,
        venue=make_venue("Plaça de l'Església"),
        sessions=[(start, start + timedelta(hours=2))],
        tags=["música"],
    )
    post = SocialPost.for_item(event).get()
    assert post.enabled  # the account is on for agenda events
    publish(event, publisher, django_capture_on_commit_callbacks)
    post.refresh_from_db()
    assert post.state == PostState.SENT, post.last_error
    assert post.text.startswith("Concert de la Coral\n\n")
    assert "18 a 20 h" in post.text and "Plaça de l'Església" in post.text
    assert "#Música" in post.text
    assert len(mastodon.posts) == 1


def test_a_post_interrupted_while_its_item_was_withdrawn_is_listed_for_removal(
    account, mastodon, publisher, django_capture_on_commit_callbacks
):
    item = make_news()
    SocialPost.objects.filter(account=account).update(enabled=False)
    item = publish(item, publisher, django_capture_on_commit_callbacks)
    post = SocialPost.objects.get(account=account)
    assert sending.retry(post)
    # The post is on its way when the item is withdrawn...
    claimed = sending.claim(post.pk)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(item, "withdraw", publisher, comment="Error")
    # ...and its worker dies: the post may exist, so it is listed for a
    # person to check and remove, never forgotten.
    post.refresh_from_db()
    assert claimed and post.state == PostState.SENDING
    with time_machine.travel(post.lease_until + timedelta(seconds=1)):
        sending.send(post.pk)
    post.refresh_from_db()
    assert post.state == PostState.CANCELLED and post.removal == Removal.MANUAL


def test_content_that_is_never_posted_records_no_social_effect(
    account, publisher, django_capture_on_commit_callbacks
):
    """An institutional entry declares no social kinds nor social effects:
    publishing and withdrawing it records none (so none can fail: the demo
    publishes thirty of them) and posts nothing."""
    from comunicacio.publishing.models import Effect
    from institutional.models import Holder, InstitutionalCategory, InstitutionalEntry

    holder = Holder.objects.create(name="Anna Puig i Serra", position="Alcaldessa", slug="anna-puig", order=1)
    entry = InstitutionalEntry.objects.create(
        holder=holder,
        start=timezone.now() + timedelta(days=2),
        subject="Reunió amb l'Associació de Veïns del Molí",
        category=InstitutionalCategory.MEETING,
    )
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(entry, "publish", publisher)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(entry, "withdraw", publisher)
    assert Effect.objects.filter(object_id=entry.pk).exists()
    assert not Effect.objects.filter(handler__startswith="social.").exists()
    assert not SocialPost.objects.exists()
