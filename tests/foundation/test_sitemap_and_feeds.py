from xml.etree import ElementTree

from comunicacio.publishing.models import Status

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _locations(client) -> list[str]:
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    return [element.text for element in root.iter(f"{SITEMAP}loc")]


def test_the_sitemap_lists_visible_items_and_pages_of_a_declared_type(client, make_notice):
    visible = make_notice("Visible")
    make_notice("Esborrany", status=Status.DRAFT)
    locations = _locations(client)
    assert any(location.endswith(f"/ca/notices/{visible.slug}/") for location in locations)
    assert any(location.endswith("/es/notices/visible/") for location in locations)  # translated twin
    assert not any("esborrany" in location for location in locations)
    assert any(location.endswith("/ca/notices/") for location in locations)  # the type's own page
    assert any(location.endswith("/ca/") for location in locations)  # the foundation's home


def test_staff_only_content_never_enters_the_sitemap(client, make_notice, staff_only):
    make_notice("Circular interna")
    locations = _locations(client)
    assert not any("/notices/" in location for location in locations)


def test_one_feed_declaration_serves_rss_and_atom_twins(client, make_notice):
    make_notice("Primera")
    make_notice("Segona")
    rss = client.get("/ca/notices/rss/")
    atom = client.get("/ca/notices/atom/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert atom["Content-Type"].startswith("application/atom+xml")
    rss_titles = [e.text for e in ElementTree.fromstring(rss.content).iter("title")][1:]
    atom_root = ElementTree.fromstring(atom.content)
    atom_ns = "{http://www.w3.org/2005/Atom}"
    atom_titles = [e.find(f"{atom_ns}title").text for e in atom_root.iter(f"{atom_ns}entry")]
    assert sorted(rss_titles) == sorted(atom_titles) == ["Primera", "Segona"]
    assert atom_root.find(f"{atom_ns}subtitle").text == "Test notices."
    # Absolute links from SITE_URL, whatever the Host.
    assert "http://testserver" not in rss.content.decode()
