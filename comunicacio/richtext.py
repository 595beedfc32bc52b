"""Rich text sanitising: an allow-list applied on save. Only the sanitised form
is stored, so templates may mark it safe."""

import re

import bleach
from django.db import models
from django_prose_editor.fields import ProseEditorField

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "s",
        "sub",
        "sup",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "li",
        "blockquote",
        "a",
        "hr",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "caption",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "hreflang"],
    "th": ["scope", "colspan", "rowspan"],
    "td": ["colspan", "rowspan"],
    "ol": ["start"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})

_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)


# bleach strips a disallowed tag but keeps its text: for these elements the
# "text" is code or markup nobody should read in an article, so it goes too.
# bleach still sanitises whatever this leaves; this only decides what is text.
_DROPPED_WITH_CONTENT = r"script|style|iframe|noscript|template|object|embed|svg|math|textarea|select"
_PAIRED_RE = re.compile(rf"<({_DROPPED_WITH_CONTENT})\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_UNCLOSED_RE = re.compile(rf"<({_DROPPED_WITH_CONTENT})\b[^>]*>.*\Z", re.IGNORECASE | re.DOTALL)


def _drop_code_elements(html: str) -> str:
    previous = None
    while previous != html:  # nested or repeated elements
        previous, html = html, _PAIRED_RE.sub("", html)
    return _UNCLOSED_RE.sub("", html)


# What a browser does to an href before following it (WHATWG URL): surrounding
# spaces and control characters go, tabs and newlines inside are ignored, and a
# backslash counts as a slash. "//host", "/\\host" and "HTTPS:" all leave the site.
_URL_IGNORED_RE = re.compile(r"[\t\n\r]")
_LEAVES_SITE_RE = re.compile(r"(?:https?:|//)", re.IGNORECASE)


def leaves_site(href: str) -> bool:
    """Whether following ``href`` takes the reader to another site: an
    http(s) address in any letter case, or a protocol-relative one."""
    normalised = _URL_IGNORED_RE.sub("", href).strip("\x00- ").replace("\\", "/")
    return _LEAVES_SITE_RE.match(normalised) is not None


def _set_link_rel(attrs, new=False):
    if leaves_site(attrs.get((None, "href"), "")):
        attrs[(None, "rel")] = "noopener noreferrer"
    return attrs


def sanitize(html: str | None) -> str:
    """Return ``html`` reduced to the allow-list; empty editor output is ''."""
    if not html:
        return ""
    cleaned = _cleaner.clean(_drop_code_elements(html))
    # Existing links go through the callbacks too (a skip_tags={"a"} would
    # exempt them); text inside a link is never linkified again.
    cleaned = bleach.linkify(cleaned, callbacks=[_set_link_rel], parse_email=False)
    cleaned = cleaned.strip()
    return "" if cleaned in {"<p></p>", "<p><br></p>"} else cleaned


# The editor's toolbar matches the allow-list above.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    # The editor does not pull in the nodes lists and tables are made of.
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
    "HTML": True,
}


class RichTextField(ProseEditorField):
    """A text field edited with the bundled ProseMirror editor and sanitised
    with our bleach allow-list both in forms and on every model save."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", EDITOR_EXTENSIONS)
        kwargs["sanitize"] = sanitize
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = sanitize(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def deconstruct(self):
        name, _path, args, kwargs = models.TextField.deconstruct(self)
        return name, "comunicacio.richtext.RichTextField", args, kwargs
