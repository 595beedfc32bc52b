"""What Facebook Pages and Instagram share: Meta's Graph API error bodies and
its usage headers (not a network: modules starting with "_" are helpers)."""

import json

import httpx

# Graph API error codes that mean "too many calls": application, user, page
# and business use case limits, and the Pages API's own range.
RATE_LIMIT_CODES = {4, 17, 32, 341, 613} | set(range(80000, 80015))


def graph_error(response: httpx.Response) -> dict:
    """The ``error`` object of a Graph API answer ({} if there is none)."""
    try:
        body = response.json()
    except ValueError:
        return {}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {}


def usage_wait(response: httpx.Response) -> float | None:
    """Seconds until access comes back, from the ``estimated_time_to_regain_
    access`` (minutes) of the Business Use Case, Page or App usage headers."""
    minutes = []
    for header in ("x-business-use-case-usage", "x-page-usage", "x-app-usage", "x-ad-account-usage"):
        try:
            usage = json.loads(response.headers.get(header) or "null")
        except ValueError:
            continue
        entries = []
        if isinstance(usage, dict) and "estimated_time_to_regain_access" in usage:
            entries = [usage]
        elif isinstance(usage, dict):
            for value in usage.values():
                if isinstance(value, list):
                    entries.extend(item for item in value if isinstance(item, dict))
        for entry in entries:
            value = entry.get("estimated_time_to_regain_access")
            if isinstance(value, int | float) and value > 0:
                minutes.append(value)
    return max(minutes) * 60.0 if minutes else None
