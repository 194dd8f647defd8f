"""The victim is asked whether each update was clear and, at most monthly, how they are
treated: never after a sensitive update, and every question can be skipped for nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import time_machine
from sqlalchemy import select, text

from portal.data.models import ExperienceCheck, UpdateFeedback
from portal.extensions import db
from tests import factories
from tests.sign_in import victim_client

MARCH = datetime(2026, 3, 18, 10, 0, tzinfo=UTC)
LATER_IN_MARCH = datetime(2026, 3, 30, 10, 0, tzinfo=UTC)
APRIL = datetime(2026, 4, 2, 10, 0, tzinfo=UTC)
COMMENT = "I did not understand what bail conditions mean for me."


def _answers() -> list[UpdateFeedback]:
    db.session.expire_all()
    return list(db.session.scalars(select(UpdateFeedback).order_by(UpdateFeedback.id)))


def _checks() -> list[ExperienceCheck]:
    db.session.expire_all()
    return list(db.session.scalars(select(ExperienceCheck).order_by(ExperienceCheck.period)))


def _answer(client, update, data: dict):
    url = f"/my/feedback/updates/{update.id}"
    return client.post(url, data, from_url=f"/my/updates/{update.id}")


def test_the_clarity_question_follows_an_update_that_is_not_sensitive(app, case):
    update = factories.make_update(case, "Nothing new this month.")
    page = victim_client(app, case.victim).get_page(f"/my/updates/{update.id}")
    question = page.select_one("#feedback")
    assert question.select_one("legend").get_text(strip=True) == "Was this message clear?"
    choices = [label.get_text(strip=True) for label in question.select(".govuk-radios__label")]
    assert choices == ["Yes", "Partly", "No"]
    buttons = [button.get_text(strip=True) for button in question.select("button")]
    assert buttons == ["Send", "Skip"]


def test_the_questions_never_appear_right_after_a_sensitive_update(app, case):
    sensitive = factories.make_update(
        case, "He will not be charged.", event_type="no_further_action", sensitive=True
    )
    client = victim_client(app, case.victim)
    page = client.get_page(f"/my/updates/{sensitive.id}?note=seen")
    assert "He will not be charged." in page.text()
    assert page.select_one("#feedback") is None
    assert "clear?" not in page.text().lower()
    # Nor can the questions be reached for it by another way.
    client.get_page(f"/my/feedback/updates/{sensitive.id}", status=404)
    assert _answer(client, sensitive, {"clarity-answer": "yes"}).status_code == 404
    client.get_page(f"/my/feedback/updates/{sensitive.id}/check", status=404)
    assert _answers() == [] and _checks() == []


def test_an_answer_with_a_comment_is_kept_encrypted_and_can_be_changed(app, case):
    update = factories.make_update(case, event_type="bail_conditions_changed")
    factories.make_experience_check(case, "2026-03")  # this month's check is done already
    with time_machine.travel(MARCH, tick=False):
        client = victim_client(app, case.victim)
        response = _answer(client, update, {"clarity-answer": "partly", "clarity-comment": COMMENT})
        assert response.headers["Location"] == f"/my/updates/{update.id}#feedback"
        page = client.get_page(f"/my/updates/{update.id}")
        assert "You said this message was partly clear." in page.select_one("#feedback").text
        _answer(client, update, {"clarity-answer": "yes", "clarity-comment": ""})
    [answer] = _answers()
    assert answer.answer == "yes"
    assert answer.comment is None
    raw = db.session.execute(text("SELECT comment FROM update_feedback")).scalar_one_or_none()
    assert raw is None


def test_a_comment_is_never_stored_as_plain_text(app, case):
    update = factories.make_update(case)
    factories.make_experience_check(case, "2026-03")
    with time_machine.travel(MARCH, tick=False):
        _answer(
            victim_client(app, case.victim),
            update,
            {"clarity-answer": "no", "clarity-comment": COMMENT},
        )
    raw = db.session.execute(text("SELECT comment FROM update_feedback")).scalar_one()
    assert COMMENT.encode() not in bytes(raw)
    assert _answers()[0].comment == COMMENT


def test_sending_without_a_choice_asks_for_one_or_skip(app, case):
    update = factories.make_update(case)
    client = victim_client(app, case.victim)
    response = _answer(client, update, {"clarity-comment": ""})
    assert response.status_code == 200
    assert "Select yes, partly or no, or choose Skip" in response.get_data(as_text=True)
    assert _answers() == []


def test_a_victim_can_skip_every_question_without_penalty(app, case):
    first = factories.make_update(case, "First.")
    second = factories.make_update(case, "Second.")
    with time_machine.travel(MARCH, tick=False):
        client = victim_client(app, case.victim)
        skipped = _answer(client, first, {"skip": "1"})
        # Skipping leads straight back to the update: no further questions.
        assert skipped.headers["Location"] == f"/my/updates/{first.id}#feedback"
        page = client.get_page(f"/my/updates/{first.id}")
        assert page.select_one("#feedback form") is None
        assert "Tell us if this message was clear" in page.select_one("#feedback").text
        answered = _answer(client, second, {"clarity-answer": "yes"})
        assert answered.headers["Location"] == f"/my/feedback/updates/{second.id}/check"
        check = client.post(
            f"/my/feedback/updates/{second.id}/check",
            {"check-kept_informed": "5", "skip": "1"},
            from_url=f"/my/feedback/updates/{second.id}/check",
        )
        assert check.headers["Location"] == f"/my/updates/{second.id}#feedback"
        # Everything else works as before.
        assert client.get_page("/my/").status == 200
        assert client.get_page("/my/questions").status == 200
    answers = {a.update_id: a.answer for a in _answers()}
    assert answers == {first.id: "skipped", second.id: "yes"}
    [monthly] = _checks()
    assert monthly.skipped is True
    assert (monthly.kept_informed, monthly.respect, monthly.fairness) == (None, None, None)


def test_the_monthly_check_appears_at_most_once_a_month(app, case):
    updates = [factories.make_update(case, f"Update {n}.") for n in range(3)]
    with time_machine.travel(MARCH, tick=False):
        client = victim_client(app, case.victim)
        first = _answer(client, updates[0], {"clarity-answer": "yes"})
        assert first.headers["Location"] == f"/my/feedback/updates/{updates[0].id}/check"
        page = client.get_page(first.headers["Location"])
        assert page.h1 == "Three short questions"
        legends = [legend.get_text(strip=True) for legend in page.select("legend")]
        assert legends == [
            "I have been kept informed about what is happening.",
            "I have been treated with respect.",
            "I have been treated fairly.",
        ]
        # Leaving without answering still counts as having been asked this month.
    with time_machine.travel(LATER_IN_MARCH, tick=False):
        client = victim_client(app, case.victim)
        again = _answer(client, updates[1], {"clarity-answer": "partly"})
        assert again.headers["Location"] == f"/my/updates/{updates[1].id}#feedback"
    with time_machine.travel(APRIL, tick=False):
        client = victim_client(app, case.victim)
        next_month = _answer(client, updates[2], {"clarity-answer": "yes"})
        assert next_month.headers["Location"] == f"/my/feedback/updates/{updates[2].id}/check"
        client.get_page(next_month.headers["Location"])
    assert [check.period for check in _checks()] == ["2026-03", "2026-04"]


def test_each_monthly_question_can_be_left_empty(app, case):
    update = factories.make_update(case)
    with time_machine.travel(MARCH, tick=False):
        client = victim_client(app, case.victim)
        _answer(client, update, {"clarity-answer": "yes"})
        url = f"/my/feedback/updates/{update.id}/check"
        client.post(url, {"check-respect": "4"}, from_url=url)
        # Answered: the page is not offered again.
        assert client.get(url).status_code == 303
    [check] = _checks()
    assert (check.kept_informed, check.respect, check.fairness) == (None, 4, None)
    assert check.skipped is False


def test_the_monthly_check_waits_a_day_after_a_sensitive_update_is_read(app, case):
    sensitive = factories.make_update(
        case, "Not charging.", event_type="no_further_action", sensitive=True
    )
    routine = factories.make_update(case, "Routine.")
    with time_machine.travel(MARCH, tick=False):
        client = victim_client(app, case.victim)
        client.get_page(f"/my/updates/{sensitive.id}?note=seen")
        answered = _answer(client, routine, {"clarity-answer": "yes"})
    assert answered.headers["Location"] == f"/my/updates/{routine.id}#feedback"
    assert _checks() == []


def test_another_victim_cannot_answer_for_someone_elses_update(app, case):
    update = factories.make_update(case)
    stranger = factories.make_case(victim=factories.make_victim()).victim
    client = victim_client(app, stranger)
    assert _answer(client, update, {"clarity-answer": "no"}).status_code == 404
    client.get_page(f"/my/feedback/updates/{update.id}/check", status=404)
    assert _answers() == []
