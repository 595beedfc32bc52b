"""The social composer in a real browser: the live count of an editor's own
text against each network's limit, and the save-time refusal it warns of."""

import pytest

from demo.fakes.server import FakeServer
from demo.fakes.x import FakeX
from tests.factories import make_account, make_news, make_user
from tests.support.browser import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def x_account(roles_ready):
    server = FakeServer().start()
    fake = server.mount(FakeX())
    yield make_account("x", fake, {"access_token": fake.access_token}, name="@ajuntament a X")
    server.stop()


def test_live_count_and_refusal_of_an_own_text_over_the_limit(open_session, x_account):
    item = make_news(title="Canvi d'horari de la biblioteca")
    editor = make_user("editor", username="redactora")
    session = open_session()
    log_in(session, editor)
    session.goto(f"/admin/news/newsitem/{item.pk}/change/")
    page = session.page
    # The posts are in the form's own section (a tab).
    page.get_by_role("tab", name="Xarxes socials").click()
    area = page.locator("textarea.social-compose")
    # The composed text's own count, as the server measured it.
    assert page.locator("[data-social-auto]").first.inner_text().endswith("/ 280")
    area.fill("La biblioteca obre a les 9 h. ")
    counter = page.locator("textarea.social-compose + .social-count")
    # 29 characters once trimmed, as the server will, a blank line and the
    # link, which X counts as 23.
    assert counter.inner_text() == "54 / 280"
    assert "social-count--over" not in (counter.get_attribute("class") or "")
    area.fill("Ç" * 270)
    assert counter.inner_text() == "295 / 280"
    assert "social-count--over" in counter.get_attribute("class")
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    assert "el límit és 280" in page.content()
    # The section holding the refusal is the one shown.
    assert page.locator("[role=tab][aria-selected=true]").inner_text().startswith("Xarxes socials")
    assert session.csp_violations() == []
