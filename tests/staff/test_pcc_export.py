"""The export for the Police and Crime Commissioner, read back from its ZIP and compared
with a hand count on a known set of cases; refused periods; no personal data."""

import csv
import io
import zipfile
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from portal.data.models import AuditEvent, CaseStatus, OfferResponse, RightsRecord
from portal.extensions import db
from portal.paths import PROJECT_ROOT
from portal.rules import pcc_export
from tests import factories
from tests.pages import Page
from tests.sign_in import sign_in_staff

NOW = datetime(2026, 4, 15, 12, 0, tzinfo=UTC)
MARCH = {"first_day": ["1", "3", "2026"], "last_day": ["31", "3", "2026"]}


def at(day, month, hour=12, minute=0, second=0):
    return datetime(2026, month, day, hour, minute, second, tzinfo=UTC)


def end_of(day, month):
    # The end of a London day: 23:59:59 GMT until 29 March 2026, 22:59:59 UTC in BST.
    return at(day, month, 23, 59, 59) if (month, day) < (3, 29) else at(day, month, 22, 59, 59)


def _offer(case, offer, day, month, response, language=None):
    db.session.add(
        RightsRecord(
            case=case,
            offer=offer,
            offered_at=at(day, month),
            response=response,
            recorded_by_id=case.officer_id,
            language=language,
        )
    )
    db.session.commit()


def _review(decision, acknowledge_by, decide_by, acknowledged_on=None, decided_on=None):
    request = factories.make_review_request(decision, requested_at=decision.published_at)
    request.acknowledge_by, request.decide_by = acknowledge_by, decide_by
    request.acknowledged_on, request.decided_on = acknowledged_on, decided_on
    db.session.commit()


@pytest.fixture
def known_cases(team, officer):
    """Team North's cases with figures worked out by hand (see each test), and noise that
    must not count: another team's case, a case closed before March, events outside March."""
    with time_machine.travel(NOW, tick=False):
        ben = factories.make_staff(team=team, display_name="DC Ben Hughes")
        a = factories.make_case(officer=officer, crime_reference="RSO/26/0001", created_at=at(1, 2))
        b = factories.make_case(officer=ben, crime_reference="RSO/26/0002", created_at=at(10, 3))
        c = factories.make_case(
            officer=officer,
            crime_reference="RSO/26/0003",
            created_at=at(1, 1),
            status=CaseStatus.CLOSED,
            closed_at=at(20, 2),
        )
        elsewhere = factories.make_case(
            officer=factories.make_staff(team=factories.make_team("Team South")),
            crime_reference="RSO/26/0999",
        )
        # Update timeliness.
        factories.make_obligation(a, "suspect_arrested", due_at=end_of(5, 3), met_at=at(5, 3, 10))
        factories.make_obligation(a, "charged", due_at=end_of(10, 3), met_at=at(12, 3))
        factories.make_obligation(b, "suspect_arrested", due_at=end_of(20, 3))
        factories.make_obligation(b, "support_referral", due_at=end_of(2, 4))  # April
        factories.make_obligation(a, "support_referral", due_at=end_of(25, 2), met_at=at(24, 2))
        factories.make_obligation(
            elsewhere, "suspect_arrested", due_at=end_of(6, 3), met_at=at(6, 3)
        )
        # Reviews.
        nfa_a = factories.make_update(
            a, "Not charged.", event_type="no_further_action", published_at=at(2, 3)
        )
        nfa_b = factories.make_update(
            b, "Not charged.", event_type="no_further_action", published_at=at(11, 3)
        )
        _review(nfa_a, end_of(12, 3), end_of(14, 4), acknowledged_on=datetime(2026, 3, 11).date())
        _review(
            nfa_b,
            end_of(20, 3),
            end_of(30, 3),
            acknowledged_on=datetime(2026, 3, 25).date(),
            decided_on=datetime(2026, 3, 28).date(),
        )
        # Offers and answers.
        _offer(a, "victim_personal_statement", 2, 3, OfferResponse.DECLINED)
        _offer(a, "victim_personal_statement", 20, 3, OfferResponse.ACCEPTED)
        _offer(a, "interpreter", 3, 3, OfferResponse.ACCEPTED, language="so")
        _offer(b, "victim_personal_statement", 15, 3, OfferResponse.NOT_YET)
        _offer(b, "support_referral", 5, 4, OfferResponse.ACCEPTED)  # after March
        _offer(c, "victim_personal_statement", 1, 2, OfferResponse.ACCEPTED)  # closed in Feb
        # Questions and replies.
        factories.make_message(
            a, "Q1", created_at=at(2, 3, 9), reply_due_at=end_of(4, 3), answered_at=at(3, 3, 9)
        )
        factories.make_message(
            a, "Q2", created_at=at(9, 3, 10), reply_due_at=end_of(11, 3), answered_at=at(13, 3, 10)
        )
        factories.make_message(b, "Q3", created_at=at(30, 3, 9), reply_due_at=end_of(1, 4))
        factories.make_message(b, "Q4", created_at=at(10, 4, 9), reply_due_at=end_of(14, 4))
        factories.make_message(a, "A reply", from_victim=False, kind="reply", created_at=at(3, 3))
        # Feedback.
        arrest_a = factories.make_update(a, "Arrested.", event_type="suspect_arrested")
        charged_a = factories.make_update(a, "Charged.", event_type="charged")
        arrest_b = factories.make_update(b, "Arrested.", event_type="suspect_arrested")
        routine_b = factories.make_update(b, "News.", event_type="routine_update")
        late_b = factories.make_update(b, "More news.", event_type="routine_update")
        factories.make_clarity_answer(arrest_a, "yes", answered_at=at(6, 3))
        factories.make_clarity_answer(charged_a, "no", answered_at=at(12, 3))
        factories.make_clarity_answer(arrest_b, "partly", answered_at=at(21, 3))
        factories.make_clarity_answer(routine_b, "skipped", answered_at=at(22, 3))
        factories.make_clarity_answer(late_b, "yes", answered_at=at(2, 4))  # April
        factories.make_experience_check(
            a, "2026-03", answered_at=at(15, 3), kept_informed=4, respect=5
        )
        factories.make_experience_check(
            b, "2026-03", answered_at=at(20, 3), kept_informed=2, respect=5, fairness=3
        )
    return {"a": a, "b": b, "elsewhere": elsewhere}


def _download(client, supervisor, query=MARCH):
    with time_machine.travel(NOW, tick=False):
        sign_in_staff(client, supervisor)
        response = client.get("/staff/dashboard/pcc-export", query_string=query)
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    return {
        name: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))
        for name in archive.namelist()
    }, response


def _pick(rows, **match):
    found = [row for row in rows if all(row[k] == v for k, v in match.items())]
    assert len(found) == 1, (match, found)
    return found[0]


def _counts(row, *columns):
    return [row[column] for column in columns]


def test_the_zip_holds_the_documented_files_with_versioned_rows(client, supervisor, known_cases):
    files, response = _download(client, supervisor)
    assert sorted(files) == [
        "belongings.csv",
        "feedback.csv",
        "offers.csv",
        "question_replies.csv",
        "review_timeliness.csv",
        "update_timeliness.csv",
    ]
    assert (
        'filename="pcc-export-2026-03-01-to-2026-03-31.zip"'
        in response.headers["Content-Disposition"]
    )
    for rows in files.values():
        assert rows
        for row in rows:
            assert row["schema_version"] == "2"
            assert (row["period_first_day"], row["period_last_day"]) == ("2026-03-01", "2026-03-31")
            assert row["team"] == "Team North"
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "compliance.pcc_export_downloaded")
    )
    assert event.detail["first_day"] == "2026-03-01"


def test_update_and_review_timeliness_equal_the_hand_count(client, supervisor, known_cases):
    files, _response = _download(client, supervisor)
    updates = files["update_timeliness.csv"]
    columns = ("deadlines_due", "met_on_time", "met_late", "not_met", "share_met_on_time")
    # A's arrest on time, A's charge late, B's arrest not met; April's and February's
    # deadlines and Team South's are not counted.
    assert _counts(_pick(updates, event_type="all"), *columns) == ["3", "1", "1", "1", "33.3"]
    assert _counts(_pick(updates, event_type="suspect_arrested"), *columns) == [
        "2",
        "1",
        "0",
        "1",
        "50.0",
    ]
    assert _counts(_pick(updates, event_type="charged"), *columns) == ["1", "0", "1", "0", "0.0"]
    assert not [row for row in updates if row["event_type"] == "support_referral"]
    reviews = files["review_timeliness.csv"]
    columns = ("deadlines_due", "on_time", "late", "not_done", "share_on_time")
    # A acknowledged on time; B acknowledged late; B decided in time; A's decision is due
    # in April.
    assert _counts(_pick(reviews, step="acknowledge"), *columns) == ["2", "1", "1", "0", "50.0"]
    assert _counts(_pick(reviews, step="decide"), *columns) == ["1", "1", "0", "0", "100.0"]


def test_offer_rates_and_answers_equal_the_hand_count(client, supervisor, known_cases):
    offers = _download(client, supervisor)[0]["offers.csv"]
    columns = (
        "cases_in_period",
        "cases_offered",
        "offer_rate",
        "accepted",
        "declined",
        "not_decided",
        "share_accepted",
    )
    # Two cases open in March (A and B); C closed in February. A's latest statement answer
    # is "accepted" (it was declined first), B's is "not decided yet".
    assert _counts(_pick(offers, offer="victim_personal_statement"), *columns) == [
        "2",
        "2",
        "100.0",
        "1",
        "0",
        "1",
        "50.0",
    ]
    assert _counts(_pick(offers, offer="interpreter"), *columns) == [
        "2",
        "1",
        "50.0",
        "1",
        "0",
        "0",
        "100.0",
    ]
    assert _counts(_pick(offers, offer="support_referral"), *columns) == [
        "2",
        "0",
        "0.0",
        "0",
        "0",
        "0",
        "",
    ]
    assert _pick(offers, offer="enhanced_service")["cases_offered"] == "0"


def test_question_replies_and_feedback_equal_the_hand_count(client, supervisor, known_cases):
    files = _download(client, supervisor)[0]
    questions = files["question_replies.csv"]
    assert len(questions) == 1
    # Q1 answered in 24 hours, Q2 late in 96 hours, Q3 not answered; Q4 was asked in April.
    assert _counts(
        questions[0],
        "questions_asked",
        "answered_by_reply_date",
        "answered_late",
        "not_answered",
        "share_answered_by_reply_date",
        "median_hours_to_answer",
    ) == ["3", "1", "1", "1", "33.3", "60.0"]
    feedback = files["feedback.csv"]

    def count(question, group, answer):
        row = _pick(feedback, question=question, group=group, answer=answer)
        return row["count"], row["share_of_answers"]

    assert count("message_clear", "all", "yes") == ("1", "33.3")
    assert count("message_clear", "all", "no") == ("1", "33.3")
    assert count("message_clear", "all", "skipped") == ("1", "")
    assert count("message_clear", "suspect_arrested", "partly") == ("1", "50.0")
    assert count("kept_informed", "all", "4") == ("1", "50.0")
    assert count("kept_informed", "all", "2") == ("1", "50.0")
    assert count("respect", "all", "5") == ("2", "100.0")
    assert count("fairness", "all", "3") == ("1", "100.0")
    assert count("fairness", "all", "not_answered") == ("1", "")


def test_the_export_holds_no_personal_data(client, supervisor, known_cases):
    files, response = _download(client, supervisor)
    raw = response.data.decode("latin-1")
    text = " ".join(str(row) for rows in files.values() for row in rows)
    for secret in ("RSO/26/", "DC Ada Jones", "DC Ben Hughes", "Team South", "Q1", "Arrested."):
        assert secret not in text
    assert "RSO/26/" not in raw
    names = {row["team"] for rows in files.values() for row in rows}
    assert names == {"Team North"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"first_day": ["1", "3", "2026"]}, "Enter the last day of the period, like 30 6 2026"),
        (
            {"first_day": ["31", "3", "2026"], "last_day": ["1", "3", "2026"]},
            "The last day must be the same as or after the first day",
        ),
        (
            {"first_day": ["1", "4", "2026"], "last_day": ["30", "4", "2026"]},
            "The last day must be today or earlier",
        ),
        (
            {"first_day": ["1", "1", "2025"], "last_day": ["31", "3", "2026"]},
            "The period can be at most 366 days",
        ),
    ],
)
def test_a_period_that_cannot_be_exported_gets_a_clear_message(client, supervisor, query, message):
    with time_machine.travel(NOW, tick=False):
        sign_in_staff(client, supervisor)
        response = client.get("/staff/dashboard/pcc-export", query_string=query)
    assert response.status_code == 400
    assert message in Page(response).error_summary()


def test_the_schema_version_is_the_one_documented():
    doc = (PROJECT_ROOT / "docs" / "pcc-export.md").read_text(encoding="utf-8")
    assert f"Schema version {pcc_export.SCHEMA_VERSION}" in doc
    for column in (
        pcc_export.UPDATE_COLUMNS
        + pcc_export.REVIEW_COLUMNS
        + pcc_export.OFFER_COLUMNS
        + pcc_export.QUESTION_COLUMNS
        + pcc_export.FEEDBACK_COLUMNS
    ):
        assert f"`{column}`" in doc, column
