"""An item without an image is saved and published: the networks that only
publish with one (Instagram) are switched off for it, and its form says why."""

import pytest

from comunicacio.publishing import actions
from social import sending
from social.models import PostState, SocialAccount, SocialPost
from tests.factories import SOCIAL_PREFIX, make_image, make_news, make_user, news_admin_form_data


@pytest.fixture
def accounts(db):
    def account(network, name, credentials):
        made = SocialAccount(
            network=network,
            name=name,
            api_base="https://graph.example" if network == "instagram" else "https://mastodon.example",
            default_kinds=["news.press"],
        )
        made.set_credentials(credentials)
        made.save()
        return made

    return (
        account("instagram", "@ajuntament a Instagram", {"ig_user_id": "1784", "access_token": "t" * 40}),
        account("mastodon", "@ajuntament a Mastodon", {"access_token": "a" * 43}),
    )


def form_with_posts(item, enabled: set[str]) -> dict:
    """The news form with the social rows as the page shows them, each
    switched on when its network is in ``enabled``."""
    data = news_admin_form_data(item)
    posts = list(SocialPost.for_item(item).select_related("account").order_by("pk"))
    data[f"{SOCIAL_PREFIX}-TOTAL_FORMS"] = data[f"{SOCIAL_PREFIX}-INITIAL_FORMS"] = str(len(posts))
    for index, post in enumerate(posts):
        data[f"{SOCIAL_PREFIX}-{index}-id"] = str(post.pk)
        data[f"{SOCIAL_PREFIX}-{index}-text_override"] = ""
        if post.account.network in enabled:
            data[f"{SOCIAL_PREFIX}-{index}-enabled"] = "on"
    return data


def posts_by_network(item) -> dict[str, SocialPost]:
    return {post.account.network: post for post in SocialPost.for_item(item).select_related("account")}


def test_a_new_item_without_an_image_starts_with_instagram_off(accounts):
    item = make_news(title="Tall de trànsit al carrer Major")
    posts = posts_by_network(item)
    assert not posts["instagram"].enabled
    assert posts["mastodon"].enabled


def test_saving_with_instagram_on_and_no_image_switches_it_off_with_a_note(client, accounts):
    item = make_news(title="Tall de trànsit al carrer Major")
    client.force_login(make_user("editor"))
    data = form_with_posts(item, {"instagram", "mastodon"})
    data["title"] = "Tall de trànsit al carrer Major dilluns"
    response = client.post(f"/admin/news/newsitem/{item.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()
    assert item.title == "Tall de trànsit al carrer Major dilluns"
    posts = posts_by_network(item)
    assert not posts["instagram"].enabled
    assert posts["mastodon"].enabled
    page = client.get(f"/admin/news/newsitem/{item.pk}/change/").content.decode()
    assert (
        '<p class="social-note" role="note">Desactivada per a aquest element: Instagram només publica' in page
    )


def test_with_an_image_instagram_can_be_switched_on(client, accounts):
    item = make_news(title="Tall de trànsit al carrer Major")
    client.force_login(make_user("editor"))
    data = form_with_posts(item, {"instagram", "mastodon"})
    data["image"] = make_image().pk
    response = client.post(f"/admin/news/newsitem/{item.pk}/change/", data)
    assert response.status_code == 302
    assert posts_by_network(item)["instagram"].enabled
    page = client.get(f"/admin/news/newsitem/{item.pk}/change/").content.decode()
    assert '<p class="social-note"' not in page


def test_publishing_without_an_image_cancels_instagram_and_says_why(accounts, publisher):
    image = make_image()
    item = make_news(title="Tall de trànsit al carrer Major", image=image)
    assert posts_by_network(item)["instagram"].enabled
    # The image is taken away by a path that does not touch the posts.
    type(item).objects.filter(pk=item.pk).update(image=None)
    item.refresh_from_db()
    actions.apply(item, "publish", publisher)
    sending.schedule_for_publication(item)
    posts = posts_by_network(item)
    assert posts["instagram"].state == PostState.CANCELLED
    assert "només publica amb imatge" in posts["instagram"].last_error
    assert posts["mastodon"].state == PostState.PENDING
