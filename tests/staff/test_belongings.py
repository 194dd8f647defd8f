"""Your phone and your belongings, through the pages: the officer records a phone with a
scope and a return date, the victim sees it and asks for it back, the officer sees the
request, and past its date it is overdue in the caseload, on the dashboard and in the
PCC export."""

import csv
import io
import zipfile
from datetime import UTC, datetime

import time_machine
from sqlalchemy import func, select

from portal.data.models import AuditEvent, Message, Notification, PropertyItem
from portal.extensions import db
from tests import factories
from tests.sign_in import staff_client, victim_client

MONDAY = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)  # Monday 2 November 2026
DAY_AFTER_TARGET = datetime(2026, 11, 17, 10, 0, tzinfo=UTC)

PHONE = {
    "kind": "phone",
    "description": "Black phone in a red case",
    "basis": "consent",
    "taken_on": ["2", "11", "2026"],
    "scope_from": ["1", "10", "2026"],
    "scope_to": ["31", "10", "2026"],
    "scope_data": ["messages", "photos"],
    "scope_reason": "To find the messages he sent you in October and the photos of them.",
    "target_return_on": ["16", "11", "2026"],
}


def _items():
    return db.session.scalar(select(func.count()).select_from(PropertyItem))


def _record_phone(client, case, **changes):
    return client.post(f"/staff/cases/{case.id}/belongings/", {**PHONE, **changes})


def test_a_phone_needs_a_scope_in_plain_words_or_nothing_is_saved(app, officer, case):
    with time_machine.travel(MONDAY, tick=False):
        client = staff_client(app, officer)
        response = _record_phone(
            client, case, scope_from=["", "", ""], scope_to=["", "", ""], scope_data=[]
        )
        assert response.status_code == 400
        assert "For a device, enter the dates of the data that will be looked at" in (
            response.get_data(as_text=True)
        )
        response = _record_phone(client, case, scope_data=[])
        assert response.status_code == 400
        assert "select the kinds of data" in response.get_data(as_text=True)
        response = _record_phone(client, case, scope_reason="Everything.")
        assert response.status_code == 400
        assert "“everything” is not a reason" in response.get_data(as_text=True)
        response = _record_phone(client, case, target_return_on=["1", "11", "2026"])
        assert response.status_code == 400
        assert "cannot be before the date it was taken" in response.get_data(as_text=True)
        assert _items() == 0
        # Clothing needs no scope.
        response = _record_phone(
            client, case, kind="clothing", scope_from=["", "", ""], scope_data=[]
        )
    assert response.status_code == 303
    item = db.session.scalar(select(PropertyItem))
    assert item.kind == "clothing" and item.scope_data is None and item.scope_reason is None


def test_the_officer_records_a_phone_the_victim_asks_for_it_back_and_it_goes_overdue(
    app, officer, supervisor, victim, case
):
    with time_machine.travel(MONDAY, tick=False):
        client = staff_client(app, officer)
        response = _record_phone(client, case)
        assert response.status_code == 303
        page = client.get_page(f"/staff/cases/{case.id}/belongings/")
        listed = page.select_one("#belongings").get_text(" ", strip=True)
        assert "Phone: Black phone in a red case" in listed
        assert "With the police" in listed
        assert "Messages, Photos and videos" in listed
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "belongings.item_recorded")
        )
        assert event.detail == {"item_kind": "phone", "basis": "consent", "scoped": True}
        # The victim is told, discreetly: no word of a phone in the notification.
        assert db.session.scalar(select(Notification.reason)) == "belongings"
        status = client.get_page(f"/staff/cases/{case.id}").select_one(".app-notification-status")
        assert "Belongings taken" in status.get_text(" ", strip=True)

        victim_page = victim_client(app, victim)
        home = victim_page.get_page("/my/")
        assert home.select_one("a[href='/my/belongings/']").get_text(strip=True) == (
            "Your phone and your belongings"
        )
        mine = victim_page.get_page("/my/belongings/")
        assert mine.select_one("a[href='/guides/en/phone-and-belongings']") is not None
        card = mine.select_one("section[data-item-id]").get_text(" ", strip=True)
        assert "Phone" in card and "Black phone in a red case" in card
        assert "With the police since 2 November 2026" in card
        assert "We aim to give it back by 16 November 2026" in card
        assert "Only these kinds of data, from 1 October 2026 to 31 October 2026" in card
        assert "Messages" in card and "Photos and videos" in card
        assert "the messages he sent you in October" in card
        item = db.session.scalar(select(PropertyItem))
        prefix = f"i{item.id.hex}"
        # Asking a question with nothing written is refused, and nothing is sent.
        refused = victim_page.post(f"/my/belongings/{item.id}", {f"{prefix}-want": "question"})
        assert refused.status_code == 400
        assert "Enter your question" in refused.get_data(as_text=True)
        assert db.session.scalar(select(func.count()).select_from(Message)) == 0
        sent = victim_page.post(
            f"/my/belongings/{item.id}", {f"{prefix}-want": "back", f"{prefix}-body": ""}
        )
        assert sent.status_code == 303
        assert "Your officer will reply by 4 November 2026." in (
            victim_page.get_page("/my/belongings/").text()
        )

        # The officer sees it as a question waiting for a reply.
        case_page = client.get_page(f"/staff/cases/{case.id}").text()
        assert "About my belongings (Phone: Black phone in a red case): please give it back" in (
            case_page
        )
        row = client.get_page("/staff/").select_one(f"tr[data-case-id='{case.id}']")
        assert "1 waiting for a reply" in row.get_text(" ", strip=True)
        assert "Belongings overdue" not in row.get_text(" ", strip=True)

    with time_machine.travel(DAY_AFTER_TARGET, tick=False):
        client = staff_client(app, officer)
        row = client.get_page("/staff/").select_one(f"tr[data-case-id='{case.id}']")
        assert "Belongings overdue" in row.get_text(" ", strip=True)
        assert "Overdue" in client.get_page(f"/staff/cases/{case.id}/belongings/").text()
        boss = staff_client(app, supervisor)
        overdue = boss.get_page("/staff/dashboard").select_one("#belongings-overdue")
        text = overdue.get_text(" ", strip=True)
        assert case.crime_reference in text
        assert "Phone, target date 16 November 2026, officer DC Ada Jones" in text
        assert "red case" not in text  # the officer's words stay off the dashboard
        response = boss.get(
            "/staff/dashboard/pcc-export",
            query_string={"first_day": ["1", "11", "2026"], "last_day": ["17", "11", "2026"]},
        )
        archive = zipfile.ZipFile(io.BytesIO(response.data))
        rows = list(csv.DictReader(io.StringIO(archive.read("belongings.csv").decode())))
        phone = next(row for row in rows if row["item_kind"] == "phone")
        assert phone["schema_version"] == "2"
        assert (phone["items_taken"], phone["return_dates_in_period"]) == ("1", "1")
        assert phone["still_held_past_return_date"] == "1"
        assert phone["back_by_return_date"] == "0" and phone["share_back_by_return_date"] == "0.0"

        # Given back: audited, the victim told, and no longer overdue.
        item = db.session.scalar(select(PropertyItem))
        form = f"/staff/cases/{case.id}/belongings/{item.id}/status"
        response = client.post(
            form,
            {f"s{item.id.hex}-status": "returned"},
            from_url=f"/staff/cases/{case.id}/belongings/",
        )
        assert response.status_code == 303
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "belongings.status_changed")
        )
        assert event.detail == {"status_before": "with_police", "status_after": "returned"}
        assert db.session.scalar(select(func.count()).select_from(Notification)) == 2
        assert (
            boss.get_page("/staff/dashboard").select_one("#belongings-overdue").get_text(strip=True)
            == "None."
        )
        mine = victim_client(app, victim).get_page("/my/belongings/")
        assert "Given back since 17 November 2026" in mine.text()
        assert mine.select_one("section[data-item-id] form") is None


def test_another_victim_cannot_see_or_ask_about_the_item(app, officer, case):
    with time_machine.travel(MONDAY, tick=False):
        _record_phone(staff_client(app, officer), case)
        item = db.session.scalar(select(PropertyItem))
        other = factories.make_victim(preferred_name="Kim")
        factories.make_case(victim=other, officer=officer, crime_reference="RSO/26/0808")
        client = victim_client(app, other)
        page = client.get_page("/my/belongings/")
        assert "Black phone" not in page.text()
        assert page.select_one("#no-belongings") is not None
        response = client.post(
            f"/my/belongings/{item.id}",
            {f"i{item.id.hex}-want": "back"},
            from_url="/my/belongings/",
        )
        assert response.status_code == 404
        response = client.get(f"/staff/cases/{case.id}/belongings/")
        assert response.status_code in (302, 303, 403, 404)
    assert db.session.scalar(select(func.count()).select_from(Message)) == 0


def test_a_status_that_is_not_one_of_the_four_is_refused(app, officer, case):
    with time_machine.travel(MONDAY, tick=False):
        client = staff_client(app, officer)
        _record_phone(client, case)
        item = db.session.scalar(select(PropertyItem))
        response = client.post(
            f"/staff/cases/{case.id}/belongings/{item.id}/status",
            {f"s{item.id.hex}-status": "lost"},
            from_url=f"/staff/cases/{case.id}/belongings/",
        )
    assert response.status_code == 400
    db.session.refresh(item)
    assert item.status == "with_police"
