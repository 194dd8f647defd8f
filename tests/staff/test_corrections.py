"""A correction is of the same kind as the update it corrects, whatever the form posts."""

import pytest
from sqlalchemy import func, select

from portal.data.models import Obligation, Update
from portal.extensions import db
from tests import factories
from tests.sign_in import sign_in_staff
from tests.staff.test_publishing import _data


@pytest.fixture
def case(officer):
    return factories.make_case(officer=officer, force_country="england", enhanced_service=True)


def test_a_correction_keeps_the_event_type_of_what_it_corrects(client, officer, case):
    original = factories.make_update(case, text="We will call you on Monday.", event_type="other")
    sign_in_staff(client, officer)
    obligations_before = db.session.scalar(select(func.count()).select_from(Obligation))

    response = client.post(
        f"/staff/cases/{case.id}/updates/publish",
        _data(
            event_type="no_further_action",  # posted by hand: never what a correction is
            free_text="Sorry: we will call you on Tuesday.",
            corrects_id=str(original.id),
        ),
    )

    assert response.status_code == 303
    db.session.expire_all()
    correction = db.session.scalar(select(Update).where(Update.corrects_id == original.id))
    assert correction.event_type == "other"
    # No new Code duty was made out of a correction.
    assert db.session.scalar(select(func.count()).select_from(Obligation)) == obligations_before


def test_the_preview_of_a_correction_shows_the_original_kind(client, officer, case):
    original = factories.make_update(case, text="Court is on 3 June.", event_type="court_date_set")
    sign_in_staff(client, officer)
    response = client.post(
        f"/staff/cases/{case.id}/updates/preview",
        _data(event_type="charged", corrects_id=str(original.id), free_text="Court is on 4 June."),
    )
    assert response.status_code == 200
    assert "Court date set" in response.get_data(as_text=True)
    assert "Suspect charged" not in response.get_data(as_text=True)
