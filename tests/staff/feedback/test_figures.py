"""What staff see of the answers: the officer the clarity answers on their own case, the
supervisor the team's figures, and nobody a victim's comment outside the case."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from portal.data.models import StaffRole
from tests import factories
from tests.sign_in import staff_client

NOW = datetime(2026, 3, 18, 10, 0, tzinfo=UTC)
COMMENT = "The word disclosure was never explained to me at all."
OTHER_COMMENT = "Another team's victim wrote this and it must never show."


def days_ago(n: int) -> datetime:
    return NOW - timedelta(days=n)


def _answered(case, event_type: str, answer: str, days: int, comment: str | None = None):
    update = factories.make_update(case, event_type=event_type, published_at=days_ago(days + 1))
    return factories.make_clarity_answer(update, answer, comment, answered_at=days_ago(days))


@pytest.fixture
def known_answers(team, officer):
    """Answers worked out by hand: the expected figures are in the tests below."""
    ben = factories.make_staff(StaffRole.OFFICER, team=team, display_name="DC Ben Hughes")
    ada_case = factories.make_case(officer=officer)
    ben_case = factories.make_case(officer=ben)
    _answered(ada_case, "routine_update", "yes", 5)
    _answered(ada_case, "routine_update", "partly", 10)
    _answered(ada_case, "suspect_arrested", "no", 20, COMMENT)
    _answered(ada_case, "suspect_arrested", "yes", 60)  # in the 90 days only
    _answered(ada_case, "routine_update", "skipped", 3)
    _answered(ben_case, "routine_update", "yes", 2)
    _answered(ben_case, "suspect_arrested", "yes", 100)  # too old for either period
    factories.make_experience_check(
        ada_case, "2026-03", answered_at=days_ago(4), kept_informed=5, respect=4
    )
    factories.make_experience_check(
        ben_case, "2026-02", answered_at=days_ago(40), kept_informed=2, respect=3, fairness=1
    )
    factories.make_experience_check(ben_case, "2026-03", answered_at=days_ago(1), skipped=True)
    # Another team: never counted, never shown.
    elsewhere = factories.make_case(officer=factories.make_staff(team=factories.make_team()))
    _answered(elsewhere, "routine_update", "no", 1, OTHER_COMMENT)
    factories.make_experience_check(
        elsewhere, "2026-03", answered_at=days_ago(1), kept_informed=1, respect=1, fairness=1
    )
    return ada_case


def _row(page, table: str, key: str, value: str) -> list[str]:
    row = page.select_one(f"#{table} tr[data-{key}='{value}']")
    return [cell.get_text(" ", strip=True) for cell in row.select("td")]


def test_the_supervisors_figures_match_a_known_set_of_answers(app, supervisor, known_answers):
    with time_machine.travel(NOW, tick=False):
        page = staff_client(app, supervisor).get_page("/staff/feedback/")
    # Answers, yes, partly, no (count and share of those who answered), skipped.
    assert _row(page, "clarity-30", "event", "routine_update") == [
        "3",
        "2 (66.7%)",
        "1 (33.3%)",
        "0 (0.0%)",
        "1",
    ]
    assert _row(page, "clarity-30", "event", "suspect_arrested") == [
        "1",
        "0 (0.0%)",
        "0 (0.0%)",
        "1 (100.0%)",
        "0",
    ]
    assert _row(page, "clarity-30", "event", "all") == [
        "4",
        "2 (50.0%)",
        "1 (25.0%)",
        "1 (25.0%)",
        "1",
    ]
    assert _row(page, "clarity-90", "event", "suspect_arrested")[:4] == [
        "2",
        "1 (50.0%)",
        "0 (0.0%)",
        "1 (50.0%)",
    ]
    assert _row(page, "clarity-90", "event", "all")[:2] == ["5", "3 (60.0%)"]
    # Answers, then the count for each point 1 to 5, the share agreeing, and skipped.
    assert _row(page, "checks-30", "question", "kept_informed") == [
        "1", "0", "0", "0", "0", "1", "100.0%", "1",
    ]  # fmt: skip
    assert _row(page, "checks-30", "question", "fairness") == [
        "0", "0", "0", "0", "0", "0", "–", "2",
    ]  # fmt: skip
    assert _row(page, "checks-90", "question", "kept_informed") == [
        "2", "0", "1", "0", "0", "1", "50.0%", "1",
    ]  # fmt: skip
    assert _row(page, "checks-90", "question", "fairness") == [
        "1", "1", "0", "0", "0", "0", "0.0%", "2",
    ]  # fmt: skip


def test_no_comment_ever_appears_on_the_figures_page(app, supervisor, known_answers):
    with time_machine.travel(NOW, tick=False):
        page = staff_client(app, supervisor).get_page("/staff/feedback/")
    assert COMMENT not in page.html
    assert OTHER_COMMENT not in page.html
    assert known_answers.victim.preferred_name not in page.html


def test_an_officer_sees_the_clarity_answers_and_comments_on_their_own_case(
    app, officer, known_answers
):
    with time_machine.travel(NOW, tick=False):
        page = staff_client(app, officer).get_page(f"/staff/cases/{known_answers.id}")
    cells = [cell.get_text(" ", strip=True) for cell in page.select("td[id^=clarity-]")]
    assert sum("Clear? no" in cell for cell in cells) == 1
    assert sum("Clear? yes" in cell for cell in cells) == 2
    assert sum("Clear? partly" in cell for cell in cells) == 1
    assert sum(cell == "No answer" for cell in cells) == 1  # the skipped one
    assert COMMENT in page.select_one(".portal-clarity-comment").text


def test_the_supervisor_sees_the_answer_on_the_case_but_not_the_comment(
    app, supervisor, known_answers
):
    with time_machine.travel(NOW, tick=False):
        page = staff_client(app, supervisor).get_page(f"/staff/cases/{known_answers.id}")
    assert "Clear? no" in page.text()
    assert COMMENT not in page.html


def test_another_officer_sees_no_answers_from_a_case_that_is_not_theirs(app, team, known_answers):
    colleague = factories.make_staff(StaffRole.OFFICER, team=team, display_name="DC Cat Rees")
    with time_machine.travel(NOW, tick=False):
        client = staff_client(app, colleague)
        client.get_page(f"/staff/cases/{known_answers.id}", status=404)
        client.get_page("/staff/feedback/", status=404)
