"""Pause, step back, come back, through the pages: the victim asks without a phone call,
keeps her access, her messages wait while the pause lasts and go when she comes back; her
officer reads a structured request; the supervisor counts requests by stage."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine
from sqlalchemy import select

from portal.data.models import AuditEvent, ContactPause, Notification, NotificationStatus
from portal.extensions import db
from portal.notifications.channels import EMAIL
from portal.notifications.worker import send_due
from tests import factories
from tests.notifications.conftest import Recorder
from tests.sign_in import staff_client, victim_client

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)  # a Tuesday, midday in London
ASK = {"about": "step_back", "choice": "no_updates", "how_long": "until_i_say"}


def _emailed_case(officer, **victim_fields):
    victim = factories.make_victim(
        preferred_name="Sam", channel="email", email="sam@example.net", **victim_fields
    )
    return factories.make_case(victim=victim, officer=officer, crime_reference="RSO/26/0707")


def _status(notification) -> NotificationStatus:
    db.session.expire_all()
    return db.session.get(Notification, notification.id).status


def test_a_pause_keeps_her_access_and_holds_messages_until_she_comes_back(app, officer):
    case = _emailed_case(officer)
    with time_machine.travel(NOW, tick=False):
        sam = victim_client(app, case.victim)
        page = sam.get_page(f"/my/pause/{case.id}")
        assert "You can come back at any time." in page.text()
        assert "An ISVA is an independent sexual violence adviser." in page.text()
        response = sam.post(f"/my/pause/{case.id}", ASK)
        assert response.status_code == 303
        page = sam.get_page(f"/my/pause/{case.id}")
        assert "Your officer has been told." in page.text()
        assert "Your pause lasts until you say." in page.text()
        # She is still signed in and can reach everything.
        home = sam.get_page("/my/")
        assert "Pause, step back or come back" in home.text()

        # An update published during the pause is there to read; its message waits.
        held = factories.queue_notification(case)
        sender = Recorder()
        send_due(senders={EMAIL: sender})
        assert sender.sent == []
        assert _status(held) == NotificationStatus.PENDING
        assert "An update." in sam.get_page(f"/my/updates/{held.update_id}").text()

    with time_machine.travel(NOW + timedelta(days=3), tick=False):
        send_due(senders={EMAIL: sender})
        assert sender.sent == [], "an open-ended pause keeps holding"
        sam = victim_client(app, case.victim)  # she signs in again days later
        response = sam.post(f"/my/pause/{case.id}/come-back", from_url=f"/my/pause/{case.id}")
        assert response.headers["Location"] == "/my/"
        assert "Welcome back." in sam.get_page("/my/").text()
        send_due(senders={EMAIL: sender})
    assert len(sender.sent) == 1
    assert _status(held) == NotificationStatus.SENT
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.case_id == case.id).order_by(AuditEvent.id)
    ).all()
    assert "victim.pause_requested" in actions
    assert "victim.pause_ended" in actions


def test_a_pause_to_a_date_ends_by_itself_after_that_day(app, officer):
    case = _emailed_case(officer)
    with time_machine.travel(NOW, tick=False):
        sam = victim_client(app, case.victim)
        sam.post(f"/my/pause/{case.id}", {**ASK, "how_long": "date", "until": ["12", "3", "2026"]})
        page = sam.get_page(f"/my/pause/{case.id}")
        assert "Your pause lasts until the end of 12 March 2026." in page.text()
        held = factories.queue_notification(case)
        sender = Recorder()
        send_due(senders={EMAIL: sender})
    with time_machine.travel(datetime(2026, 3, 12, 23, 0, tzinfo=UTC), tick=False):
        send_due(senders={EMAIL: sender})  # 23:00 in London on the last day: still held
        assert sender.sent == []
    with time_machine.travel(datetime(2026, 3, 13, 0, 1, tzinfo=UTC), tick=False):
        send_due(senders={EMAIL: sender})
    assert len(sender.sent) == 1
    assert _status(held) == NotificationStatus.SENT


def test_updates_but_no_contact_still_sends_her_messages(app, officer):
    case = _emailed_case(officer)
    with time_machine.travel(NOW, tick=False):
        sam = victim_client(app, case.victim)
        sam.post(f"/my/pause/{case.id}", {**ASK, "choice": "no_contact"})
        factories.queue_notification(case)
        sender = Recorder()
        send_due(senders={EMAIL: sender})
    assert len(sender.sent) == 1


def test_a_request_without_its_choices_or_with_a_past_day_is_refused_in_plain_words(app, officer):
    case = _emailed_case(officer)
    with time_machine.travel(NOW, tick=False):
        sam = victim_client(app, case.victim)
        page = sam.post_page(f"/my/pause/{case.id}", {}, status=400)
        assert page.error_summary() == [
            "Select what you would like",
            "Select what should happen while it lasts",
            "Select for how long",
        ]
        page = sam.post_page(
            f"/my/pause/{case.id}",
            {**ASK, "how_long": "date", "until": ["1", "3", "2026"]},
            status=400,
        )
        assert page.error_summary() == ["The last day of the pause must be today or in the future"]
        page = sam.post_page(f"/my/pause/{case.id}", {**ASK, "how_long": "date"}, status=400)
        assert page.error_summary() == ["Enter the last day of the pause"]
        page = sam.post_page(f"/my/pause/{case.id}", {**ASK, "choice": "nonsense"}, status=400)
        assert page.title.startswith("Error:")
    assert db.session.scalar(select(ContactPause)) is None


def test_she_cannot_pause_another_persons_case(app, officer):
    case = _emailed_case(officer)
    other = factories.make_case(victim=factories.make_victim(), officer=officer)
    sam = victim_client(app, case.victim)
    sam.get_page(f"/my/pause/{other.id}", status=404)
    assert sam.post(f"/my/pause/{other.id}", ASK).status_code == 404
    assert db.session.scalar(select(ContactPause)) is None


def test_the_officer_sees_the_request_with_the_isva_offer_and_marks_it_read(app, officer):
    case = _emailed_case(officer)
    with time_machine.travel(NOW, tick=False):
        victim_client(app, case.victim).post(
            f"/my/pause/{case.id}", {**ASK, "about": "withdrawing", "choice": "isva_first"}
        )
        ada = staff_client(app, officer)
        caseload = ada.get_page("/staff/")
        row = caseload.select_one(f"tr[data-case-id='{case.id}']").get_text(" ", strip=True)
        assert "Asked to pause or step back" in row
        page = ada.get_page(f"/staff/cases/{case.id}")
        request = page.select_one("#pause-request").get_text(" ", strip=True)
        assert "I want to talk about withdrawing" in request
        assert "My officer talks to my ISVA first" in request
        assert "She has no ISVA on record. Offer her a referral" in request
        ada.post(f"/staff/pauses/{case.id}/seen", from_url=f"/staff/cases/{case.id}")
        page = ada.get_page(f"/staff/cases/{case.id}")
        assert page.select_one("#pause-seen") is None
        assert "Read on" in page.select_one("#pause-request").get_text()
        row = ada.get_page("/staff/").select_one(f"tr[data-case-id='{case.id}']")
        assert "Paused" in row.get_text(" ", strip=True)
    seen = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "staff.pause_seen"))
    assert seen is not None and seen.actor_id == officer.id


def test_another_officer_cannot_read_or_mark_the_request(app, officer, team):
    case = _emailed_case(officer)
    stranger = factories.make_staff("officer", team=team)
    with time_machine.travel(NOW, tick=False):
        victim_client(app, case.victim).post(f"/my/pause/{case.id}", ASK)
        them = staff_client(app, stranger)
        assert "Asked to pause" not in them.get_page("/staff/").text()
        response = them.post(f"/staff/pauses/{case.id}/seen", from_url="/staff/")
        assert response.status_code == 404


def test_the_dashboard_counts_requests_by_the_stage_the_case_was_at(app, officer, supervisor):
    early = _emailed_case(officer)
    later = factories.make_case(victim=factories.make_victim(), officer=officer)
    factories.make_update(later, event_type="file_passed_to_cps", published_by=officer)
    with time_machine.travel(NOW, tick=False):
        victim_client(app, early.victim).post(f"/my/pause/{early.id}", ASK)
        victim_client(app, later.victim).post(
            f"/my/pause/{later.id}", {**ASK, "about": "withdrawing"}
        )
        page = staff_client(app, supervisor).get_page("/staff/dashboard")
    rows = {
        row.select("td, th")[0].get_text(strip=True): [
            cell.get_text(strip=True) for cell in row.select("td, th")[1:]
        ]
        for row in page.select("#pause-counts tbody tr")
    }
    assert rows["Reported"] == ["1", "0"]
    assert rows["With the prosecutors for a decision"] == ["1", "1"]
    assert rows["Investigation"] == ["0", "0"]


def test_a_pause_never_hides_a_code_duty_from_the_supervisor(app, officer, supervisor):
    """She asked for no updates, but the duty to tell her still runs and still shows as
    overdue: the officer meets it by publishing in the portal, not by her pausing."""
    case = _emailed_case(officer)
    with time_machine.travel(NOW, tick=False):
        factories.make_obligation(case, due_at=NOW - timedelta(hours=2))
        victim_client(app, case.victim).post(f"/my/pause/{case.id}", ASK)
        page = staff_client(app, supervisor).get_page("/staff/dashboard")
    assert "RSO/26/0707" in page.select_one("#overdue").get_text(" ", strip=True)
