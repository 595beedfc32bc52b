"""One counter for every builder, so that made-up names never collide."""

import itertools

_numbers = itertools.count(1)


def next_number() -> int:
    return next(_numbers)
