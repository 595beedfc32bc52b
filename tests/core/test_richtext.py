"""Rich text: only the allow-list survives; the rest is removed, not escaped
into visible junk."""

import pytest

from comunicacio.richtext import sanitize


@pytest.mark.parametrize(
    "html",
    [
        "<p>Paràgraf amb <strong>negreta</strong>, <em>cursiva</em> i <u>subratllat</u>.</p>",
        "<h2>Títol</h2><h3>Subtítol</h3><h4>Apartat</h4>",
        '<ul><li>u</li><li>dos</li></ul><ol start="3"><li>tres</li></ol>',
        "<blockquote><p>Cita</p></blockquote><hr>",
        '<table><caption>Horaris</caption><thead><tr><th scope="col">Dia</th></tr></thead>'
        '<tbody><tr><td colspan="2">Dilluns</td></tr></tbody></table>',
        '<p><a href="/ca/noticies/">Notícies</a> <a href="mailto:premsa@ajuntament.example">premsa</a> '
        '<a href="tel:+34938000000">telèfon</a></p>',
        "<p>H<sub>2</sub>O i m<sup>2</sup><br>línia</p>",
    ],
)
def test_allowed_markup_is_kept(html):
    assert sanitize(html) == html


@pytest.mark.parametrize(
    "html, expected",
    [
        ("<p>Hola</p><script>alert('x')</script>", "<p>Hola</p>"),
        ("<p>Hola</p><SCRIPT src=//evil.example/x.js></SCRIPT>", "<p>Hola</p>"),
        ("<style>body{display:none}</style><p>Text</p>", "<p>Text</p>"),
        ('<iframe src="https://evil.example"></iframe><p>Text</p>', "<p>Text</p>"),
        ('<p onclick="steal()" style="color:red" class="x" id="y">Text</p>', "<p>Text</p>"),
        ('<img src=x onerror="alert(1)"><p>Text</p>', "<p>Text</p>"),
        ('<a href="javascript:alert(1)">clic</a>', "<a>clic</a>"),
        ('<a href="JaVaScRiPt:alert(1)">clic</a>', "<a>clic</a>"),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">clic</a>', "<a>clic</a>"),
        ('<a href="/ca/" onmouseover="x()" target="_blank">clic</a>', '<a href="/ca/">clic</a>'),
        ("<p>Abans<!-- comentari --> després</p>", "<p>Abans després</p>"),
        ("<h1>Massa gran</h1><h5>petit</h5>", "Massa gran\npetit"),
        ('<form action="/x"><input name="a"><textarea>t</textarea></form><p>ok</p>', "<p>ok</p>"),
        ("<svg><script>alert(1)</script></svg><p>ok</p>", "<p>ok</p>"),
        ("<p>Obert<script>alert(1)", "<p>Obert</p>"),
        ("<p><br></p>", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_dangerous_or_foreign_markup_is_removed(html, expected):
    assert sanitize(html) == expected


def test_text_is_escaped_not_interpreted():
    assert sanitize("<p>5 < 6 & 7 > 3</p>") == "<p>5 &lt; 6 &amp; 7 &gt; 3</p>"


def test_external_links_get_noopener_and_internal_ones_do_not():
    html = sanitize(
        '<p><a href="https://www.gencat.cat" rel="opener">Generalitat</a> '
        '<a href="/ca/noticies/">Notícies</a> <a href="mailto:a@b.cat">correu</a></p>'
    )
    assert '<a href="https://www.gencat.cat" rel="noopener noreferrer">Generalitat</a>' in html
    assert '<a href="/ca/noticies/">Notícies</a>' in html
    assert '<a href="mailto:a@b.cat">correu</a>' in html


def test_bare_urls_become_safe_links():
    assert sanitize("<p>Vegeu https://seu.vilanova.cat/tramit</p>") == (
        '<p>Vegeu <a href="https://seu.vilanova.cat/tramit" rel="noopener noreferrer">https://seu.vilanova.cat/tramit</a></p>'
    )


def test_sanitising_twice_changes_nothing():
    html = sanitize('<p><a href="https://x.example">x</a> <strong>y</strong></p><script>z</script>')
    assert sanitize(html) == html


EXTERNAL = "noopener noreferrer"


@pytest.mark.parametrize(
    "href",
    [
        "http://www.gencat.cat/",
        "https://www.gencat.cat/",
        # Protocol-relative: the browser takes the page's scheme and leaves the site.
        "//other.example/pagina",
        # Browsers read a backslash as a slash in http(s) addresses.
        "/\\other.example/",
        "\\\\other.example/",
        # Schemes are case-insensitive.
        "HTTP://www.gencat.cat/",
        "Https://www.gencat.cat/",
        "hTtPs://www.gencat.cat/",
        # Leading spaces are dropped by the browser before the link is followed.
        " https://www.gencat.cat/",
    ],
)
def test_every_link_that_leaves_the_site_gets_rel(href):
    html = sanitize(f'<p><a href="{href}">fora</a></p>')
    assert f'rel="{EXTERNAL}"' in html, html


@pytest.mark.parametrize(
    "href",
    [
        "/ca/noticies/",
        "noticies/biblioteca/",
        "../agenda/",
        "?pagina=2",
        "#contingut",
        "mailto:premsa@ajuntament.example",
        "tel:+34938000000",
    ],
)
def test_links_that_stay_on_the_site_get_no_rel(href):
    html = sanitize(f'<p><a href="{href}">dins</a></p>')
    assert "rel=" not in html, html
    assert "href=" in html, html
