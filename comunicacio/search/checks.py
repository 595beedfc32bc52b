"""System checks for search declarations: an unknown search field, a bad
weight or language, or a searchable type without a listing or card is
refused at start-up with a clear message."""

from django.core import checks

from comunicacio.registry import PUBLIC, content_specs

from .fields import declared, problems


def search_declarations(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors = []
    for spec in content_specs():
        for problem in problems(spec):
            errors.append(checks.Error(f"{spec.label}: {problem}.", obj=spec.model, id="comunicacio.E101"))
        if declared(spec) and spec.audience == PUBLIC and not spec.card_template:
            errors.append(
                checks.Error(
                    f"{spec.label}: searchable but has no card_template for the search page.",
                    obj=spec.model,
                    id="comunicacio.E102",
                )
            )
    return errors


def register() -> None:
    checks.register(search_declarations, "comunicacio", deploy=False)
