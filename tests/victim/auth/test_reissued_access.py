"""Using a new activation code for an account that is set up: the old sessions end, nobody
is signed in by the code, the code flow shows nothing of the account, and the victim is
told on her home page, once, with a way to say "this was not me"."""

from __future__ import annotations

from datetime import time

from sqlalchemy import select

from portal.data.models import AccessReissue, AuditEvent, AuthSession, Victim
from portal.extensions import db
from portal.rules import access_reissue
from portal.rules.dates import day
from tests import factories
from tests.log_watch import sensitive
from tests.pages import Page, PageClient
from tests.sign_in import sign_in, sign_in_staff

NEW_PASSPHRASE = "pencil harbour velvet cloud"
CODE_WORD = "marshwren"
ISVA_LABEL = "Priya from the ISVA service"
sensitive(CODE_WORD, ISVA_LABEL)


def _approved(case, supervisor) -> str:
    """An officer's request, approved by the supervisor: the code, as the supervisor saw it."""
    reissue = factories.make_reissue_request(case)
    code = access_reissue.approve(reissue, supervisor)
    sensitive(code)
    return code


def _use(client, code, passphrase=NEW_PASSPHRASE) -> list[Page]:
    """Walk the code flow as a person would; return every page it showed."""
    pages = [client.get_page("/activate")]
    response = client.post("/activate", {"code": code}, from_url="/activate")
    assert response.headers["Location"] == "/activate/about"
    pages.append(client.get_page("/activate/about"))
    pages.append(client.get_page("/activate/passphrase"))
    response = client.post(
        "/activate/passphrase",
        {"passphrase": passphrase, "confirm": passphrase},
        from_url="/activate/passphrase",
    )
    assert response.status_code == 200
    pages.append(Page(response))
    return pages


def _renewed(case) -> Victim:
    db.session.expire_all()
    return db.session.get(Victim, case.victim_id)


def test_using_a_reissued_code_ends_every_old_session_and_does_not_sign_in(app, case, supervisor):
    phone, laptop = PageClient(app), PageClient(app)
    sign_in(phone, case.victim)
    sign_in(laptop, case.victim)
    code = _approved(case, supervisor)
    assert phone.get_page("/my/").status == 200, "old details work until the code is used"

    holder = PageClient(app)
    done = _use(holder, code)[-1]
    victim = _renewed(case)
    assert done.select_one("#access-id").get_text(strip=True) == victim.access_id
    assert done.select_one("#signed-out-everywhere") is not None
    assert done.select_one("main a.govuk-button")["href"] == "/sign-in"

    reasons = db.session.scalars(select(AuthSession.end_reason)).all()
    assert reasons == ["reactivated", "reactivated"], "both old sessions ended, none began"
    for client in (phone, laptop, holder):
        assert client.get("/my/").headers["Location"].startswith("/sign-in")
    assert db.session.scalar(select(AccessReissue.used_at)) is not None
    assert "case.access_reissue_used" in db.session.scalars(select(AuditEvent.action)).all()
    # The code is used up; the new details sign in.
    assert victim.activation_code_hash is None
    sign_in(holder, victim, passphrase=NEW_PASSPHRASE)
    assert holder.get_page("/my/").status == 200


def test_the_code_flow_never_shows_sharing_code_word_or_choices(app, case, supervisor):
    victim = case.victim
    victim.code_word = CODE_WORD
    victim.email = "sam.private@example.net"
    victim.phone = "07700 900321"
    victim.isva_name = "Priya Shah"
    victim.quiet_hours_start, victim.quiet_hours_end = time(21), time(8)
    db.session.commit()
    factories.share_with(victim, label=ISVA_LABEL)
    sensitive("sam.private@example.net", "07700 900321", "Priya Shah")
    code = _approved(case, supervisor)

    holder = PageClient(app)
    pages = _use(holder, code)
    secrets = [CODE_WORD, ISVA_LABEL, "sam.private", "07700 900321", "Priya Shah", "21:00"]
    for page in pages:
        for secret in secrets:
            assert secret not in page.html, f"{secret!r} shown on {page.h1!r}"
        assert page.select_one("a[href^='/my/sharing']") is None
        assert page.select_one("a[href='/my/choices']") is None
    # Holding the code is not being signed in: the account's own pages stay shut.
    for path in ("/my/sharing/", "/my/sharing/code-word", "/my/choices", "/my/copy/"):
        response = holder.get(path)
        assert response.status_code in (302, 303), path
        assert response.headers["Location"].startswith("/sign-in"), path


def test_the_victim_sees_when_her_access_was_reissued(app, case, supervisor):
    code = _approved(case, supervisor)
    client = PageClient(app)
    _use(client, code)
    victim = _renewed(case)
    used_at = db.session.scalar(select(AccessReissue.used_at))

    sign_in(client, victim, passphrase=NEW_PASSPHRASE)
    home = client.get_page("/my/")
    notice = home.select_one("#reissue-notice").get_text(" ", strip=True)
    with app.test_request_context():
        shown_day = day(used_at)
    assert f"Your sign-in details were changed on {shown_day}." in notice
    assert "If this was not you, tell us now." in notice
    assert home.select_one("#not-me") is not None
    # Once: the next visit to the home page is as usual.
    assert client.get_page("/my/").select_one("#reissue-notice") is None


def test_this_was_not_me_stops_an_unused_code_and_tells_the_supervisors(app, case, supervisor):
    code = _approved(case, supervisor)
    client = PageClient(app)
    sign_in(client, case.victim)  # her old details still work: the code is not used yet
    home = client.get_page("/my/")
    notice = home.select_one("#reissue-notice").get_text(" ", strip=True)
    assert "we made a new code to change your sign-in details" in notice
    assert "If you did not ask for it, tell us now. We will stop the code." in notice

    response = client.post("/my/sign-in-details/not-me", from_url="/my/")
    assert response.headers["Location"] == "/my/"
    after = client.get_page("/my/")
    done = after.select_one(".govuk-notification-banner--success").get_text(" ", strip=True)
    assert "We have stopped the new code." in done
    assert after.select_one("#reissue-notice") is None
    assert _renewed(case).activation_code_hash is None
    page = PageClient(app).post_page("/activate", {"code": code})
    assert "That code does not work" in page.error_summary()[0]
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "victim.access_reissue_disputed")
    )
    assert event.detail == {"code_stopped": True}

    boss = PageClient(app)
    sign_in_staff(boss, supervisor)
    banner = boss.get_page("/staff/dashboard").select_one("#reissue-disputes")
    assert case.crime_reference in banner.get_text()
    reissue = db.session.scalar(select(AccessReissue))
    boss.post(
        f"/staff/new-code-requests/{reissue.id}/dispute-done",
        from_url=f"/staff/new-code-requests/{reissue.id}",
    )
    assert boss.get_page("/staff/dashboard").select_one("#reissue-disputes") is None
    # The officer never sees the dispute: it goes to the supervisors.
    officer = PageClient(app)
    sign_in_staff(officer, case.officer)
    assert "did not ask" not in officer.get_page(f"/staff/cases/{case.id}").text()
