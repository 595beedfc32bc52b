"""Where an image is used: its admin page lists every item of every type
pointing at it (news, events, any model with a key to Image), with a link
and its state, as far as the member's role lets them see; the list counts
the uses."""

import pytest
from django.contrib.auth.models import Group

from comunicacio import image_usage, roles
from comunicacio.media import Image
from comunicacio.publishing.models import Status
from comunicacio.role_scopes import UnitScope
from tests.factories import make_event, make_image, make_live_news, make_unit, make_user

pytestmark = pytest.mark.django_db


def change_url(image) -> str:
    return f"/admin/comunicacio/image/{image.pk}/change/"


def test_every_relation_to_image_is_found_generically():
    from agenda.models import Event
    from news.models import NewsItem

    relations = image_usage.image_relations()
    assert (NewsItem, "image") in relations and (Event, "image") in relations


def test_the_image_page_lists_news_and_events_using_it_with_links_and_state(client, unit):
    image = make_image(alt="Plaça Major")
    news = make_live_news(unit, image=image, title="La plaça es renova")
    draft = make_live_news(
        unit, image=image, title="Esborrany de la plaça", status=Status.DRAFT, publish_at=None
    )
    event = make_event(image=image, title="Concert a la plaça")
    make_live_news(unit, title="Una altra notícia", image=make_image())
    client.force_login(make_user("publisher"))

    response = client.get(change_url(image))

    html = response.content.decode()
    usage = response.context["image_usage"]
    assert usage.total == 3 and usage.hidden == 0
    assert "On es fa servir (3 elements)" in html
    assert f'href="/admin/news/newsitem/{news.pk}/change/"' in html
    assert f'href="/admin/news/newsitem/{draft.pk}/change/"' in html
    assert f'href="/admin/agenda/event/{event.pk}/change/"' in html
    assert "Concert a la plaça" in html and "Una altra notícia" not in html
    assert {use.status for use in usage.uses} == {str(Status.PUBLISHED.label), str(Status.DRAFT.label)}


def test_an_unused_image_says_so(client):
    image = make_image()
    client.force_login(make_user("editor"))
    assert "Cap element no fa servir aquesta imatge." in client.get(change_url(image)).content.decode()


def test_items_a_limited_role_may_not_see_are_only_counted(client):
    culture, sports = make_unit(name="Àrea de Cultura"), make_unit(name="Àrea d'Esports")
    image = make_image()
    own = make_live_news(culture, image=image, title="Festa de la cultura")
    make_live_news(sports, image=image, title="Cursa popular secreta")
    editor = make_user("editor")
    UnitScope.objects.create(group=Group.objects.get(name=roles.EDITORS), user=editor, unit=culture)
    client.force_login(editor)

    html = client.get(change_url(image)).content.decode()

    assert "Festa de la cultura" in html and f"/admin/news/newsitem/{own.pk}/change/" in html
    assert "Cursa popular secreta" not in html
    assert "I 1 element més que el vostre rol no us deixa veure." in html


def test_the_list_counts_uses_in_a_constant_number_of_queries(client, unit, django_assert_max_num_queries):
    used = make_image(alt="Molt usada")
    for _ in range(3):
        make_live_news(unit, image=used)
    make_event(image=used)
    unused = make_image(alt="Sense ús")
    client.force_login(make_user("editor"))

    response = client.get("/admin/comunicacio/image/")
    counts = {image.pk: image.use_count for image in response.context["cl"].result_list}
    assert counts == {used.pk: 4, unused.pk: 0}

    for number in range(5):
        make_image(alt=f"Més {number}")
    with django_assert_max_num_queries(20):
        assert client.get("/admin/comunicacio/image/?o=5").status_code == 200
    assert image_usage.with_use_counts(Image.objects.filter(pk=used.pk)).get().use_count == 4


def test_a_member_without_a_role_sees_no_image_page(client):
    image = make_image()
    client.force_login(make_user(None))
    assert client.get(change_url(image)).status_code in (302, 403)


def test_a_type_the_back_office_does_not_show_is_listed_without_a_link(rf):
    from tests.testapp.models import Notice

    image = make_image()
    notice = Notice.objects.create(title="Avís de tall d'aigua", slug="tall-aigua", image=image)
    request = rf.get("/")
    request.user = make_user("superuser")

    found = image_usage.usage(image, request)

    assert [(use.item, use.admin_url) for use in found.uses] == [(notice, "")]
    assert found.uses[0].status == str(notice.get_status_label())
