"""The demo town's service catalogue: offices, services, charters, guides."""


def load(people) -> dict[str, int]:
    from . import charters, guides, offices, services

    counts = {}
    counts["offices"] = offices.load(people)
    counts["services"] = services.load(people)
    counts["service charters"] = charters.load(people)
    counts["step-by-step guides"] = guides.load(people)
    return counts
