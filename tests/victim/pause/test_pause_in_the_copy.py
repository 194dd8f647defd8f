"""Her requests to pause come back to her in her copy of everything, on paper."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tests import factories
from tests.easyread.test_pdf import pdf_text
from tests.sign_in import sign_in


def test_her_pdf_copy_lists_each_pause_she_asked_for(client, case):
    factories.make_contact_pause(
        case,
        about="withdrawing",
        requested_at=datetime(2026, 3, 2, 10, tzinfo=UTC),
        ended_at=datetime(2026, 3, 5, 10, tzinfo=UTC),
    )
    factories.make_contact_pause(
        case,
        choice="no_contact",
        requested_at=datetime(2026, 3, 9, 10, tzinfo=UTC),
        until=date(2099, 7, 1),
    )
    sign_in(client, case.victim)
    response = client.post("/my/copy/pdf", from_url="/my/copy/")
    text = " ".join(pdf_text(response.data).split())
    assert "Pauses you asked for" in text
    assert "I want to talk about withdrawing" in text
    assert "You asked on 2 March 2026. It ended on 5 March 2026." in text
    assert "Messages about updates, but no calls or visits from my officer" in text
    assert "Your pause lasts until the end of 1 July 2099." in text


def test_with_no_pause_the_copy_says_so(client, case):
    sign_in(client, case.victim)
    response = client.post("/my/copy/pdf", from_url="/my/copy/")
    assert "You have not asked for a pause." in " ".join(pdf_text(response.data).split())
