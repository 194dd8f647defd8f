"""The code word: set by the victim, shown on genuine notifications and officer replies,
shown to the officer before a call, and never written to a log."""

from __future__ import annotations

from sqlalchemy import select

from portal.data.models import AuditEvent, MessageKind, Victim
from portal.extensions import db
from portal.notifications import texts
from tests import factories
from tests.log_watch import sensitive

CODE_WORD = "heronsgate"
sensitive(CODE_WORD)


def _set(client, word: str = CODE_WORD):
    response = client.post("/my/sharing/code-word", {"code_word": word})
    assert response.status_code == 303
    return response


def test_the_victim_sets_a_code_word_and_the_audit_says_only_that_one_is_set(signed_in):
    _set(signed_in)
    page = signed_in.get_page("/my/sharing/code-word")
    assert page.select_one("#current-code-word").get_text(strip=True).endswith(CODE_WORD)
    db.session.expire_all()
    assert db.session.scalar(select(Victim)).code_word == CODE_WORD
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "victim.code_word_changed")
    )
    assert event.detail == {"set": True}
    assert CODE_WORD not in str(event.detail)


def test_a_code_word_that_is_too_short_is_refused(signed_in):
    page = signed_in.post_page("/my/sharing/code-word", {"code_word": "ab"})
    assert page.error_summary() == ["Your code word must be at least 4 characters"]


def test_the_victim_can_remove_their_code_word(signed_in):
    _set(signed_in)
    signed_in.post("/my/sharing/code-word/remove", from_url="/my/sharing/code-word")
    db.session.expire_all()
    assert db.session.scalar(select(Victim)).code_word is None
    assert signed_in.get_page("/my/sharing/code-word").select_one("#current-code-word") is None


def test_the_code_word_is_beside_every_officer_reply_and_not_the_victims_own(signed_in, case):
    _set(signed_in)
    factories.make_message(case, "My own question about dates.")
    factories.make_message(
        case, "Reply one.", kind=MessageKind.REPLY, from_victim=False, staff_author=case.officer
    )
    factories.make_message(
        case, "Reply two.", kind=MessageKind.REPLY, from_victim=False, staff_author=case.officer
    )
    page = signed_in.get_page("/my/questions")
    cards = page.select(".portal-conversation > li")
    assert [bool(card.select_one(".portal-code-word")) for card in cards] == [False, True, True]
    assert cards[1].select_one(".portal-code-word").get_text(strip=True) == (
        f"Your code word: {CODE_WORD}"
    )


def test_the_code_word_set_on_the_page_is_on_every_notification(signed_in, case, app):
    _set(signed_in)
    db.session.expire_all()
    victim = db.session.get(Victim, case.victim_id)
    victim.email = "heron@example.net"
    db.session.commit()
    with app.test_request_context():
        assert CODE_WORD in texts.for_victim(victim, "update", "email").body
        assert CODE_WORD in texts.for_victim(victim, "update", "text").body


def test_the_officer_sees_the_code_word_before_a_call(signed_in, case, app):
    from tests.sign_in import sign_in_staff

    _set(signed_in)
    from tests.pages import PageClient

    officer = PageClient(app)
    sign_in_staff(officer, case.officer)
    page = officer.get_page(f"/staff/cases/{case.id}")
    assert page.select_one("#code-word").get_text(strip=True) == CODE_WORD
