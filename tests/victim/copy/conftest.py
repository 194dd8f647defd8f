"""The copy of everything: Robin's case with something of every kind in it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from portal.data.models import MessageKind, OfferResponse, RightsRecord
from portal.extensions import db
from tests import factories


@pytest.fixture
def victim(app_context):
    return factories.make_victim(
        preferred_name="Robin",
        full_name="Robin Alderney",
        email="robin.alderney@example.net",
        code_word="kingfisher",
    )


@pytest.fixture
def case(victim):
    return factories.make_case(victim=victim, crime_reference="RSO/26/7711")


@pytest.fixture
def history(case):
    """A case with something of every kind: updates, a correction, messages, an offer."""
    arrest = factories.make_update(
        case, "We arrested a man on Tuesday morning.", event_type="suspect_arrested"
    )
    correction = factories.make_update(
        case,
        "Correction: the arrest was on Wednesday.",
        event_type="suspect_arrested",
        corrects=arrest,
    )
    routine = factories.make_update(case, "The phone download is still with the lab.")
    question = factories.make_message(case, "When will I hear about the lab results?")
    reply = factories.make_message(
        case,
        "I expect the results within four weeks.",
        kind=MessageKind.REPLY,
        from_victim=False,
        staff_author=case.officer,
    )
    offer = RightsRecord(
        case=case,
        offer="support_referral",
        offered_at=datetime(2026, 2, 3, 11, tzinfo=UTC),
        response=OfferResponse.ACCEPTED,
        recorded_by_id=case.officer_id,
    )
    db.session.add(offer)
    db.session.commit()
    return {
        "updates": [arrest, correction, routine],
        "messages": [question, reply],
        "offer": offer,
    }
