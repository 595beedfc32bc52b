"""VERP return paths: ``<local>+<delivery pk>@domain``, so a bounce names the
delivery it is about."""

import re

VERP_PATTERN = re.compile(r"^(?P<local>[^+@]+)\+(?P<pk>\d+)@", re.IGNORECASE)


def envelope_sender(address: str, pk: int) -> str:
    local, _, domain = address.partition("@")
    return f"{local}+{pk}@{domain}"


def parse(address: str) -> tuple[str, int] | None:
    """(local part, delivery pk) of a VERP address, or None."""
    match = VERP_PATTERN.match(address.strip().strip("<>"))
    return (match["local"].lower(), int(match["pk"])) if match else None
