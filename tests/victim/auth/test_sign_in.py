from datetime import timedelta

import time_machine
from sqlalchemy import select

from portal.auth import throttle
from portal.auth.codes import hash_code
from portal.data.models import AuditEvent, AuthSession, Victim, utcnow
from portal.extensions import db
from tests import factories
from tests.pages import Page
from tests.sign_in import sign_in

FAILURE = "The access ID or passphrase is not right."


def _try(client, identifier, passphrase):
    return client.post_page(
        "/sign-in", {"identifier": identifier, "passphrase": passphrase}, from_url="/sign-in"
    )


def test_a_victim_signs_in_with_their_access_id_typed_loosely(client, case):
    typed = case.victim.access_id.lower().replace("-", " ")
    response = client.post(
        "/sign-in",
        {"identifier": typed, "passphrase": factories.PASSPHRASE},
        from_url="/sign-in",
    )
    assert response.headers["Location"] == "/my/"
    assert client.get_page("/my/").h1 == "Hello, Sam"


def test_a_victim_who_gave_an_email_can_sign_in_with_it(client, app_context):
    victim = factories.make_victim(email="sam@example.invalid")
    factories.make_case(victim=victim)
    response = client.post(
        "/sign-in",
        {"identifier": " Sam@Example.invalid ", "passphrase": factories.PASSPHRASE},
        from_url="/sign-in",
    )
    assert response.headers["Location"] == "/my/"


def test_unknown_access_id_and_wrong_passphrase_give_the_identical_page(client, case):
    unknown = _try(client, "B-XXXX-XXXX", factories.PASSPHRASE)
    wrong = _try(client, case.victim.access_id, "not the passphrase at all")
    assert unknown.text() == wrong.text()
    assert unknown.title == wrong.title == "Error: Sign in – Beacon"
    assert FAILURE in unknown.error_summary()[0]


def test_every_sign_in_and_failure_is_audited_without_the_passphrase(client, case):
    _try(client, case.victim.access_id, "not the passphrase at all")
    sign_in(client, case.victim)
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.occurred_at)).all()
    assert [event.action for event in events] == ["victim.sign_in_failed", "victim.signed_in"]
    assert all("passphrase" not in str(event.detail) for event in events)
    assert events[1].actor_id == case.victim.id


def test_wrong_tries_slow_down_but_never_lock_out_the_right_passphrase(client, case):
    start = utcnow()
    with time_machine.travel(start, tick=False):
        for _ in range(throttle.FREE_TRIES):
            _try(client, case.victim.access_id, "not the passphrase at all")
        waiting = _try(client, case.victim.access_id, factories.PASSPHRASE)
        assert FAILURE in waiting.error_summary()[0]
        assert "wait 15 minutes" in waiting.error_summary()[0]
        assert client.get("/my/").status_code == 302
    # Someone who keeps trying inside the delay neither counts nor makes it longer.
    for seconds in (10, 20, 30, 40, 50):
        with time_machine.travel(start + timedelta(seconds=seconds), tick=False):
            _try(client, case.victim.access_id, "still not the passphrase")
    with time_machine.travel(start + timedelta(minutes=1, seconds=1), tick=False):
        sign_in(client, case.victim)


def test_the_delay_doubles_with_each_wrong_try_and_never_passes_15_minutes():
    minutes = [throttle.delay_after(n) / timedelta(minutes=1) for n in range(3, 13)]
    assert minutes == [0, 0, 1, 2, 4, 8, 15, 15, 15, 15]
    assert throttle.delay_after(10**6) == timedelta(minutes=15)


def test_after_many_wrong_tries_the_right_passphrase_works_15_minutes_after_the_last(client, case):
    moment = utcnow()
    for n in range(12):  # each wrong try as soon as the account takes one again
        with time_machine.travel(moment, tick=False):
            _try(client, case.victim.access_id, "not the passphrase at all")
        moment += throttle.delay_after(n + 1) + timedelta(seconds=1)
    db.session.expire_all()
    assert db.session.get(Victim, case.victim_id).failed_attempts == 12  # each one counted
    last = moment - throttle.MAX_DELAY - timedelta(seconds=1)
    with time_machine.travel(last + timedelta(minutes=14), tick=False):
        assert FAILURE in _try(client, case.victim.access_id, factories.PASSPHRASE).text()
    with time_machine.travel(last + timedelta(minutes=15, seconds=1), tick=False):
        sign_in(client, case.victim)


def test_an_account_that_must_wait_answers_like_an_unknown_one(client, case):
    with time_machine.travel(utcnow(), tick=False):
        for _ in range(throttle.FREE_TRIES):
            _try(client, case.victim.access_id, "not the passphrase at all")
        waiting = _try(client, case.victim.access_id, factories.PASSPHRASE)
        unknown = _try(client, "B-XXXX-XXXX", factories.PASSPHRASE)
    assert waiting.text() == unknown.text()


def test_a_shared_address_does_not_refuse_a_correct_sign_in(client, app_context):
    victims = [factories.make_victim() for _ in range(12)]
    for victim in victims:  # more wrong tries, and more people, than one address had before
        _try(client, f"{victim.access_id[:-1]}Z", "a typo in the passphrase")
        sign_in(client, victim)
        client.post("/sign-out", from_url="/my/")


def test_a_flood_of_wrong_tries_from_one_address_gets_a_plain_429_page(client, case):
    for n in range(50):
        _try(client, f"B-XXXX-XX{n:02d}", "wrong passphrase")
    response = client.post(
        "/sign-in",
        {"identifier": case.victim.access_id, "passphrase": factories.PASSPHRASE},
        from_url="/sign-in",
    )
    assert response.status_code == 429
    assert client.get_page("/sign-in").status == 200  # reading the page is never limited
    refused = Page(response)
    assert refused.h1 == "Please wait before trying again"
    assert "Wait 15 minutes" in refused.text()


def test_the_victim_is_told_of_failed_tries_since_her_last_visit(client, case):
    start = utcnow()
    with time_machine.travel(start, tick=False):
        for _ in range(throttle.FREE_TRIES):
            _try(client, case.victim.access_id, "not the passphrase at all")
    with time_machine.travel(start + timedelta(minutes=1, seconds=1), tick=False):
        _try(client, case.victim.access_id, "one more wrong guess")
    with time_machine.travel(start + timedelta(minutes=4), tick=False):
        sign_in(client, case.victim)
        home = client.get_page("/my/")
        notice = home.select_one("#failed-tries").get_text(" ", strip=True)
        assert notice.startswith(
            "Since you last signed in, someone tried to sign in to your account 6 times "
            "with the wrong passphrase."
        )
        assert "tell your officer" in notice
        assert "code word" in notice
        assert client.get_page("/my/").select_one("#failed-tries") is None  # told once
    db.session.expire_all()
    victim = db.session.get(Victim, case.victim_id)
    assert victim.failed_attempts == 0 and victim.failures_to_tell == 0


def test_a_victim_with_no_failed_tries_sees_no_notice(client, case):
    sign_in(client, case.victim)
    assert client.get_page("/my/").select_one("#failed-tries") is None


def test_a_disabled_or_unactivated_account_cannot_sign_in(client, app_context):
    disabled = factories.make_victim(is_disabled=True)
    assert FAILURE in _try(client, disabled.access_id, factories.PASSPHRASE).error_summary()[0]


def test_empty_fields_get_govuk_style_messages(client, app_context):
    page = _try(client, "", "")
    assert page.error_summary() == [
        "Enter your access ID or email address",
        "Enter your passphrase",
    ]


def test_sign_in_starts_a_new_session_and_follows_only_a_local_next(client, case):
    response = client.get("/my/rights")
    assert response.headers["Location"] == "/sign-in?next=/my/rights"
    client.get_page("/sign-in?next=/my/rights")
    before = client.http.get_cookie("portal_session").value
    response = client.post(
        "/sign-in?next=/my/rights",
        {"identifier": case.victim.access_id, "passphrase": factories.PASSPHRASE},
        from_url="/sign-in",
    )
    assert response.headers["Location"] == "/my/rights"
    assert client.http.get_cookie("portal_session").value != before
    client.post("/sign-out", from_url="/my/")
    response = client.post(
        "/sign-in?next=https://evil.example/",
        {"identifier": case.victim.access_id, "passphrase": factories.PASSPHRASE},
        from_url="/sign-in",
    )
    assert response.headers["Location"] == "/my/"


def test_sign_out_ends_the_session_and_an_old_cookie_is_worthless(client, case):
    sign_in(client, case.victim)
    old_cookie = client.http.get_cookie("portal_session").value
    response = client.post("/sign-out", from_url="/my/")
    assert response.status_code == 303
    assert response.headers["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    page = client.get_page(response.headers["Location"])
    assert page.h1 == "You have signed out"
    client.http.set_cookie("portal_session", old_cookie)
    assert client.get("/my/").headers["Location"].startswith("/sign-in")
    ended = db.session.scalar(select(AuthSession))
    assert ended.end_reason == "sign_out"
    assert "victim.signed_out" in db.session.scalars(select(AuditEvent.action)).all()


def test_the_signed_out_page_stays_in_the_language_the_person_was_reading(client, app_context):
    victim = factories.make_victim(language="cy")
    sign_in(client, victim)
    response = client.post("/sign-out", from_url="/my/")
    assert response.headers["Location"] == "/signed-out?lang=cy"
    page = client.get_page(response.headers["Location"])
    assert page.select_one("html")["lang"] == "cy"
    assert page.h1 != "You have signed out"  # it is in Welsh


def test_an_unknown_language_in_the_signed_out_address_falls_back_calmly(client):
    page = client.get_page("/signed-out?lang=../../etc")
    assert page.select_one("html")["lang"] == "en"
    assert page.h1 == "You have signed out"


def test_sign_out_is_not_reachable_by_a_link(client, case):
    sign_in(client, case.victim)
    assert client.get("/sign-out").status_code == 405
    assert client.get_page("/my/").status == 200


def test_exit_this_page_ends_the_session_on_the_server(client, case):
    sign_in(client, case.victim)
    old_cookie = client.http.get_cookie("portal_session").value
    response = client.get("/exit")
    assert response.status_code == 303
    client.http.set_cookie("portal_session", old_cookie)
    assert client.get("/my/").headers["Location"].startswith("/sign-in")
    assert db.session.scalar(select(AuthSession.end_reason)) == "exit"


def test_the_session_ends_after_15_idle_minutes_with_a_calm_message(client, case):
    start = utcnow()
    with time_machine.travel(start, tick=False):
        sign_in(client, case.victim)
    with time_machine.travel(start + timedelta(minutes=14), tick=False):
        assert client.get_page("/my/").status == 200
    with time_machine.travel(start + timedelta(minutes=14 + 16), tick=False):
        response = client.get("/my/")
        assert response.headers["Location"].startswith("/sign-in")
        page = client.get_page(response.headers["Location"])
    assert "You were signed out to keep your information safe" in page.text()
    assert client.get_page("/sign-in").select_one("#signed-out-for-safety") is None
    assert db.session.scalar(select(AuthSession.end_reason)) == "idle"


def test_activity_keeps_the_session_alive_until_the_12_hour_limit(client, case):
    start = utcnow()
    with time_machine.travel(start, tick=False):
        sign_in(client, case.victim)
    for minutes in range(10, 12 * 60, 10):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get("/my/").status_code == 200, minutes
    with time_machine.travel(start + timedelta(hours=12, minutes=1), tick=False):
        assert client.get("/my/").headers["Location"].startswith("/sign-in")
    assert db.session.scalar(select(AuthSession.end_reason)) == "lifetime"


def test_stay_signed_in_renews_an_idle_session(client, case):
    start = utcnow()
    with time_machine.travel(start, tick=False):
        sign_in(client, case.victim)
    with time_machine.travel(start + timedelta(minutes=13), tick=False):
        response = client.post("/my/stay-signed-in", {"next": "/my/rights"}, from_url="/my/")
        assert response.headers["Location"] == "/my/rights"
    with time_machine.travel(start + timedelta(minutes=27), tick=False):
        assert client.get("/my/").status_code == 200


def test_every_victim_page_carries_the_idle_warning_with_two_plain_choices(client, case):
    sign_in(client, case.victim)
    page = client.get_page("/my/")
    assert page.soup.body["data-idle-timeout"] == "900"
    dialog = page.select_one("dialog#idle-warning")
    buttons = [button.get_text(strip=True) for button in dialog.select("button")]
    assert buttons == ["Stay signed in", "Sign out"]
    assert dialog.get("open") is None


def test_forgotten_passphrase_page_sends_people_to_their_officer_not_their_email(client):
    page = client.get_page("/forgotten-passphrase")
    assert "ask your officer" in page.text().lower()
    assert page.select("form") == []  # the language switch is links, not a form
    assert page.select_one("main input[type=email]") is None


def test_activating_again_with_a_new_code_replaces_the_access_id_and_old_sessions(client, case):
    sign_in(client, case.victim)
    old_access_id = case.victim.access_id
    new_code = "MMMMM-NNNNN-PPPPP-QQQQQ"
    case.victim.activation_code_hash = hash_code(new_code)
    case.victim.activation_expires_at = utcnow() + timedelta(days=7)
    db.session.commit()
    client.post("/activate", {"code": new_code}, from_url="/activate")
    client.post(
        "/activate/passphrase",
        {"passphrase": "a brand new passphrase here", "confirm": "a brand new passphrase here"},
        from_url="/activate/passphrase",
    )
    db.session.expire_all()
    victim = db.session.get(Victim, case.victim_id)
    assert victim.access_id != old_access_id
    reasons = db.session.scalars(
        select(AuthSession.end_reason).order_by(AuthSession.created_at)
    ).all()
    # The old session ended, and setting up again signed no one in.
    assert reasons == ["reactivated"]
