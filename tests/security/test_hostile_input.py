"""Hostile text from an officer or a victim is shown as text: never run, never breaking
the page, never a 500."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.data.models import StaffRole
from tests import factories
from tests.log_watch import generated
from tests.sessions import sign_in_directly

HOSTILE = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(document.cookie)",
    "Safe text \u202egnp.exe\u202c and \u2067isolated\u2069",
    "{{ config.SECRET_KEY }} {% raw %}",
    "</textarea><script>alert(2)</script>",
]


def _assert_inert(page, base_scripts: int) -> None:
    page.check_well_formed()  # every script still carries the nonce
    assert len(page.select("script")) == base_scripts
    assert not page.select("img[onerror], [onmouseover], a[href^='javascript:']")
    assert "SECRET" not in page.html or "config.SECRET_KEY" in page.text()


@pytest.fixture
def world(app_context):
    officer = factories.make_staff(StaffRole.OFFICER)
    victim = factories.make_victim()
    case = factories.make_case(victim=victim, officer=officer)
    return officer, victim, case


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_update_text_is_shown_as_text_to_the_victim(client, world, text):
    _officer, victim, case = world
    update = factories.make_update(case, text=text)
    sign_in_directly(client, victim)
    base = len(client.get_page("/my/").select("script"))
    page = client.get_page(f"/my/updates/{update.id}")
    _assert_inert(page, base)
    visible = page.text()
    for fragment in ("alert", "Safe text"):
        if fragment in text:
            assert fragment in visible


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_question_text_is_shown_as_text_to_the_officer(client, world, text):
    officer, _victim, case = world
    factories.make_message(case, body=text)
    sign_in_directly(client, officer)
    base = len(client.get_page("/staff/").select("script"))
    _assert_inert(client.get_page(f"/staff/cases/{case.id}"), base)


def test_a_null_byte_in_a_question_gets_a_clear_answer_not_a_500(client, world):
    _officer, victim, _case = world
    sign_in_directly(client, victim)
    response = client.post("/my/questions", {"body": "Hello\x00there"}, from_url="/my/questions")
    assert response.status_code in (200, 303)


def test_a_one_megabyte_question_is_refused_kindly_and_the_form_keeps_it(client, world):
    _officer, victim, _case = world
    sign_in_directly(client, victim)
    body = "word " * 200_000
    page = client.post_page("/my/questions", {"body": body}, from_url="/my/questions")
    assert page.error_summary(), "expected a message saying the question is too long"


def test_a_body_larger_than_the_limit_gets_a_calm_413(client, world):
    _officer, victim, _case = world
    sign_in_directly(client, victim)
    response = client.post("/my/questions", {"body": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413
    assert "That was too long" in response.get_data(as_text=True)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=st.text(min_size=1, max_size=300))
def test_any_question_text_is_either_kept_and_shown_or_refused_with_a_message(client, world, text):
    """A property over the victim's question form: no input makes a 500 or loses text."""
    _officer, victim, _case = world
    generated(text)
    sign_in_directly(client, victim)
    response = client.post("/my/questions", {"body": text}, from_url="/my/questions")
    assert response.status_code in (200, 303), response.status_code
    if response.status_code == 200:  # refused: the text stays in the form
        from tests.pages import Page

        page = Page(response)
        assert page.error_summary()
        assert page.select_one("textarea[name=body]") is not None


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=st.text(min_size=1, max_size=300))
def test_any_update_text_previews_without_error(client, world, text):
    """A property over the officer's publish form: the preview never fails."""
    officer, _victim, case = world
    generated(text)
    sign_in_directly(client, officer)
    response = client.post(
        f"/staff/cases/{case.id}/updates/preview",
        {
            "event_type": "suspect_arrested",
            "occurred_on": ["13", "3", "2026"],
            "occurred_time": "16:00",
            "free_text": text,
            "sensitive": "default",
            "idempotency_key": "a" * 32,
            "corrects_id": "",
        },
        from_url=f"/staff/cases/{case.id}/updates/new",
    )
    assert response.status_code == 200
