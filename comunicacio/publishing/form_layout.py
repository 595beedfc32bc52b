"""How the edit form of every publishable is laid out: its sections (shown
as tabs by ``static/editorial/forms.js``) and the one primary action of the
person editing it.

Sections come from the admin's own fieldsets and inlines, so that every
content type gets them without code of its own:

* a fieldset whose fields are Spanish twins (``title_es`` of ``title``) is
  the translation, shown side by side with the Catalan;
* one holding the item's dates (``publish_at``, ``expire_at``...) is
  publishing;
* one holding the main image (a foreign key to the media library) is the
  image;
* any other fieldset is content;
* an inline says its own section with ``form_section = (key, label)``
  (the social posts, the press mailing); one that does not is a section of
  its own, named as the inline is.

Without JavaScript every section is shown, one after another.
"""

from dataclasses import dataclass, field

from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import Status

CONTENT, TRANSLATION, IMAGE, PUBLISHING = "content", "translation", "image", "publishing"
LABELS = {
    CONTENT: _("Contingut"),
    TRANSLATION: _("Traducció"),
    IMAGE: _("Imatge"),
    PUBLISHING: _("Publicació"),
}
# Where the built-in sections go among the inlines' own ones.
ORDER = [CONTENT, TRANSLATION, IMAGE, "social", "press", PUBLISHING]
DATE_FIELDS = {"publish_at", "expire_at", "embargo_until"}
SPANISH = "_es"


@dataclass
class Section:
    key: str
    label: str
    fieldsets: list = field(default_factory=list)
    inlines: list = field(default_factory=list)


def translation_pairs(model, names) -> dict[str, str]:
    """{Spanish field: its Catalan original} among ``names``."""
    pairs = {}
    for name in names:
        if isinstance(name, str) and name.endswith(SPANISH):
            original = name.removesuffix(SPANISH)
            try:
                model._meta.get_field(original)
            except FieldDoesNotExist:
                continue
            pairs[name] = original
    return pairs


def _is_image(model, name) -> bool:
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    related = getattr(found, "related_model", None)
    return (
        isinstance(found, models.ForeignKey)
        and related is not None
        and related._meta.label == "comunicacio.Image"
    )


def section_of_fieldset(model, fields) -> str:
    names = [name for name in flatten_fieldsets([(None, {"fields": fields})]) if isinstance(name, str)]
    pairs = translation_pairs(model, names)
    if names and len(pairs) == len(names):
        return TRANSLATION
    if DATE_FIELDS & set(names):
        return PUBLISHING
    if any(_is_image(model, name) for name in names):
        return IMAGE
    return CONTENT


def sections(model, adminform, inline_admin_formsets) -> list[Section]:
    """The form's sections in display order, each with the fieldsets
    (``helpers.Fieldset``) and inline formsets it holds."""
    found: dict[str, Section] = {}

    def section(key, label):
        if key not in found:
            found[key] = Section(key, str(label))
        return found[key]

    for fieldset in adminform:
        key = section_of_fieldset(model, fieldset.fields)
        section(key, LABELS[key]).fieldsets.append(fieldset)
    image = found.get(IMAGE)
    if image and len(image.fieldsets) == 1 and image.fieldsets[0].name:
        # The image shares its fieldset with what the admin put beside it
        # ("Imatge i etiquetes", "Classificació"): the tab says so.
        image.label = str(image.fieldsets[0].name)
    for inline in inline_admin_formsets:
        declared = getattr(inline.opts, "form_section", None)
        if declared:
            key, label = declared
        else:
            key, label = f"inline-{inline.formset.prefix}", capfirst(inline.opts.verbose_name_plural)
        section(key, label).inlines.append(inline)
    return sorted(found.values(), key=_rank)


def _rank(section: Section) -> float:
    # An inline's own section goes after the known ones, before publishing.
    return ORDER.index(section.key) if section.key in ORDER else ORDER.index(PUBLISHING) - 0.5


@dataclass(frozen=True)
class Primary:
    """The action the form leads to: a workflow action's name or "save".
    ``now`` and ``future`` are the choice the form makes as the publication
    date is typed (publish now, or schedule for a future date)."""

    action: str
    now: str = ""
    future: str = ""


def primary_action(item, action_names, publish_at=None) -> Primary:
    """One primary action per role: for whoever may publish, "Publica ara"
    (or "Programa" with a future date); for an editor, "Envia a revisió";
    on a published item, or with no workflow action at hand, saving."""
    names = set(action_names)
    if item is not None and item.pk and item.status == Status.PUBLISHED:
        return Primary("save")
    if "publish" in names or "schedule" in names:
        now = "publish" if "publish" in names else "schedule"
        future = "schedule" if "schedule" in names else now
        future_date = publish_at is not None and publish_at > timezone.now()
        return Primary(future if future_date else now, now=now, future=future)
    if "submit" in names:
        return Primary("submit")
    return Primary("save")
