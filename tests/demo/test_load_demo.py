import io
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from taggit.models import Tag, TaggedItem

from agenda.models import Event, Occurrence
from comunicacio.media import Image
from comunicacio.organisation import Building, Unit
from comunicacio.pages import SitePage
from comunicacio.publishing.models import Effect, Revision, Status, Transition
from demo.loader import STORIES
from demo.users import DEMO_USERS
from institutional.models import Guest, Holder, InstitutionalEntry
from news.models import Attachment, Kind, NewsItem, Severity
from news.press.models import DistributionList, MediaContact, PressDistribution
from social.models import SocialAccount, SocialPost
from social.networks import base as networks

MODELS = [
    Event,
    Occurrence,
    Holder,
    InstitutionalEntry,
    Guest,
    SocialAccount,
    SocialPost,
    MediaContact,
    DistributionList,
    PressDistribution,
    Unit,
    Building,
    Image,
    SitePage,
    NewsItem,
    Attachment,
    Tag,
    TaggedItem,
    Transition,
    Revision,
    Effect,
    get_user_model(),
]


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_a_second_run_creates_nothing(demo):
    before = counts()
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    assert counts() == before
    assert "already loaded" in output.getvalue()


def test_first_run_loads_the_whole_demo(demo):
    assert NewsItem.objects.count() == len(STORIES) >= 55
    assert Unit.objects.filter(kind=Unit.Kind.AREA).count() >= 4
    assert Unit.objects.filter(parent__slug="area-serveis-persones").count() >= 4
    assert Unit.objects.exclude(name_es="").count() == Unit.objects.count()
    assert Building.objects.filter(slug="casa-de-la-vila").exists()
    assert Image.objects.count() == 13


def test_the_demo_posts_to_local_fake_networks_and_mails_the_media(demo):
    accounts = SocialAccount.objects.all()
    assert sorted(account.network for account in accounts) == sorted(networks.adapters())
    assert all(account.api_base.startswith("http://127.0.0.1:") for account in accounts)
    assert all("servidor de proves local" in account.name for account in accounts)
    # Every saved item has its composed draft per account.
    assert SocialPost.objects.count() >= NewsItem.objects.count() * len(accounts)
    assert MediaContact.objects.filter(language="es").exists()
    embargoed = PressDistribution.objects.get(news__embargo_until__gt=timezone.now())
    assert embargoed.lists.count() == 2 and embargoed.lists.filter(contacts__isnull=False).exists()


@pytest.mark.parametrize("demo_user", DEMO_USERS, ids=lambda user: user.username)
def test_each_printed_login_opens_the_back_office(demo, client, demo_user):
    assert f"{demo_user.username}  " in demo and demo_user.password in demo
    user = get_user_model().objects.get(username=demo_user.username)
    assert user.is_staff
    assert user.email.endswith("@vilanovadelriu.cat.example")
    if demo_user.role:
        assert list(user.groups.values_list("name", flat=True)) == [demo_user.role]
    else:
        assert user.is_superuser
    validate_password(demo_user.password, user)

    response = client.post("/admin/login/", {"username": demo_user.username, "password": demo_user.password})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_publisher_published_everything_through_the_workflow(demo):
    published = NewsItem.objects.filter(status=Status.PUBLISHED)
    assert published.count() > 40
    for item in published:
        transitions = Transition.for_item(item)
        assert transitions.filter(action__in=["publish", "schedule"], user__username="cap").exists(), (
            item.slug
        )


def test_visible_news_are_most_but_not_all(demo):
    visible = NewsItem.objects.visible()
    assert 40 <= visible.count() <= 55
    hidden = NewsItem.objects.exclude(pk__in=visible.values("pk"))
    states = set(hidden.values_list("status", flat=True))
    assert {Status.DRAFT, Status.REVIEW, Status.PUBLISHED, Status.WITHDRAWN} <= states
    now = timezone.now()
    assert NewsItem.objects.filter(status=Status.PUBLISHED, publish_at__gt=now).count() >= 2
    assert NewsItem.objects.filter(status=Status.PUBLISHED, expire_at__lte=now).count() >= 2
    dates = list(visible.values_list("publish_at", flat=True))
    assert min(dates) < now - timedelta(days=90)
    assert visible.filter(featured=True).count() >= 3
    assert visible.exclude(title_es="").count() >= visible.count() // 2


def test_scheduled_news_appear_at_their_time(demo, client):
    item = NewsItem.objects.filter(status=Status.PUBLISHED, publish_at__gt=timezone.now()).earliest(
        "publish_at"
    )
    assert client.get(item.get_absolute_url()).status_code == 404
    with time_machine.travel(item.publish_at + timedelta(minutes=1)):
        assert client.get(item.get_absolute_url()).status_code == 200


def test_three_alerts_are_active_most_severe_first(demo, client):
    alerts = list(NewsItem.objects.active_alerts())
    assert len(alerts) == 3
    assert alerts[0].alert_severity == Severity.CRITICAL
    assert [alert.alert_severity for alert in alerts] == sorted(
        (alert.alert_severity for alert in alerts), reverse=True
    )
    page = client.get("/ca/noticies/").content.decode()
    assert "Tall de subministrament d&#x27;aigua al barri del Molí" in page


def test_the_embargoed_note_stays_hidden_until_the_embargo_lifts(demo, client):
    note = NewsItem.objects.get(embargo_until__isnull=False)
    assert note.kind == Kind.PRESS_NOTE and note.status == Status.PUBLISHED
    assert note.embargo_until > timezone.now()
    assert not note.is_visible()
    assert client.get(note.get_absolute_url()).status_code == 404
    for url in ["/ca/", "/ca/noticies/", "/ca/noticies/rss/", "/ca/noticies/sala-de-premsa/"]:
        assert note.title not in client.get(url).content.decode(), url
    with time_machine.travel(note.embargo_until + timedelta(minutes=1)):
        assert client.get(note.get_absolute_url()).status_code == 200


def test_home_list_and_detail_render(demo, client):
    home = client.get("/ca/")
    assert home.status_code == 200
    featured = NewsItem.objects.visible().filter(featured=True).order_by("-publish_at").first()
    assert featured.title.replace("'", "&#x27;") in home.content.decode()

    assert client.get("/ca/noticies/").status_code == 200
    assert client.get("/ca/noticies/?page=2").status_code == 200

    with translation.override("es"):
        spanish = client.get(reverse("news:list"))
    assert spanish.status_code == 200
    assert "Corte de suministro de agua en el barrio del Molí" in spanish.content.decode()

    with_pdf = NewsItem.objects.visible().filter(attachments__isnull=False).first()
    detail = client.get(with_pdf.get_absolute_url())
    assert detail.status_code == 200
    assert with_pdf.attachments.first().file.url in detail.content.decode()


def test_images_and_attachments_are_real_files(demo):
    for image in Image.objects.all():
        assert image.alt_text and image.alt_text_es
        assert image.credit == "Foto: Ajuntament de Vilanova del Riu"
        assert (image.width, image.height) == (1600, 900)
        assert image.renditions["webp"] and image.renditions["jpeg"]
    attachments = list(Attachment.objects.all())
    assert len(attachments) >= 2
    for attachment in attachments:
        with attachment.file.open("rb") as handle:
            data = handle.read()
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


@pytest.mark.parametrize("slug", ["declaracio-accessibilitat", "avis-legal", "privacitat"])
def test_institutional_pages_exist_in_both_languages(demo, client, slug):
    page = SitePage.objects.get(slug=slug)
    assert page.title_es and page.body_es
    assert client.get(page.get_absolute_url()).status_code == 200
