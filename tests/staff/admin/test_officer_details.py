"""An admin sets what a victim sees about an officer: rank, collar number, how to call."""

from sqlalchemy import select

from portal.data.models import AuditEvent, StaffRole, StaffUser
from portal.extensions import db
from tests import factories
from tests.sign_in import sign_in_staff

DETAILS = {
    "details-rank": "detective_sergeant",
    "details-collar_number": " cw 1234 ",
    "details-contact_phone": "0300 123 4567",
    "details-contact_hours": "Weekdays, 8am to 4pm",
}


def _fresh(user) -> StaffUser:
    db.session.expire_all()
    return db.session.get(StaffUser, user.id)


def test_an_admin_sets_rank_and_collar_number_and_the_audit_holds_no_values(client, officer):
    admin = factories.make_staff(StaffRole.ADMIN)
    sign_in_staff(client, admin)
    response = client.post(
        f"/admin/staff/{officer.id}/details", DETAILS, from_url=f"/admin/staff/{officer.id}"
    )
    assert response.status_code == 303
    saved = _fresh(officer)
    assert (saved.rank, saved.collar_number) == ("detective_sergeant", "CW1234")
    assert saved.contact_phone == "0300 123 4567"
    page = client.get_page(f"/admin/staff/{officer.id}")
    assert "Detective Sergeant" in page.text()
    assert page.select_one("#details-collar_number")["value"] == "CW1234"
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "admin.staff_details_changed")
    )
    assert event.detail == {"fields": ["rank", "collar_number", "contact_phone", "contact_hours"]}
    assert "1234" not in str(event.detail)


def test_a_wrong_collar_number_is_refused_with_a_message_and_nothing_is_saved(client, officer):
    admin = factories.make_staff(StaffRole.ADMIN)
    sign_in_staff(client, admin)
    page = client.post_page(
        f"/admin/staff/{officer.id}/details",
        {**DETAILS, "details-collar_number": "=SUM(A1)"},
        status=400,
        from_url=f"/admin/staff/{officer.id}",
    )
    assert page.error_summary() == [
        "Enter a collar number of digits, with up to 3 letters first, like 4321"
    ]
    assert page.title.startswith("Error:")
    assert _fresh(officer).rank is None


def test_an_unknown_rank_is_refused(client, officer):
    admin = factories.make_staff(StaffRole.ADMIN)
    sign_in_staff(client, admin)
    client.post_page(
        f"/admin/staff/{officer.id}/details",
        {**DETAILS, "details-rank": "chief_constable_of_everything"},
        status=400,
        from_url=f"/admin/staff/{officer.id}",
    )
    assert _fresh(officer).rank is None
