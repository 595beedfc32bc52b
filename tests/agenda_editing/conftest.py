import pytest
import time_machine


@pytest.fixture
def clock():
    """The proposal factories' frozen clock (``tests.factories.proposals.NOW``),
    moved on by hand (``clock.shift``)."""
    from tests.factories.proposals import NOW

    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller
