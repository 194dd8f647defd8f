"""Review and complaint tests: Sam's case (tests/conftest.py) with a decision not to
charge, and the dates the deadlines count from."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests import factories

TOLD = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)  # a Tuesday: the deadline is 10 June 2026
# Thursday 2 April 2026, 11:00 in London. Good Friday (3 April) and Easter Monday (6 April)
# fall inside the 10 working days; the Early May bank holiday (4 May) inside the 30.
ASKED = datetime(2026, 4, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def decision(case):
    """A decision not to charge, told on TOLD and already read through its content note."""
    return factories.make_update(
        case,
        "We will not be charging him. I am sorry.",
        event_type="no_further_action",
        sensitive=True,
        published_at=TOLD,
        occurred_at=TOLD,
        read_at=TOLD,
    )
