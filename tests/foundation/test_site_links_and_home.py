import re


def test_a_declared_type_gets_its_navigation_footer_and_feed_links(client, make_notice):
    html = client.get("/ca/").content.decode()
    assert '<li><a href="/ca/notices/">Notices</a></li>' in html  # main navigation
    assert '<li><a href="/ca/notices/rss/">Notices in RSS</a></li>' in html  # footer subscriptions
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Notices (Atom)" href="/ca/notices/atom/">'
        in html
    )


def test_the_entry_of_the_page_and_of_its_section_say_so(client, make_notice):
    notice = make_notice()
    listing = client.get("/ca/notices/").content.decode()
    assert '<a href="/ca/notices/" aria-current="page">Notices</a>' in listing
    detail = client.get(notice.get_absolute_url()).content.decode()
    assert '<a href="/ca/notices/" aria-current="true">Notices</a>' in detail


def test_the_home_shows_the_declared_section_with_its_cards(client, make_notice):
    make_notice("Avís a la portada")
    html = client.get("/ca/").content.decode()
    section = re.search(r'<section class="home-section notice-section">.*?</section>', html, re.S)
    assert section and "Avís a la portada" in section.group(0)


def test_staff_only_content_has_no_public_links_nor_home_section(client, make_notice, staff_only):
    make_notice("Circular interna")
    html = client.get("/ca/").content.decode()
    assert "/ca/notices/" not in html and "notice-section" not in html


def test_cards_are_rendered_once_per_generation(make_notice, django_assert_num_queries):
    from tests.testapp import hooks

    notice = make_notice("Una")
    rows = list(hooks.listing())
    first = hooks.render_cards(rows)
    assert "Una" in first[0]
    with django_assert_num_queries(0):  # cached: no row is loaded again
        assert hooks.render_cards(rows) == first
    notice.title = "Canviada"
    notice.save()  # a new updated_at: a new key
    assert "Canviada" in hooks.render_cards(list(hooks.listing()))[0]
