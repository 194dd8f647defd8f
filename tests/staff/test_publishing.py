from datetime import UTC, date, datetime

import pytest
import time_machine
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from portal.data.models import AuditEvent, Case, Notification, Obligation, Update
from portal.extensions import db
from portal.rules import publishing
from tests import factories
from tests.pages import Page
from tests.sign_in import sign_in_staff

KEY = "0123456789abcdef0123456789abcdef"


def _data(**overrides):
    data = {
        "event_type": "suspect_arrested",
        "occurred_on": ["13", "3", "2026"],
        "occurred_time": "16:00",
        "free_text": "He was arrested this afternoon. I will call you tomorrow.",
        "sensitive": "default",
        "idempotency_key": KEY,
        "corrects_id": "",
    }
    data.update(overrides)
    return data


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def _preview(client, case, **overrides):
    response = client.post(f"/staff/cases/{case.id}/updates/preview", _data(**overrides))
    page = Page(response)
    page.check_well_formed()
    return page


def _publish(client, case, **overrides):
    return client.post(f"/staff/cases/{case.id}/updates/publish", _data(**overrides))


# A police decision not to charge, as the form now requires it: who decided, the interview.
POLICE_NFA = {
    "event_type": "no_further_action",
    "decided_by": "police",
    "suspect_interviewed": "yes",
}

# Saturday 14 March 2026, after a Friday-afternoon arrest.
SATURDAY = datetime(2026, 3, 14, 10, 0, tzinfo=UTC)


def test_the_form_carries_a_fresh_idempotency_key(client, officer, case):
    sign_in_staff(client, officer)
    first = client.get_page(f"/staff/cases/{case.id}/updates/new")
    second = client.get_page(f"/staff/cases/{case.id}/updates/new")
    key = first.select_one("input[name=idempotency_key]")["value"]
    assert len(key) == 32
    assert key != second.select_one("input[name=idempotency_key]")["value"]


def test_a_friday_event_is_due_by_the_end_of_monday_and_that_is_shown_and_stored(
    client, officer, case
):
    with time_machine.travel(SATURDAY, tick=False):
        sign_in_staff(client, officer)
        page = _preview(client, case)
        assert "Tell them by Mon 16 Mar 2026, 23:59" in page.select_one("#code-deadline").text
        response = _publish(client, case)
        assert response.status_code == 303
        result = client.get_page(response.headers["Location"])
    assert "Victims' Code deadline met" in result.select_one("#deadline-outcome").text
    obligation = db.session.scalar(select(Obligation))
    assert obligation.due_at == datetime(2026, 3, 16, 23, 59, 59, tzinfo=UTC)
    assert obligation.met_at is not None


def test_a_bank_holiday_monday_moves_the_deadline_to_tuesday(client, officer, case):
    # Friday 22 May 2026; Monday 25 May is the spring bank holiday (BST: 22:59:59 UTC).
    with time_machine.travel(datetime(2026, 5, 23, 9, 0, tzinfo=UTC), tick=False):
        sign_in_staff(client, officer)
        page = _preview(client, case, occurred_on=["22", "5", "2026"])
        assert "Tue 26 May 2026, 23:59" in page.select_one("#code-deadline").text
        _publish(client, case, occurred_on=["22", "5", "2026"])
    obligation = db.session.scalar(select(Obligation))
    assert obligation.due_at == datetime(2026, 5, 26, 22, 59, 59, tzinfo=UTC)


@pytest.mark.parametrize("country", ["england", "wales"])
def test_the_forces_country_chooses_whose_bank_holidays_are_skipped(
    client, officer, country, monkeypatch
):
    case = factories.make_case(officer=officer, force_country=country)
    seen = []
    real = publishing.code_deadline

    def spy(event_type, occurred_at, enhanced, force_country):
        seen.append(force_country)
        return real(event_type, occurred_at, enhanced, force_country)

    monkeypatch.setattr(publishing, "code_deadline", spy)
    # Maundy Thursday 2 April 2026: Good Friday and Easter Monday are holidays in both.
    with time_machine.travel(datetime(2026, 4, 3, 9, 0, tzinfo=UTC), tick=False):
        sign_in_staff(client, officer)
        page = _preview(client, case, occurred_on=["2", "4", "2026"])
        assert f"bank holidays of {country.capitalize()}" in page.select_one("#code-deadline").text
        _publish(client, case, occurred_on=["2", "4", "2026"])
    assert set(seen) == {country}
    assert db.session.scalar(select(Obligation.due_at)) == datetime(
        2026, 4, 7, 22, 59, 59, tzinfo=UTC
    )


def test_a_support_referral_has_two_working_days(client, officer, case):
    case.reported_on = date(2026, 3, 13)  # reported on the Friday
    db.session.commit()
    with time_machine.travel(SATURDAY, tick=False):
        sign_in_staff(client, officer)
        _publish(client, case, event_type="support_referral")
    assert db.session.scalar(select(Obligation.due_at)) == datetime(
        2026, 3, 17, 23, 59, 59, tzinfo=UTC
    )


def test_the_preview_shows_the_victims_page_in_their_language(client, officer):
    victim = factories.make_victim(language="cy", preferred_name="Eleri")
    case = factories.make_case(victim=victim, officer=officer, force_country="wales")
    sign_in_staff(client, officer)
    page = _preview(
        client, case, free_text="Mae'r dyn wedi cael ei arestio heddiw. Byddaf yn eich ffonio."
    )
    preview = page.select_one("#victim-preview .portal-update-body")
    assert preview["lang"] == "cy"
    assert "Mae'r dyn wedi cael ei arestio heddiw." in preview.text
    assert page.select_one("#language-warning") is None


def test_the_preview_warns_when_the_text_is_not_in_the_victims_language(client, officer):
    victim = factories.make_victim(language="cy")
    case = factories.make_case(victim=victim, officer=officer, force_country="wales")
    sign_in_staff(client, officer)
    page = _preview(client, case)
    warning = page.select_one("#language-warning").text
    assert "interpreter or a translation may be needed" in warning


def test_an_arabic_reader_gets_a_warning_for_english_text_and_a_right_to_left_preview(
    client, officer
):
    victim = factories.make_victim(language="ar")
    case = factories.make_case(victim=victim, officer=officer)
    sign_in_staff(client, officer)
    page = _preview(client, case)
    assert page.select_one("#victim-preview .portal-update-body")["dir"] == "rtl"
    assert page.select_one("#language-warning") is not None


def test_jargon_in_the_free_text_is_flagged_with_plain_words(client, officer, case):
    sign_in_staff(client, officer)
    page = _preview(client, case, free_text="The suspect is now RUI while we wait for the CPS.")
    advice = page.select_one("#jargon-advice").text
    assert "Instead of “RUI”" in advice
    assert "released while the police keep investigating" in advice
    assert "RUI" in page.select_one("#victim-preview details").text


def test_a_double_submitted_publish_creates_one_update(client, officer, case):
    sign_in_staff(client, officer)
    first = _publish(client, case)
    second = _publish(client, case)
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert _count(Update) == 1
    assert _count(Notification) == 1
    assert _count(Obligation) == 1


def test_a_database_failure_leaves_nothing_half_written_and_keeps_the_text(
    client, officer, case, monkeypatch
):
    def broken(update, reason="update"):
        raise OperationalError("INSERT INTO notification", {}, Exception("database went away"))

    monkeypatch.setattr(publishing.outbox, "enqueue_for_update", broken)
    sign_in_staff(client, officer)
    response = _publish(client, case)
    page = Page(response)
    page.check_well_formed()
    assert response.status_code == 503
    assert "could not be published" in page.select_one("#publish-problem").text
    assert "Nothing has been sent to them" in page.text()
    textarea = page.select_one("textarea[name=free_text]")
    assert textarea.text.strip() == _data()["free_text"]
    assert page.select_one("input[name=idempotency_key]")["value"] == KEY
    db.session.expire_all()
    assert _count(Update) == 0
    assert _count(Obligation) == 0
    assert _count(Notification) == 0
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "update.published" not in actions
    assert db.session.get(Case, case.id).last_contact_at == case.last_contact_at


def test_publishing_resets_the_routine_clock(client, officer, case):
    before = case.last_contact_at
    sign_in_staff(client, officer)
    _publish(client, case, event_type="routine_update")
    db.session.expire_all()
    assert db.session.get(Case, case.id).last_contact_at > before
    assert _count(Obligation) == 0  # a routine update has no Code deadline of its own


def test_publishing_meets_an_obligation_recorded_earlier(client, officer, case):
    factories.make_obligation(case, "suspect_arrested")
    sign_in_staff(client, officer)
    _publish(client, case)
    obligations = db.session.scalars(select(Obligation)).all()
    assert len(obligations) == 1
    assert obligations[0].met_by_update_id is not None


def test_a_sensitive_event_gets_a_content_note_by_default(client, officer, case):
    sign_in_staff(client, officer)
    _publish(client, case, **POLICE_NFA)
    assert db.session.scalar(select(Update.sensitive)) is True


def test_the_officer_can_choose_no_content_note(client, officer, case):
    sign_in_staff(client, officer)
    _publish(client, case, **POLICE_NFA, sensitive="no")
    assert db.session.scalar(select(Update.sensitive)) is False


def test_the_update_text_is_encrypted_and_never_in_the_audit_log(client, officer, case):
    sign_in_staff(client, officer)
    _publish(client, case)
    update = db.session.scalar(select(Update))
    assert update.free_text == _data()["free_text"]
    assert b"arrested this afternoon" not in update._free_text
    for event in db.session.scalars(select(AuditEvent)):
        assert "arrested this afternoon" not in str(event.detail)


def test_a_correction_stands_beside_the_original_and_notifies_again(client, officer, case):
    original = factories.make_update(case, text="Court is on 3 June.", event_type="court_date_set")
    sign_in_staff(client, officer)
    form = client.get_page(f"/staff/cases/{case.id}/updates/new?corrects={original.id}")
    assert form.h1 == "Publish a correction"
    assert form.select_one("input[name=corrects_id]")["value"] == str(original.id)
    response = _publish(
        client,
        case,
        event_type="court_date_set",
        free_text="Sorry: court is on 4 June, not 3 June.",
        corrects_id=str(original.id),
    )
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Update, original.id).free_text == "Court is on 3 June."
    correction = db.session.scalar(select(Update).where(Update.corrects_id == original.id))
    assert correction is not None
    assert (
        db.session.scalar(
            select(Notification.reason).where(Notification.update_id == correction.id)
        )
        == "correction"
    )
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "update.correction_published" in actions


def test_the_form_explains_mistakes_in_govuk_style(client, officer, case):
    sign_in_staff(client, officer)
    response = client.post(
        f"/staff/cases/{case.id}/updates/preview",
        _data(event_type="", occurred_time="half four", occurred_on=["", "", ""]),
    )
    page = Page(response)
    assert page.title.startswith("Error:")
    assert "Select what happened" in page.error_summary()
    assert "Enter the time it happened, like 14:30" in page.error_summary()


def test_the_preview_shows_the_same_words_as_the_victims_own_page(client, officer, app):
    from tests.pages import PageClient
    from tests.sign_in import sign_in

    victim = factories.make_victim(preferred_name="Robin")
    case = factories.make_case(victim=victim, officer=officer)
    sign_in_staff(client, officer)
    text = "The suspect was released on bail today.\n\nHe must not contact you."
    preview = _preview(client, case, free_text=text).select_one("#victim-preview")
    _publish(client, case, free_text=text)
    victim_client = PageClient(app)
    sign_in(victim_client, victim)
    home = victim_client.get_page("/my/")
    link = home.select_one("main a[href^='/my/updates/']")["href"]
    victim_page = victim_client.get_page(link)

    def words(root):
        return [
            " ".join(tag.get_text(" ").split())
            for tag in root.select("h1, h2, h3, h4, p, dt, dd")
            if "Sent on" not in tag.get_text()
            and "Ask your officer" not in tag.get_text()
            and tag.find_parent("dialog") is None  # the idle-timeout warning
        ]

    assert words(preview) == words(victim_page.select_one("main"))
