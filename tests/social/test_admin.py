"""The back-office of social publishing: accounts, the posts inline of a news
item, the dashboard and its actions."""

import re

import pytest

from demo.fakes.mastodon import FakeMastodon
from social.models import PostState, SocialAccount, SocialPost
from tests.factories import SOCIAL_PREFIX, make_news, make_user, mastodon_account, news_admin_form_data

pytestmark = pytest.mark.django_db

TOKEN = "tok-0123456789-abcdefghijklmnopqrstuvwxyz"


@pytest.fixture
def siteadmin(client):
    user = make_user("siteadmin")
    client.force_login(user)
    return user


class TestAccounts:
    def test_adding_starts_by_choosing_the_network(self, client, siteadmin):
        response = client.get("/admin/social/socialaccount/add/")
        page = response.content.decode()
        for label in ("Mastodon", "Bluesky", "Telegram", "Facebook", "Instagram", "X", "LinkedIn"):
            assert f">{label}</a>" in page
        form = client.get("/admin/social/socialaccount/add/?network=telegram").content.decode()
        assert 'name="credential_bot_token"' in form and 'name="credential_chat_id"' in form

    def test_credentials_are_stored_encrypted_and_never_shown_back(self, client, siteadmin):
        response = client.post(
            "/admin/social/socialaccount/add/?network=mastodon",
            {
                "network": "mastodon",
                "name": "@ajuntament@mastodon.cat",
                "api_base": "https://mastodon.cat",
                "enabled": "on",
                "default_kinds": ["news.press", "news.notice"],
                "credential_access_token": TOKEN,
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        account = SocialAccount.objects.get()
        assert account.credentials == {"access_token": TOKEN}
        assert TOKEN not in account.credentials_encrypted
        assert account.default_kinds == ["news.press", "news.notice"]
        page = client.get(f"/admin/social/socialaccount/{account.pk}/change/").content.decode()
        assert TOKEN not in page and TOKEN[:12] not in page
        assert "••••wxyz" in page
        # Saving with the secret left blank keeps it.
        response = client.post(
            f"/admin/social/socialaccount/{account.pk}/change/",
            {
                "network": "mastodon",
                "name": "Ajuntament",
                "api_base": "https://mastodon.cat",
                "enabled": "on",
                "credential_access_token": "",
            },
        )
        assert response.status_code == 302
        account.refresh_from_db()
        assert account.name == "Ajuntament" and account.credentials == {"access_token": TOKEN}

    def test_malformed_credentials_are_refused_clearly(self, client, siteadmin):
        response = client.post(
            "/admin/social/socialaccount/add/?network=telegram",
            {
                "network": "telegram",
                "name": "Canal de l'Ajuntament",
                "enabled": "on",
                "credential_bot_token": "no-és-un-testimoni",
                "credential_chat_id": "@ajuntament",
            },
        )
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert "credential_bot_token" in errors
        assert not SocialAccount.objects.exists()

    def test_checking_an_account_records_its_health(self, client, siteadmin, mastodon):
        account = mastodon_account(mastodon)
        client.post(
            "/admin/social/socialaccount/",
            {"action": "check_accounts", "_selected_action": [account.pk]},
        )
        account.refresh_from_db()
        assert account.problem == "" and account.remote_name and account.checked_at
        mastodon.expire_token()
        client.post(
            "/admin/social/socialaccount/",
            {"action": "check_accounts", "_selected_action": [account.pk]},
        )
        account.refresh_from_db()
        assert account.problem

    def test_editors_cannot_see_credentials_forms(self, client):
        client.force_login(make_user("editor"))
        assert client.get("/admin/social/socialaccount/add/?network=mastodon").status_code == 403

    @pytest.mark.parametrize("role", ["editor", "publisher"])
    def test_viewers_see_an_account_but_never_its_credentials(self, client, settings, mastodon, role):
        # With DEBUG on, a failure here would render Django's debug page: it
        # must neither happen nor show the token.
        settings.DEBUG = True
        client.raise_request_exception = False
        account = mastodon_account(mastodon)
        client.force_login(make_user(role))
        response = client.get(f"/admin/social/socialaccount/{account.pk}/change/")
        page = response.content.decode()
        assert mastodon.token not in page and mastodon.token[-4:] not in page
        assert response.status_code == 200
        assert account.name in page and "Desades, xifrades." in page
        assert 'name="credential_access_token"' not in page

    def change_data(self, account, **changes) -> dict:
        data = {
            "network": account.network,
            "name": account.name,
            "api_base": account.api_base,
            "enabled": "on",
            "credential_access_token": "",
        }
        return {**data, **changes}

    def test_a_new_api_address_needs_the_credentials_typed_again(self, client, siteadmin, mastodon):
        account = mastodon_account(mastodon)
        before = SocialAccount.objects.values().get(pk=account.pk)
        url = f"/admin/social/socialaccount/{account.pk}/change/"
        # The attack: point the account at one's own server, keep the token.
        response = client.post(
            url, self.change_data(account, name="Nou nom", api_base="https://meu-servidor.example")
        )
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert errors["credential_access_token"][0].startswith(
            "Heu canviat el servidor de l'API: torneu a introduir aquest valor"
        )
        assert SocialAccount.objects.values().get(pk=account.pk) == before  # nothing saved
        # The same address written differently is the same address.
        same = account.api_base.replace("http://", "HTTP://") + "/"
        response = client.post(url, self.change_data(account, api_base=same))
        assert response.status_code == 302
        # Typing the token again binds it to the new address.
        response = client.post(
            url,
            self.change_data(
                account, api_base="https://meu-servidor.example", credential_access_token=mastodon.token
            ),
        )
        assert response.status_code == 302
        account.refresh_from_db()
        assert account.api_base == "https://meu-servidor.example"
        assert account.credentials_bound_to == "mastodon https://meu-servidor.example"

    def test_the_network_of_an_account_cannot_change(self, client, siteadmin, mastodon):
        account = mastodon_account(mastodon)
        before = SocialAccount.objects.values().get(pk=account.pk)
        response = client.post(
            f"/admin/social/socialaccount/{account.pk}/change/",
            self.change_data(account, network="telegram", credential_chat_id="@ajuntament"),
        )
        assert response.status_code == 200
        errors = response.context["adminform"].form.non_field_errors()
        assert errors[0].startswith("La xarxa d'un compte no es pot canviar")
        assert SocialAccount.objects.values().get(pk=account.pk) == before

    def test_checking_an_account_pointed_elsewhere_sends_it_no_secret(self, client, siteadmin, mastodon):
        from demo.fakes.server import FakeServer

        account = mastodon_account(mastodon)
        attacker_server = FakeServer().start()
        try:
            attacker = attacker_server.mount(FakeMastodon())
            # Moved behind the form's back (a shell, a bug, a database write).
            SocialAccount.objects.filter(pk=account.pk).update(api_base=attacker.base_url)
            response = client.post(
                "/admin/social/socialaccount/",
                {"action": "check_accounts", "_selected_action": [account.pk]},
                follow=True,
            )
            assert attacker.requests == []
        finally:
            attacker_server.stop()
        account.refresh_from_db()
        assert "Torneu-les a introduir" in account.problem
        assert "Torneu-les a introduir" in response.content.decode()
        page = client.get(f"/admin/social/socialaccount/{account.pk}/change/").content.decode()
        assert "torneu a introduir" not in page  # no error before saving


def social_form_data(item, changes: dict | None = None) -> dict:
    """The news form with the social inline's rows as the page shows them."""
    data = news_admin_form_data(item)
    posts = list(SocialPost.for_item(item).filter(account__enabled=True).order_by("pk"))
    data[f"{SOCIAL_PREFIX}-TOTAL_FORMS"] = str(len(posts))
    data[f"{SOCIAL_PREFIX}-INITIAL_FORMS"] = str(len(posts))
    for index, post in enumerate(posts):
        data[f"{SOCIAL_PREFIX}-{index}-id"] = str(post.pk)
        if post.enabled:
            data[f"{SOCIAL_PREFIX}-{index}-enabled"] = "on"
        data[f"{SOCIAL_PREFIX}-{index}-text_override"] = post.text_override
        for key, value in (changes or {}).get(index, {}).items():
            data[f"{SOCIAL_PREFIX}-{index}-{key}"] = value
    return data


class TestNewsInline:
    def test_the_news_form_shows_each_composed_post_with_its_count(self, client, mastodon):
        mastodon_account(mastodon)
        item = make_news(title="Mercat de Nadal a la plaça")
        client.force_login(make_user("editor"))
        page = client.get(f"/admin/news/newsitem/{item.pk}/change/").content.decode()
        assert "Publicació a les xarxes socials" in page
        assert "Mercat de Nadal a la plaça" in page
        assert re.search(r"\d+ / 500", page)
        assert 'data-social-limit="500"' in page and "social/composer.js" in page

    def test_an_own_text_over_the_limit_is_refused_at_save(self, client, mastodon):
        mastodon_account(mastodon)
        item = make_news(title="Títol original")
        client.force_login(make_user("editor"))
        data = social_form_data(item, {0: {"text_override": "à" * 600}})
        data["title"] = "Títol canviat"
        response = client.post(f"/admin/news/newsitem/{item.pk}/change/", data)
        assert response.status_code == 200
        assert "el límit és 500" in response.content.decode()
        item.refresh_from_db()
        assert item.title == "Títol original"  # nothing half-saved
        assert SocialPost.for_item(item).get().text_override == ""

    def test_an_editor_overrides_the_text_and_switches_an_account_off(self, client, mastodon):
        mastodon_account(mastodon)
        mastodon_account(mastodon, name="@cultura")
        item = make_news()
        client.force_login(make_user("editor"))
        data = social_form_data(item, {0: {"text_override": "Veniu a la plaça! 🎄"}})
        data.pop(f"{SOCIAL_PREFIX}-1-enabled")
        response = client.post(f"/admin/news/newsitem/{item.pk}/change/", data)
        assert response.status_code == 302
        first, second = SocialPost.for_item(item).order_by("pk")
        assert first.text_override == "Veniu a la plaça! 🎄" and first.enabled
        assert not second.enabled


class TestDashboard:
    def test_dashboard_lists_posts_by_state_and_account_health(
        self, client, mastodon, django_assert_max_num_queries
    ):
        account = mastodon_account(mastodon, name="@ajuntament")
        for state, extra in (
            (PostState.SENT, {"remote_url": "https://mastodon.example/@ajuntament/1"}),
            (PostState.FAILED, {"last_error": "Not authorised (401): The access token is invalid"}),
            (PostState.PENDING, {}),
        ):
            for _ in range(3):
                item = make_news()
                SocialPost.for_item(item).update(state=state, **extra)
        client.force_login(make_user("publisher"))
        with django_assert_max_num_queries(20):
            page = client.get("/admin/social/socialpost/tauler/").content.decode()
        assert "Fallides (3)" in page and "Programades (3)" in page and "Publicades (3)" in page
        assert "https://mastodon.example/@ajuntament/1" in page
        assert "The access token is invalid" in page
        assert account.name in page

    def test_the_post_list_links_to_the_dashboard(self, client, mastodon):
        client.force_login(make_user("publisher"))
        page = client.get("/admin/social/socialpost/").content.decode()
        assert 'href="/admin/social/socialpost/tauler/"' in page

    def test_retry_and_cancel(self, client, mastodon):
        mastodon_account(mastodon)
        failed_item, pending_item = make_news(), make_news()
        SocialPost.for_item(failed_item).update(state=PostState.FAILED, last_error="x")
        SocialPost.for_item(pending_item).update(state=PostState.PENDING)
        client.force_login(make_user("publisher"))
        pending = SocialPost.for_item(pending_item).get()
        client.post("/admin/social/socialpost/", {"action": "cancel_posts", "_selected_action": [pending.pk]})
        assert SocialPost.objects.get(pk=pending.pk).state == PostState.CANCELLED
        failed = SocialPost.for_item(failed_item).get()
        client.post("/admin/social/socialpost/", {"action": "retry_posts", "_selected_action": [failed.pk]})
        assert SocialPost.objects.get(pk=failed.pk).state == PostState.PENDING

    def test_editors_cannot_retry(self, client, mastodon):
        mastodon_account(mastodon)
        item = make_news()
        SocialPost.for_item(item).update(state=PostState.FAILED)
        client.force_login(make_user("editor"))
        post = SocialPost.for_item(item).get()
        client.post("/admin/social/socialpost/", {"action": "retry_posts", "_selected_action": [post.pk]})
        assert SocialPost.objects.get(pk=post.pk).state == PostState.FAILED

    def test_a_publisher_limited_to_a_unit_resends_only_that_units_posts(self, client, mastodon):
        from django.contrib.auth.models import Group

        from comunicacio import roles
        from comunicacio.role_scopes import UnitScope
        from tests.factories import make_unit

        mastodon_account(mastodon)
        culture, sports = make_unit(), make_unit()
        own, other = make_news(unit=culture), make_news(unit=sports)
        SocialPost.objects.update(state=PostState.FAILED, last_error="x")
        publisher = make_user("publisher")
        UnitScope.objects.create(group=Group.objects.get(name=roles.PUBLISHERS), user=publisher, unit=culture)
        client.force_login(publisher)
        posts = [SocialPost.for_item(own).get().pk, SocialPost.for_item(other).get().pk]
        client.post("/admin/social/socialpost/", {"action": "retry_posts", "_selected_action": posts})
        assert SocialPost.for_item(own).get().state == PostState.PENDING
        assert SocialPost.for_item(other).get().state == PostState.FAILED
