from datetime import timedelta
from types import SimpleNamespace

import pyotp
import time_machine
from sqlalchemy import select

from portal.data.models import AuditEvent, AuthSession, StaffUser, utcnow
from portal.extensions import db
from portal.staff.auth import signing_in
from tests import factories
from tests.pages import Page
from tests.sign_in import TOTP_SECRET, sign_in_staff


def _password_step(client, user, password=factories.STAFF_PASSWORD):
    return client.post(
        "/staff/sign-in", {"email": user.email, "password": password}, from_url="/staff/sign-in"
    )


def _code_step(client, code):
    return client.post("/staff/sign-in/code", {"code": code}, from_url="/staff/sign-in/code")


def _actions():
    return db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.occurred_at)).all()


def test_an_officer_signs_in_with_password_and_code_and_lands_on_the_caseload(client, officer):
    response = sign_in_staff(client, officer)
    assert response.headers["Location"] == "/staff/"
    page = client.get_page("/staff/")
    assert page.h1 == "Caseload"
    assert "staff.signed_in" in _actions()


def test_staff_pages_have_no_exit_button_and_say_they_are_official(client, officer):
    sign_in_staff(client, officer)
    page = client.get_page("/staff/")
    assert page.select_one(".govuk-exit-this-page") is None
    assert "Official – sensitive" in page.soup.get_text()
    assert page.select_one("nav .govuk-button").get_text(strip=True) == "Sign out"


def test_a_password_alone_is_not_enough(client, officer):
    _password_step(client, officer)
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/sign-in")


def test_a_wrong_password_is_refused_and_audited_without_what_was_typed(client, officer):
    response = _password_step(client, officer, password="not the right password at all")
    assert response.status_code == 200
    assert "Enter a correct email address and password" in response.get_data(as_text=True)
    failures = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "staff.sign_in_failed")
    ).all()
    assert len(failures) == 1
    assert failures[0].detail == {"stage": "password", "known_account": True}
    assert "not the right password" not in str(failures[0].detail)


def test_a_totp_code_cannot_be_used_twice(client, officer):
    with time_machine.travel(utcnow(), tick=False):
        sign_in_staff(client, officer)
        client.post("/staff/sign-out", from_url="/staff/")
        _password_step(client, officer)
        response = _code_step(client, pyotp.TOTP(TOTP_SECRET).now())
    assert response.status_code == 200
    assert "That code has already been used" in response.get_data(as_text=True)
    assert "staff.sign_in_failed" in _actions()


def test_the_next_code_works_after_the_clock_moves_on(client, officer):
    start = utcnow()
    with time_machine.travel(start, tick=False):
        sign_in_staff(client, officer)
        client.post("/staff/sign-out", from_url="/staff/")
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        sign_in_staff(client, officer)
        assert client.get_page("/staff/").h1 == "Caseload"


WRONG = "Enter a correct email address and password"


def test_five_wrong_codes_make_the_next_try_wait_and_say_so_only_after_the_password(
    client, officer
):
    with time_machine.travel(utcnow(), tick=False):
        _password_step(client, officer)
        for _ in range(4):
            response = _code_step(client, "000000")
            assert "Enter the 6-digit code" in response.get_data(as_text=True)
        text = _code_step(client, "000000").get_data(as_text=True)
        assert "Wait 15 minutes, then try again" in text  # the password is proven by now
        assert "An admin can let you try sooner" in text
        # At the password step, even the right password gets the words of a wrong one.
        text = _password_step(client, officer).get_data(as_text=True)
        assert WRONG in text
        assert "Wait 15 minutes, then try again" not in text


def test_a_locked_staff_account_answers_like_a_wrong_password(client, officer, monkeypatch):
    verified = []
    real_verify = signing_in.verify_secret

    def counting_verify(stored_hash, secret):
        verified.append(stored_hash)
        return real_verify(stored_hash, secret)

    monkeypatch.setattr(signing_in, "verify_secret", counting_verify)
    with time_machine.travel(utcnow(), tick=False):
        wrong = Page(_password_step(client, officer, password="not the right password at all"))
        assert verified == [officer.password_hash]
        for _ in range(4):
            _password_step(client, officer, password="not the right password at all")
        verified.clear()
        waiting = Page(_password_step(client, officer))  # the right password, while waiting
        assert verified == [officer.password_hash]  # the same hash work as a wrong password
        verified.clear()
        nobody = SimpleNamespace(email="nobody@force.example")  # no such account
        unknown = Page(_password_step(client, nobody))
        assert len(verified) == 1
    assert waiting.text() == wrong.text() == unknown.text()
    assert WRONG in waiting.error_summary()[0]
    assert "locked" not in waiting.text().lower()


def test_wrong_passwords_slow_down_but_never_lock_out_the_right_one(client, officer):
    start = utcnow()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            _password_step(client, officer, password="wrong password number x")
        assert WRONG in _password_step(client, officer).get_data(as_text=True)
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        _password_step(client, officer, password="tried again inside the wait")  # not counted
    with time_machine.travel(start + timedelta(minutes=1, seconds=1), tick=False):
        sign_in_staff(client, officer)


def test_first_sign_in_enrols_an_authenticator_with_a_qr_code_and_the_secret(client, team):
    user = factories.make_staff(team=team)
    user.totp_secret = None
    user.totp_enrolled_at = None
    db.session.commit()
    response = _password_step(client, user)
    assert response.headers["Location"].startswith("/staff/enrol")
    page = client.get_page("/staff/enrol")
    assert page.h1 == "Set up your authenticator app"
    assert page.select_one("img.portal-qr")["src"].startswith("data:image/png;base64,")
    secret = page.select_one("#totp-secret").get_text(strip=True)
    response = client.post("/staff/enrol", {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(StaffUser, user.id).totp_enrolled_at is not None
    assert client.get_page("/staff/").h1 == "Caseload"


def test_sign_out_ends_the_session_on_the_server(client, officer):
    sign_in_staff(client, officer)
    response = client.post("/staff/sign-out", from_url="/staff/")
    assert response.headers["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert client.get("/staff/").status_code == 302
    sessions = db.session.scalars(select(AuditEvent.action)).all()
    assert "staff.signed_out" in sessions
    live = db.session.scalars(select(AuthSession).where(AuthSession.ended_at.is_(None))).all()
    assert live == []


def test_an_unknown_email_gets_the_same_answer_as_a_wrong_password(client, officer):
    response = client.post(
        "/staff/sign-in",
        {"email": "nobody@force.example", "password": factories.STAFF_PASSWORD},
        from_url="/staff/sign-in",
    )
    assert "Enter a correct email address and password" in response.get_data(as_text=True)
