"""Reads of the guides for the rest of the catalogue."""


def part_of(service) -> list:
    """The guide steps that include ``service`` ("Part of: Canvio de domicili, pas 2 de 4")."""
    return []
