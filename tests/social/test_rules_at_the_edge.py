"""The rules of social posting tested where they turn: one minute either
side of SOCIAL_STALE_AFTER_HOURS, the moment an embargo lifts, withdrawal on
a network that cannot delete, and each network's limit to the character."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from comunicacio.publishing import effects, workflow
from demo.fakes.demo import _text
from social import composer
from social.models import PostState, Removal, SocialAccount, SocialPost
from social.networks import base
from social.sources import SocialContent
from social.tasks import sweep_posts
from tests.factories import make_account, make_news, mastodon_account

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_eager_celery")]


@pytest.fixture
def account(mastodon):
    return mastodon_account(mastodon)


def run_due_effects():
    for effect_id in effects.due_effect_ids():
        effects.run(effect_id)


# ---------------------------------------------------------------------------
# SOCIAL_STALE_AFTER_HOURS
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("late", "posted"), [(timedelta(minutes=-1), True), (timedelta(minutes=1), False)])
def test_an_item_is_posted_until_it_is_stale_and_not_after(
    account, mastodon, publisher, django_capture_on_commit_callbacks, settings, late, posted
):
    # Every worker was down after publication and comes back just before, or
    # just after, the item is SOCIAL_STALE_AFTER_HOURS old.
    settings.SOCIAL_STALE_AFTER_HOURS = 6
    item = make_news(title="Tall de subministrament d'aigua")
    with django_capture_on_commit_callbacks(execute=False):
        workflow.perform(item, "publish", publisher)
    item.refresh_from_db()
    back = item.publish_at + timedelta(hours=6) + late
    with time_machine.travel(back), django_capture_on_commit_callbacks(execute=True):
        run_due_effects()
    post = SocialPost.objects.get(account=account)
    assert (post.state == PostState.SENT) is posted, post.last_error
    assert len(mastodon.posts) == (1 if posted else 0)
    if not posted:
        assert "Massa tard" in post.last_error and "6 hores" in post.last_error


@pytest.mark.parametrize(("late", "posted"), [(timedelta(minutes=-1), True), (timedelta(minutes=1), False)])
def test_a_post_held_back_by_failures_stops_once_stale(
    account, mastodon, publisher, django_capture_on_commit_callbacks, settings, late, posted
):
    # The first attempt fails (the instance is down); the sweeper only comes
    # back around the moment the post turns stale.
    from demo.fakes.server import Response

    settings.SOCIAL_STALE_AFTER_HOURS = 6
    mastodon.script("POST", r"/api/v1/statuses", Response(503, {"error": "down"}))
    item = make_news()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(item, "publish", publisher)
    item.refresh_from_db()
    assert SocialPost.objects.get(account=account).state == PostState.PENDING
    with time_machine.travel(item.publish_at + timedelta(hours=6) + late):
        sweep_posts()
    post = SocialPost.objects.get(account=account)
    assert (post.state == PostState.SENT) is posted, post.last_error
    assert len(mastodon.posts) == (1 if posted else 0)


def test_a_posts_own_later_time_is_not_stale(
    account, mastodon, publisher, django_capture_on_commit_callbacks
):
    # A reminder two days after publication is what the editor asked for.
    item = make_news()
    SocialPost.objects.filter(account=account).update(scheduled_at=timezone.now() + timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(item, "publish", publisher)
    with time_machine.travel(timezone.now() + timedelta(days=2, minutes=1)):
        sweep_posts()
    assert SocialPost.objects.get(account=account).state == PostState.SENT
    assert len(mastodon.posts) == 1


# ---------------------------------------------------------------------------
# Embargo
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("hours", [3, 30])
def test_an_embargoed_press_note_is_posted_once_when_the_embargo_lifts(
    account, mastodon, publisher, django_capture_on_commit_callbacks, hours
):
    # However long the embargo (longer than SOCIAL_STALE_AFTER_HOURS too):
    # staleness counts from when the note became public.
    lift = timezone.now() + timedelta(hours=hours)
    item = make_news(title="Pressupost municipal 2027", embargo_until=lift)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(item, "publish", publisher)
    with time_machine.travel(lift - timedelta(minutes=1)), django_capture_on_commit_callbacks(execute=True):
        run_due_effects()
        sweep_posts()
    assert mastodon.posts == {}
    with time_machine.travel(lift + timedelta(minutes=1)), django_capture_on_commit_callbacks(execute=True):
        run_due_effects()
        sweep_posts()
    post = SocialPost.objects.get(account=account)
    assert post.state == PostState.SENT, post.last_error
    assert [_text(status).split("\n")[0] for status in mastodon.posts.values()] == [
        "Pressupost municipal 2027"
    ]


# ---------------------------------------------------------------------------
# Withdrawal on a network that cannot delete
# ---------------------------------------------------------------------------


def test_withdrawing_lists_instagram_posts_for_removal_by_hand(
    fake_server, mastodon, publisher, client, django_capture_on_commit_callbacks
):
    from demo.fakes.instagram import FakeInstagram

    instagram = fake_server.mount(FakeInstagram())
    make_account(
        "instagram",
        instagram,
        {"ig_user_id": instagram.ig_user_id, "access_token": instagram.access_token},
    )
    mastodon_account(mastodon)
    item = make_news(title="Concurs de fotografia")
    publish_moment = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(item, "publish", publisher)
    # Both went out (Instagram's with its image, set up by hand here).
    posts = {post.account.network: post for post in SocialPost.for_item(item).select_related("account")}
    SocialPost.objects.filter(pk=posts["instagram"].pk).update(
        state=PostState.SENT, remote_id="17900000000000001", sent_at=publish_moment
    )
    assert posts["mastodon"].state == PostState.SENT
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(item, "withdraw", publisher)
    posts = {post.account.network: post for post in SocialPost.for_item(item).select_related("account")}
    assert posts["instagram"].removal == Removal.MANUAL
    assert posts["mastodon"].removal == Removal.DELETED
    assert instagram.requests == []  # nothing asked of an API that cannot delete
    client.force_login(publisher)
    page = client.get("/admin/social/socialpost/tauler/").content.decode()
    assert "Cal esborrar-les a mà (l'element s'ha retirat) (1)" in page


# ---------------------------------------------------------------------------
# Each network's limit, to the character
# ---------------------------------------------------------------------------

NETWORKS = sorted(base.adapters())


def account_for(network: str) -> SocialAccount:
    return SocialAccount.objects.create(
        network=network, name=f"@ajuntament {network}", api_base="https://x.example"
    )


def content(**fields) -> SocialContent:
    values = {
        "kind": "news.press",
        "title": "Obres al carrer Major",
        "summary": "",
        "url": "https://www.hostalric.cat/noticies/obres-carrer-major/",
        "campaign": "obres-carrer-major",
        "tags": [],
    }
    values.update(fields)
    return SocialContent(**values)


def padded_to(post: SocialPost, item: SocialContent, field: str, length: int) -> str:
    """The text of ``field`` (the summary or the editor's own text) that makes
    the whole composed post measure exactly ``length`` on the network."""
    filler = 1
    for _round in range(20):
        if field == "summary":
            item = content(summary="a" * filler)
        else:
            post.text_override = "a" * filler
        text, _link = composer.compose(post, item)
        missing = length - composer.measure(post.account, text)
        if missing == 0:
            return "a" * filler
        filler += missing
    raise AssertionError("could not pad to the length")


def length_problems(post, item) -> list[str]:
    return [problem for problem in composer.problems(post, item) if "límit" in problem]


@pytest.mark.parametrize("network", NETWORKS)
def test_an_own_text_exactly_at_the_limit_is_accepted_and_one_more_refused(network):
    post = SocialPost(account=account_for(network), enabled=True)
    limit = post.account.limit
    own = padded_to(post, content(), "text_override", limit)
    post.text_override = own
    assert composer.measure(post.account, composer.compose(post, content())[0]) == limit
    assert length_problems(post, content()) == []
    post.text_override = own + "a"
    assert length_problems(post, content()) == [
        f"El text per a {post.account.name} fa {limit + 1} caràcters i el límit és {limit}."
    ]


@pytest.mark.parametrize("network", NETWORKS)
def test_a_composed_text_exactly_at_the_limit_is_not_cut(network):
    post = SocialPost(account=account_for(network), enabled=True)
    limit = post.account.limit
    summary = padded_to(post, content(), "summary", limit)
    text, _link = composer.compose(post, content(summary=summary))
    assert composer.measure(post.account, text) == limit
    assert summary in text and composer.ELLIPSIS not in text
    # One character more and the summary is cut to fit.
    text, _link = composer.compose(post, content(summary=summary + "a"))
    assert composer.measure(post.account, text) <= limit and summary not in text
