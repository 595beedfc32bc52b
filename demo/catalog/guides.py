"""Demo guides of the catalogue."""


def load(people) -> int:
    return 0
