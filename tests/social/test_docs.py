"""The README states each network's delivery guarantee exactly as its adapter
does: the documentation cannot drift from the code."""

from pathlib import Path

import pytest

from social.networks import base

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


@pytest.mark.parametrize("name", sorted(base.adapters()))
def test_the_readme_states_the_networks_guarantee(name):
    adapter = base.get(name)
    assert adapter.guarantee.strip()
    assert adapter.guarantee in " ".join(README.split("\n"))
