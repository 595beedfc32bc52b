"""docs/social.md states each network's delivery guarantee exactly as its adapter
does: the documentation cannot drift from the code."""

from pathlib import Path

import pytest

from social.networks import base

SOCIAL_DOC = (Path(__file__).resolve().parents[2] / "docs" / "social.md").read_text()


@pytest.mark.parametrize("name", sorted(base.adapters()))
def test_the_docs_state_the_networks_guarantee(name):
    adapter = base.get(name)
    assert adapter.guarantee.strip()
    assert adapter.guarantee in " ".join(SOCIAL_DOC.split("\n"))
