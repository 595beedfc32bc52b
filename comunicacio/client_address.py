"""The visitor's address, as every per-visitor limit (the public proposal
form's rate limit, login throttling) must read it."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The visitor's address.

    Behind ``TRUSTED_PROXY_COUNT`` reverse proxies, each appending the address
    it received the request from to X-Forwarded-For, the visitor is that many
    entries from the right: entries further left were written by the client
    and prove nothing. With no trusted proxy, or a header shorter than the
    chain (the request did not come through it) or not an address,
    REMOTE_ADDR is used."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < proxies:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-proxies]))
    except ValueError:
        return remote
