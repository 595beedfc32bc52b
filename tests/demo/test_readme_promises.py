"""What the README says the demo has, counted on the loaded demo, on the
public pages, feeds and exports wherever a visitor can see it. The numbers
are read from the README's demo section, so the README and the demo cannot
drift apart silently."""

import csv
import io
import json
import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from agenda.models import Event
from comunicacio.pages import SitePage
from demo import agenda as agenda_demo
from demo import institutional as institutional_demo
from demo.loader import STORIES
from demo.users import DEMO_USERS
from institutional.models import Guest, Holder, InstitutionalEntry
from news.models import NewsItem
from news.press.models import DistributionList
from social.models import SocialAccount
from social.networks import base as networks

README = (Path(settings.BASE_DIR) / "README.md").read_text()
DEMO_SECTION = " ".join(README[README.index("The demo (`manage.py load_demo`") :].split("## ")[0].split())


def promised(pattern: str) -> int:
    """The number the README's demo section states in ``pattern``'s group."""
    match = re.search(pattern, DEMO_SECTION)
    assert match, f"the README no longer says {pattern!r}"
    return int(match.group(1))


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig")


def public_news_cards(client, language="ca") -> list[str]:
    """Titles of every card of the public news list, walking its pages."""
    titles, number = [], 1
    while True:
        response = client.get(f"/{language}/{'noticies' if language == 'ca' else 'noticias'}/?page={number}")
        if response.status_code == 404 and number > 1:
            return titles
        assert response.status_code == 200
        cards = re.findall(r'<h3[^>]*><a href="[^"]+"[^>]*>([^<]+)</a>', body(response))
        titles += [unescape(title) for title in cards]
        number += 1


def test_sixty_news_in_catalan_most_with_spanish(demo, client):
    count = promised(r"(\d+) news in Catalan")
    demo_news = NewsItem.objects.filter(slug__in=[s.slug for s in STORIES])
    assert demo_news.count() == count
    assert demo_news.exclude(title_es="").count() > count // 2
    # On the public list: every visible one, in Catalan and in Spanish.
    visible = demo_news.visible()
    catalan = public_news_cards(client, "ca")
    assert len(catalan) == visible.count() and set(catalan) == set(visible.values_list("title", flat=True))
    spanish = public_news_cards(client, "es")
    assert len(spanish) == visible.count()
    assert len(set(spanish) - set(catalan)) > visible.count() // 2  # most show their Spanish title


def test_images_alerts_embargo_and_scheduled_items(demo, client):
    list_page = body(client.get("/ca/noticies/"))
    assert len(re.findall(r'<img [^>]*alt="[^"]+"', list_page)) >= 5
    alerts = list(NewsItem.objects.active_alerts())
    home = unescape(body(client.get("/ca/")))
    assert alerts and all(alert.title in home for alert in alerts)
    now = timezone.now()
    (embargoed,) = NewsItem.objects.filter(embargo_until__gt=now)
    assert "embargoed press note" in DEMO_SECTION
    assert client.get(embargoed.get_absolute_url()).status_code == 404
    scheduled = NewsItem.objects.filter(status="published", publish_at__gt=now)
    assert "scheduled items" in DEMO_SECTION and scheduled.count() >= 2
    for item in scheduled:
        assert client.get(item.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("slug", ["declaracio-accessibilitat", "avis-legal", "privacitat"])
def test_accessibility_legal_and_privacy_pages(demo, client, slug):
    assert "the accessibility, legal and privacy pages" in DEMO_SECTION
    page = SitePage.objects.get(slug=slug)
    assert client.get(page.get_absolute_url()).status_code == 200
    assert client.get(f"/es/pagina/{slug}/").status_code == 200


def test_the_printed_logins_are_the_readme_table(demo):
    table = dict(re.findall(r"^\| `([a-z]+)` \| `([^`]+)` \|", README, re.M))
    assert table == {user.username: user.password for user in DEMO_USERS}
    for username, password in table.items():
        assert re.search(rf"^\s+{username}\s+{re.escape(password)}\s", demo, re.M), username


def test_the_town_agenda_with_recurring_series(demo, client):
    count = promised(r"the town's agenda \((\d+) events, recurring series included\)")
    assert len(agenda_demo.EVENTS) == count
    events = Event.objects.filter(slug__in=[d.slug for d in agenda_demo.EVENTS]).visible()
    assert events.count() == count
    for event in events:
        assert client.get(event.get_absolute_url()).status_code == 200, event.slug
    series = events.exclude(recurrence_frequency="")
    assert series.count() >= 3
    ics = body(client.get("/ca/agenda/agenda.ics"))
    assert ics.count("RRULE:") >= series.count()
    listed = body(client.get("/ca/agenda/"))
    assert any(event.title.replace("'", "&#x27;") in listed for event in series)


def test_the_institutional_agenda_on_its_public_pages_feeds_and_exports(demo, client):
    holders = promised(r"the institutional agenda \((\d+) holders")
    entries = promised(r"(\d+) published entries")
    assert Holder.objects.count() == holders == len(institutional_demo.HOLDERS)
    assert InstitutionalEntry.objects.visible().count() == entries

    # The holders are the list filter's choices: the mayor, deputies, councillors.
    page = unescape(body(client.get("/ca/agenda-institucional/")))
    options = re.findall(r'<option value="([a-z-]+)"', page.split('name="holder"')[1].split("</select>")[0])
    assert len(options) == holders
    assert "Alcaldessa" in page and "tinent" in page
    upcoming = InstitutionalEntry.objects.visible().upcoming()
    past = InstitutionalEntry.objects.visible().past()
    assert upcoming.count() >= 10 and past.count() >= 10
    assert all(entry.subject in page for entry in upcoming[:5])
    archive = unescape(body(client.get("/ca/agenda-institucional/arxiu/")))
    month = timezone.localtime(past.order_by("-start").first().start)
    assert f'href="/ca/agenda-institucional/arxiu/{month.year}/{month.month}/"' in archive
    month_page = unescape(body(client.get(f"/ca/agenda-institucional/arxiu/{month.year}/{month.month}/")))
    assert past.order_by("-start").first().subject in month_page

    rows = list(csv.DictReader(io.StringIO(body(client.get("/ca/agenda-institucional/export.csv")))))
    assert len(rows) == entries
    assert {row["holder"] for row in rows} == set(Holder.objects.values_list("name", flat=True))
    data = json.loads(body(client.get("/ca/agenda-institucional/export.json")))
    assert len(data["entries"]) == entries
    feed = body(client.get("/ca/agenda-institucional/rss/"))
    assert feed.count("<item>") == min(entries, 30)
    detail = client.get(upcoming.first().get_absolute_url())
    assert detail.status_code == 200

    # Some entries carry the protocol office's guest lists, never shown publicly.
    guests = list(Guest.objects.all())
    assert len({guest.entry_id for guest in guests}) >= 3
    public = page + archive + month_page + feed + json.dumps(data, ensure_ascii=False) + str(rows)
    for guest in guests:
        assert guest.name not in public
        assert client.get(guest.entry.get_absolute_url()).status_code == 200
        assert guest.name not in body(client.get(guest.entry.get_absolute_url()))


def test_one_social_account_per_network_and_three_distribution_lists(demo):
    assert "one social account per network" in DEMO_SECTION
    per_network = {}
    for network in SocialAccount.objects.values_list("network", flat=True):
        per_network[network] = per_network.get(network, 0) + 1
    assert per_network == dict.fromkeys(networks.adapters(), 1)
    assert "journalists on three distribution lists" in DEMO_SECTION
    lists = DistributionList.objects.all()
    assert lists.count() == 3
    assert all(distribution_list.contacts.exists() for distribution_list in lists)
