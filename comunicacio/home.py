"""The home page is composed of the sections public content types declare
(``ContentSpec.home``), so the home knows none of them. A section's
template reads its context as ``section.<name>``."""

from . import registry


def sections() -> list[dict]:
    specs = [spec for spec in registry.content_specs(registry.PUBLIC) if spec.home is not None]
    return [
        {"name": spec.name, "template": spec.home.template, **spec.home.context()}
        for spec in sorted(specs, key=lambda spec: spec.home.order)
    ]
