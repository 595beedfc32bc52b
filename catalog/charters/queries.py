"""Reads of the service charters for the rest of the catalogue."""


def charter_for(service):
    """The charter (carta de serveis) of ``service``, or None."""
    return None
