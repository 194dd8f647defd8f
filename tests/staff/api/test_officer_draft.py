"""The officer sees the records system's event as a duty already running, and "Write the
update" opens the update form with what happened and when already filled in."""

from __future__ import annotations

from portal.staff.queries import open_obligations
from tests import factories
from tests.sign_in import sign_in_staff


def test_the_officer_sees_the_draft_and_writes_the_update_from_it(home, client, officer, case):
    home.event("RSO/26/0707", occurred_at="2026-03-02T10:15:00Z")

    sign_in_staff(client, officer)
    page = client.get_page(f"/staff/cases/{case.id}")
    deadlines = page.select_one("#deadlines").get_text(" ", strip=True)
    assert "Suspect arrested" in deadlines
    assert "sent by the records system" in deadlines
    link = page.select_one("#deadlines a.govuk-link")
    assert link.get_text(" ", strip=True) == "Write the update : Suspect arrested"

    form = client.get_page(link["href"])
    assert form.select_one("select#event_type option[selected]")["value"] == "suspect_arrested"
    assert form.select_one("#occurred_time")["value"] == "10:15"  # UK time: GMT in March
    day = form.select_one("input[name='occurred_on'], input[name='occurred_on-day']")
    assert day is not None and day.get("value") in ("2", "02")


def test_a_duty_of_another_case_fills_in_nothing(home, client, officer, case):
    other = factories.make_case(officer=officer, crime_reference="RSO/26/0808")
    home.event("RSO/26/0808")
    [duty] = open_obligations(other)
    sign_in_staff(client, officer)
    form = client.get_page(f"/staff/cases/{case.id}/updates/new?duty={duty.id}")
    chosen = form.select_one("select#event_type option[selected]")
    assert chosen is None or chosen["value"] == ""
    # Not a duty id at all: the empty form, not an error.
    client.get_page(f"/staff/cases/{case.id}/updates/new?duty=not-a-uuid")
