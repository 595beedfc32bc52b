"""The council's organisation: units and buildings."""

from comunicacio.organisation import Building, Unit

from ._sequence import next_number


def make_unit(name: str | None = None, slug: str | None = None, **fields) -> Unit:
    """A unit; ``make_unit("Àrea de Comunicació", slug="comunicacio")`` names it."""
    number = next_number()
    return Unit.objects.create(
        name=name or f"Departament de Cultura {number}", slug=slug or f"cultura-{number}", **fields
    )


def make_building(**fields) -> Building:
    number = next_number()
    fields.setdefault("name", f"Casa de la Vila {number}")
    fields.setdefault("slug", f"casa-vila-{number}")
    fields.setdefault("address", f"Plaça de la Vila, {number}")
    return Building.objects.create(**fields)
