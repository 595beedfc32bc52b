"""Reading what a page sent."""

import json
import re


def html(response) -> str:
    return response.content.decode()


def json_ld(response) -> dict:
    """The page's schema.org JSON-LD block."""
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html(response), re.S)
    assert match, "no JSON-LD block on the page"
    return json.loads(match.group(1))
