"""Demo offices of the catalogue."""


def load(people) -> int:
    return 0
