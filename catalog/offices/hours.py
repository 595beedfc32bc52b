"""Opening hours: whether an office is open at a moment, and the sentence
that says so ("Obert ara · tanca a les 14 h")."""


def status_line(office, now) -> str:
    return ""


def opening_hours_specification(office) -> list[dict]:
    """schema.org ``openingHoursSpecification`` of ``office`` (also read by the CPSV-AP export)."""
    return []
