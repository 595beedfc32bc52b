"""System checks of the content types' declarations (``registry``), run at
start-up by Django's check framework (``manage.py check``, ``runserver``,
the test runner): a mistake there fails loudly before any page is served."""

from django.apps import apps
from django.core import checks
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from . import registry
from .publishing import effects
from .publishing.models import Publishable


def _publishable_models():
    return [model for model in apps.get_models() if issubclass(model, Publishable)]


@checks.register()
def check_content_specs(app_configs=None, **kwargs):
    errors = []
    for model in _publishable_models():
        if registry.spec_for(model) is None:
            errors.append(
                checks.Error(
                    f"{model._meta.label} is publishable but declares no content type.",
                    hint="Declare it in its app's hooks.py: registry.register_content(ContentSpec(...)).",
                    obj=model,
                    id="comunicacio.E001",
                )
            )
    names: dict[str, str] = {}
    for spec in registry.content_specs():
        errors += _check_templates(spec)
        errors += _check_effects(spec)
        if spec.name in names and names[spec.name] != spec.label:
            errors.append(
                checks.Error(
                    f"{spec.label} and {names[spec.name]} are both declared as {spec.name!r}.",
                    hint="A name (preview URL, search section, teaser kind) belongs to one content type.",
                    obj=spec.model,
                    id="comunicacio.E005",
                )
            )
        names.setdefault(spec.name, spec.label)
    return errors


def _check_templates(spec):
    errors = []
    templates = [spec.card_template, spec.detail_template, spec.home.template if spec.home else ""]
    for name in filter(None, templates):
        try:
            get_template(name)
        except TemplateDoesNotExist:
            errors.append(
                checks.Error(
                    f"{spec.label}: the template {name!r} does not exist.",
                    hint="Create it, or fix the name in the content type's declaration.",
                    obj=spec.model,
                    id="comunicacio.E002",
                )
            )
    return errors


def _check_effects(spec):
    errors = []
    known = effects.handler_names()
    for name in spec.effects:
        handler = effects.get_handler(name)
        if name not in known:
            errors.append(
                checks.Error(
                    f"{spec.label}: unknown side effect {name!r}.",
                    hint=f"Known effects: {', '.join(sorted(known))}.",
                    obj=spec.model,
                    id="comunicacio.E003",
                )
            )
        elif handler.public and not spec.is_public:
            errors.append(
                checks.Error(
                    f"{spec.label}: the effect {name!r} acts on what the public sees; "
                    f"staff-only content never has it.",
                    hint="Remove it from the declaration's effects.",
                    obj=spec.model,
                    id="comunicacio.E006",
                )
            )
    return errors
