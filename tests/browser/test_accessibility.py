"""axe-core on every kind of page, in English, Welsh and Arabic (right to left).

Each test signs in once and walks one area page by page, loading each page once and
collecting what axe finds on every one, so a failure names every page that needs work.
"""

from __future__ import annotations

import functools
from datetime import timedelta

import pytest

from portal.data.models import ReviewOutcome, StaffRole, utcnow
from tests import factories
from tests.browser.conftest import axe_violations
from tests.browser.steps import (
    sign_in_staff,
    sign_in_victim,
    sign_out_from_the_menu,
    use_language,
)
from tests.factories import SUPPORTER_PASSPHRASE
from tests.log_watch import sensitive

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "cy", "ar"]
CODE = "K7PQW-3MXRT-9ACHE-UV4DY"
NEW_PASSPHRASE = "pencil harbour velvet cloud"
GUIDE = "after-you-report"
TOO_LONG = "x" * 2001  # one more character than a note or complaint may have


class Walk:
    """Visit pages in one browser tab; remember what axe finds on each."""

    def __init__(self, page, live_server: str, language: str):
        self.page, self.base, self.language = page, live_server, language
        self.found: dict[str, list[str]] = {}

    def check(self, name: str) -> None:
        assert self.page.locator("html").get_attribute("lang") == self.language, name
        violations = axe_violations(self.page)
        if violations:
            self.found[name] = violations

    def visit(self, name: str, path: str) -> None:
        response = self.page.goto(self.base + path)
        assert response is not None and response.status < 500, f"{name}: {path}"
        self.check(name)

    def submit(self, css: str = "main form [type=submit]") -> None:
        """Press a button (by default the page's first) and wait for the next page.

        Buttons are found by where they are, not by their words, which change by language.
        """
        with self.page.expect_navigation():
            self.page.locator(css).first.click()


@pytest.fixture(params=LANGUAGES)
def walk(request, desktop, live_server):
    use_language(desktop, live_server, request.param)
    return Walk(desktop, live_server, request.param)


@pytest.fixture(params=LANGUAGES)
def phone_walk(request, phone, live_server):
    use_language(phone, live_server, request.param)
    return Walk(phone, live_server, request.param)


def test_public_pages_guides_and_errors_have_no_violations(phone_walk, app, monkeypatch):
    phone_walk.visit("start page", "/")
    phone_walk.visit("guide library", "/guides/")
    with app.app_context():
        from portal.easyread import current_library

        languages = current_library().languages_of(GUIDE)
    language = phone_walk.language if phone_walk.language in languages else "en"
    phone_walk.visit("easy-read guide", f"/guides/{language}/{GUIDE}")
    phone_walk.visit("page not found", "/nothing-here")
    phone_walk.visit("accessibility statement", "/accessibility")
    phone_walk.visit("privacy notice", "/privacy")
    phone_walk.visit("cookies", "/cookies")
    phone_walk.visit("feedback", "/feedback")
    phone_walk.submit()
    phone_walk.check("feedback with an error")
    # The calm 500: the start page's view fails, for this test only, in the live server.
    start = app.view_functions["public.start"]

    @functools.wraps(start)
    def failing():
        raise RuntimeError("a failure made on purpose by the accessibility test")

    monkeypatch.setitem(app.view_functions, "public.start", failing)
    # A new address: the start page itself may be kept by the browser's cache (it is public).
    response = phone_walk.page.goto(phone_walk.base + "/?fails=1")
    assert response is not None and response.status == 500
    phone_walk.check("something went wrong (500)")
    assert phone_walk.found == {}


def test_activation_and_sign_in_pages_have_no_violations(phone_walk, app):
    with app.app_context():
        victim = factories.invite_victim(CODE, language=phone_walk.language)
    page = phone_walk.page
    phone_walk.visit("activation: code", "/activate")
    page.locator("#code").fill("WRONG-CODE")
    phone_walk.submit()
    phone_walk.check("activation: code refused")
    page.locator("#code").fill(CODE)
    phone_walk.submit()
    phone_walk.check("activation: before you start")
    with page.expect_navigation():
        page.locator("main a.govuk-button").click()
    phone_walk.check("activation: choose a passphrase")
    page.locator("#passphrase").fill(NEW_PASSPHRASE)
    page.locator("#confirm").fill(NEW_PASSPHRASE)
    phone_walk.submit()
    assert page.locator("#access-id").is_visible()
    phone_walk.check("activation: access ID shown")
    with page.expect_navigation():
        page.locator("main a.govuk-button").click()  # "Continue", to their home page
    with page.expect_navigation():
        sign_out_from_the_menu(page)
    # Signing out clears every cookie (Clear-Site-Data), the language one too: choose again.
    use_language(page, phone_walk.base, phone_walk.language)
    phone_walk.visit("signed out", "/signed-out")
    phone_walk.visit("sign in", "/sign-in")
    page.locator("#identifier").fill("B-NOBODY")
    page.locator("#passphrase").fill("not the passphrase")
    phone_walk.submit()
    phone_walk.check("sign in refused")
    phone_walk.visit("forgotten passphrase", "/forgotten-passphrase")
    assert victim is not None
    assert phone_walk.found == {}


def test_every_signed_in_victim_page_has_no_violations(phone_walk, app):
    with app.app_context():
        victim = factories.make_victim(preferred_name="Sam", language=phone_walk.language)
        case = factories.make_case(victim=victim)
        factories.make_update(case, "He was released under investigation (RUI).")
        sensitive = factories.make_update(
            case, "The CPS decided not to charge.", event_type="no_further_action", sensitive=True
        )
        factories.make_message(
            case,
            "Will I need to go to court?",
            from_victim=True,
            reply_due_at=utcnow() + timedelta(days=2),
        )
        new_officer = factories.make_staff(
            team=case.officer.team, rank="detective_constable", collar_number="4321"
        )
        change = factories.make_officer_change(case, to_officer=new_officer, reason="moved_team")
        factories.make_safety_record(case)
        access_id, update_id = victim.access_id, sensitive.id
        change_update_id = change.update_id
    sign_in_victim(phone_walk.page, phone_walk.base, access_id)
    phone_walk.check("home")
    phone_walk.visit("content note", f"/my/updates/{update_id}")
    phone_walk.visit("an update", f"/my/updates/{update_id}?note=seen")
    phone_walk.visit("a new officer", f"/my/updates/{change_update_id}")
    phone_walk.visit("rights", "/my/rights")
    phone_walk.visit("questions", "/my/questions")
    phone_walk.submit()  # an empty question: the page with its error summary
    phone_walk.check("questions with an error")
    phone_walk.visit("choices", "/my/choices")
    phone_walk.page.locator("input[name=channel][value=text]").check()
    phone_walk.submit()
    phone_walk.check("choices with an error")
    phone_walk.visit("your safety", "/my/safety")
    phone_walk.page.locator("#report-worry button").click()
    phone_walk.check("a breach or a worry reported")
    assert phone_walk.found == {}


def test_every_sharing_and_copy_page_has_no_violations(phone_walk, app):
    with app.app_context():
        victim = factories.make_victim(preferred_name="Sam", language=phone_walk.language)
        factories.make_case(victim=victim)
        factories.share_with(victim, label="Jo, my ISVA")
        access_id = victim.access_id
    page = phone_walk.page
    sign_in_victim(page, phone_walk.base, access_id)
    phone_walk.visit("invite someone", "/my/sharing/invite")
    phone_walk.submit()
    phone_walk.check("invite someone with errors")
    page.locator("#label").fill("Alex, my friend")
    page.locator("input[name=kind][value=trusted_person]").check()
    page.locator("input[name=scope][value=key_decisions]").check()
    phone_walk.submit()
    assert page.locator("#invitation-code").is_visible()
    sensitive(page.locator("#invitation-code").inner_text())
    phone_walk.check("invitation code shown once")
    phone_walk.visit("invite someone by email", "/my/sharing/invite")
    page.locator("#label").fill("Jo, my ISVA")
    page.locator("input[name=kind][value=isva]").check()
    page.locator("input[name=scope][value=everything]").check()
    page.locator("#email").fill("jo.isva@")
    phone_walk.submit()
    phone_walk.check("invite someone with a malformed email")
    sensitive("jo.isva@support.example.org")
    page.locator("#email").fill("jo.isva@support.example.org")
    phone_walk.submit()
    assert page.locator("#invitation-email").is_visible()
    sensitive(page.locator("#invitation-code").inner_text())
    phone_walk.check("invitation code shown once and to be emailed")
    phone_walk.visit("who can see my updates", "/my/sharing/")
    phone_walk.visit("code word", "/my/sharing/code-word")
    phone_walk.submit()
    phone_walk.check("code word with an error")
    page.locator("#code_word").fill("lighthouse")
    phone_walk.submit()
    phone_walk.check("code word saved")
    phone_walk.visit("download a copy", "/my/copy/")
    assert phone_walk.found == {}


def test_every_review_and_feedback_page_for_victims_has_no_violations(phone_walk, app):
    with app.app_context():
        victim = factories.make_victim(preferred_name="Sam", language=phone_walk.language)
        case = factories.make_case(victim=victim)
        routine = factories.make_update(case, "Nothing new this month.")
        # Read three days ago: a review is offered, and the monthly check is not held back.
        decision = factories.make_update(
            case,
            "The CPS decided not to charge.",
            event_type="no_further_action",
            sensitive=True,
            read_at=utcnow() - timedelta(days=3),
        )
        access_id, routine_id, decision_id = victim.access_id, routine.id, decision.id
    page = phone_walk.page
    sign_in_victim(page, phone_walk.base, access_id)
    phone_walk.visit("ask for a review", f"/my/review/{decision_id}")
    page.locator("#note").fill(TOO_LONG)
    phone_walk.submit()
    phone_walk.check("ask for a review with an error")
    page.locator("#note").fill("Please look at the messages on my phone again.")
    phone_walk.submit()
    phone_walk.check("your request for a review")
    phone_walk.visit("how to complain", "/my/review/complain")
    page.locator("#body").fill(TOO_LONG)
    phone_walk.submit()
    phone_walk.check("how to complain with an error")
    page.locator("#body").fill("Nobody called me back.")
    phone_walk.submit()
    phone_walk.check("how to complain, request sent")
    phone_walk.visit("an update with its clarity question", f"/my/updates/{routine_id}")
    phone_walk.visit("was this update clear?", f"/my/feedback/updates/{routine_id}")
    phone_walk.submit()  # "Send" with no answer
    phone_walk.check("was this update clear? with an error")
    page.locator("input[name=clarity-answer][value=partly]").check()
    phone_walk.submit()
    assert page.url.endswith(f"/my/feedback/updates/{routine_id}/check")
    phone_walk.check("monthly check")
    page.locator("input[name=check-respect][value='4']").check()
    phone_walk.submit()
    phone_walk.check("an update with its answer")
    assert phone_walk.found == {}


def test_every_supporter_page_has_no_violations(phone_walk, app):
    from portal.rules.support_grants import invite

    with app.app_context():
        victim = factories.make_victim(preferred_name="Sam", language="en")
        case = factories.make_case(victim=victim)
        update = factories.make_update(case, "He was released under investigation (RUI).")
        factories.make_update(case, "Nothing new this month.")
        grant, code = invite(victim, "Jo, my ISVA", "isva", "everything")
        sensitive(code)
        grant_id, update_id = grant.id, update.id
    page = phone_walk.page
    phone_walk.visit("supporter sign in", "/support/sign-in")
    page.locator("#access_id").fill("B-NOBODY")
    page.locator("#passphrase").fill("not the passphrase")
    phone_walk.submit()
    phone_walk.check("supporter sign in refused")
    phone_walk.visit("invitation code", "/support/accept")
    page.locator("#code").fill(CODE)
    phone_walk.submit()
    phone_walk.check("invitation code refused")
    page.locator("#code").fill(code)
    phone_walk.submit()
    phone_walk.check("supporter: choose a passphrase")
    page.locator("#passphrase").fill("password1")
    page.locator("#confirm").fill("password1")
    phone_walk.submit()
    phone_walk.check("supporter: choose a passphrase with an error")
    page.locator("#passphrase").fill(SUPPORTER_PASSPHRASE)
    page.locator("#confirm").fill(SUPPORTER_PASSPHRASE)
    phone_walk.submit()
    assert page.locator("#access-id").is_visible()
    phone_walk.check("supporter: access ID shown")
    with page.expect_navigation():
        page.locator("main a.govuk-button").click()  # "Continue", to their home page
    phone_walk.check("supporter home")
    phone_walk.visit("shared with a supporter", f"/support/shared/{grant_id}")
    phone_walk.visit("an update shared with a supporter", f"/support/updates/{update_id}")
    assert phone_walk.found == {}


def test_every_officer_page_has_no_violations(walk, app):
    with app.app_context():
        officer = factories.make_staff(StaffRole.OFFICER, display_name="DC Ada Jones")
        case = factories.make_case(officer=officer, victim=factories.make_victim(language="cy"))
        factories.make_message(case, "Will I need to go to court?", from_victim=True)
        factories.make_obligation(case, due_at=utcnow() - timedelta(hours=2))
        email, case_id = officer.email, case.id
    page = walk.page
    walk.visit("staff sign in", "/staff/sign-in")
    page.locator("#email").fill(email)
    page.locator("#password").fill("not the password")
    walk.submit()
    walk.check("staff sign in refused")
    page.locator("#email").fill(email)
    page.locator("#password").fill(factories.STAFF_PASSWORD)
    walk.submit()
    walk.check("staff code")
    page.locator("#code").fill("000000")
    walk.submit()
    walk.check("staff code refused")
    sign_in_staff(page, walk.base, email)
    walk.check("caseload")
    walk.visit("case page", f"/staff/cases/{case_id}")
    walk.visit("safety and bail form", f"/staff/cases/{case_id}/safety")
    page.locator("input[name=release][value=bail]").check()
    walk.submit()
    walk.check("safety and bail form with errors")
    walk.visit("new case", "/staff/cases/new")
    walk.submit()
    walk.check("new case with errors")
    page.locator("#crime_reference").fill("RSO/26/9001")
    page.locator("input[name=offence_category]").first.check()
    page.locator("input[name=force_country][value=wales]").check()
    page.locator("#preferred_name").fill("Alex")
    walk.submit()
    walk.check("new case: activation code")
    walk.visit("update form", f"/staff/cases/{case_id}/updates/new")
    walk.submit()
    walk.check("update form with errors")
    fill_update(page, "suspect_arrested", "A man was arrested today. The CPS will be told.")
    walk.submit()
    walk.check("publish preview")
    walk.submit()  # "Publish" comes before "Change it"
    walk.check("published")
    assert walk.found == {}


def fill_update(page, event_type: str, text: str) -> None:
    today = utcnow().date()
    page.locator("#event_type").select_option(event_type)
    page.locator("#occurred_on-day").fill(str(today.day))
    page.locator("#occurred_on-month").fill(str(today.month))
    page.locator("#occurred_on-year").fill(str(today.year))
    page.locator("#occurred_time").fill("00:01")
    page.locator("#free_text").fill(text)


def test_every_supervisor_page_has_no_violations(walk, app):
    with app.app_context():
        team = factories.make_team()
        supervisor = factories.make_staff(StaffRole.SUPERVISOR, team=team)
        officer = factories.make_staff(StaffRole.OFFICER, team=team)
        factories.make_staff(StaffRole.OFFICER, team=team)
        case = factories.make_case(officer=officer)
        factories.make_obligation(case, due_at=utcnow() - timedelta(days=2))
        # A question past its reply date: the dashboard's "waiting for a reply" table.
        factories.make_message(case, reply_due_at=utcnow() - timedelta(days=1))
        email, case_id = supervisor.email, case.id
    sign_in_staff(walk.page, walk.base, email)
    walk.visit("team dashboard", "/staff/dashboard")
    walk.visit("case audit", f"/staff/cases/{case_id}/audit")
    walk.visit("reassign", f"/staff/cases/{case_id}/reassign")
    walk.visit("PCC export", "/staff/dashboard/pcc-export")
    walk.visit("PCC export, refused period", "/staff/dashboard/pcc-export?first_day=1")
    assert walk.found == {}


def test_every_review_complaint_and_feedback_page_for_supervisors_has_no_violations(walk, app):
    with app.app_context():
        team = factories.make_team()
        supervisor = factories.make_staff(StaffRole.SUPERVISOR, team=team)
        officer = factories.make_staff(StaffRole.OFFICER, team=team, display_name="DC Ada Jones")
        case = factories.make_case(officer=officer)
        decision = factories.make_update(
            case, "We will not be charging him.", event_type="no_further_action", sensitive=True
        )
        waiting = factories.make_review_request(decision, note="Please look again.")
        older = factories.make_case(officer=officer)
        decided = factories.make_update(older, "Not charging.", event_type="no_further_action")
        long_ago = utcnow() - timedelta(days=40)
        factories.make_review_request(
            decided,
            requested_at=long_ago,
            acknowledged_on=(long_ago + timedelta(days=20)).date(),
            decided_on=(long_ago + timedelta(days=30)).date(),
            outcome=ReviewOutcome.UPHELD,
            late=True,
        )
        complaint = factories.make_complaint(case, "Nobody called me back.")
        factories.make_complaint(older, None, passed_on_at=utcnow() - timedelta(days=1))
        for answer, comment in (("yes", None), ("partly", "What is RUI?"), ("skipped", None)):
            factories.make_clarity_answer(factories.make_update(case), answer, comment)
        factories.make_experience_check(case, f"{utcnow():%Y-%m}", kept_informed=4, respect=5)
        email, request_id, complaint_id = supervisor.email, waiting.id, complaint.id
    page = walk.page
    sign_in_staff(page, walk.base, email)
    walk.visit("reviews and complaints", "/staff/reviews/")
    walk.visit("review request", f"/staff/reviews/{request_id}")
    walk.submit("main form[action$='/acknowledged'] [type=submit]")
    walk.check("review request: acknowledgement with an error")
    today = utcnow().date()
    page.locator("#acknowledged_on-day").fill(str(today.day))
    page.locator("#acknowledged_on-month").fill(str(today.month))
    page.locator("#acknowledged_on-year").fill(str(today.year))
    walk.submit("main form[action$='/acknowledged'] [type=submit]")
    walk.check("review request acknowledged")
    walk.submit("main form[action$='/decision'] [type=submit]")
    walk.check("review request: decision with errors")
    walk.visit("request to complain", f"/staff/reviews/complaints/{complaint_id}")
    walk.visit("feedback from victims", "/staff/feedback/")
    assert walk.found == {}


def test_every_admin_page_has_no_violations(walk, app):
    with app.app_context():
        admin = factories.make_staff(StaffRole.ADMIN, display_name="Jo Admin")
        colleague = factories.make_staff(StaffRole.OFFICER)
        email, colleague_id = admin.email, colleague.id
    page = walk.page
    sign_in_staff(page, walk.base, email)
    walk.check("admin: staff and teams")
    walk.visit("admin: a staff member", f"/admin/staff/{colleague_id}")
    walk.submit("main form[action$='/reset-password'] [type=submit]")
    walk.check("admin: reset link")
    walk.visit("admin: new staff member", "/admin/staff/new")
    walk.submit()
    walk.check("admin: new staff member with errors")
    assert walk.found == {}


def test_every_pause_page_has_no_violations(phone_walk, app):
    """The victim's pause page empty, refused, sent and running; with JavaScript or not,
    the form is plain HTML."""
    with app.app_context():
        case = factories.make_case(victim=factories.make_victim(language=phone_walk.language))
        access_id, case_id = case.victim.access_id, case.id
    sign_in_victim(phone_walk.page, phone_walk.base, access_id)
    phone_walk.visit("pause", f"/my/pause/{case_id}")
    phone_walk.submit()
    phone_walk.check("pause with errors")
    page = phone_walk.page
    page.locator("input[name=about][value=withdrawing]").check()
    page.locator("input[name=choice][value=isva_first]").check()
    page.locator("input[name=how_long][value=until_i_say]").check()
    phone_walk.submit()
    phone_walk.check("pause running")
    assert page.locator("#come-back").is_visible()
    assert phone_walk.found == {}


def test_the_officers_pause_request_and_the_dashboard_counts_have_no_violations(walk, app):
    """Seen by the team's supervisor, who sees the caseload and case pages of the team too."""
    with app.app_context():
        supervisor = factories.make_staff(StaffRole.SUPERVISOR)
        officer = factories.make_staff(StaffRole.OFFICER, team=supervisor.team)
        case = factories.make_case(officer=officer)
        factories.make_contact_pause(case, about="withdrawing", choice="isva_first")
        email, case_id = supervisor.email, case.id
    sign_in_staff(walk.page, walk.base, email)
    walk.check("caseload with a pause request")
    walk.visit("case page with a pause request", f"/staff/cases/{case_id}")
    assert walk.page.locator("#pause-request").is_visible()
    walk.visit("dashboard with pause counts", "/staff/dashboard")
    assert walk.page.locator("#pause-counts").is_visible()


def test_the_records_request_pages_have_no_violations(phone_walk, app):
    """The victim's notice about a request for her records: its content note, the notice,
    and the notice with an error (a question with no words)."""
    with app.app_context():
        victim = factories.make_victim(preferred_name="Sam", language=phone_walk.language)
        case = factories.make_case(victim=victim)
        found = factories.make_records_request(case)
        access_id, found_id = victim.access_id, found.id
    sign_in_victim(phone_walk.page, phone_walk.base, access_id)
    phone_walk.check("home with a records request")
    phone_walk.visit("records request: content note", f"/my/records-requests/{found_id}")
    phone_walk.visit("records request", f"/my/records-requests/{found_id}?note=seen")
    phone_walk.page.locator("input[name=answer][value=question]").check()
    phone_walk.submit()
    phone_walk.check("records request with an error")
    assert phone_walk.found == {}


def test_the_officers_records_request_pages_have_no_violations(walk, app):
    with app.app_context():
        officer = factories.make_staff(StaffRole.OFFICER, display_name="DC Ada Jones")
        case = factories.make_case(officer=officer)
        factories.make_records_request(case, answer="object")
        email, case_id = officer.email, case.id
    sign_in_staff(walk.page, walk.base, email)
    walk.check("caseload with an answer to a records request")
    walk.visit("case page with an answer to a records request", f"/staff/cases/{case_id}")
    walk.visit("record a records request", f"/staff/cases/{case_id}/records-requests/new")
    walk.submit()
    walk.check("record a records request with errors")
    assert walk.found == {}


def test_the_belongings_pages_have_no_violations(phone_walk, app):
    """The victim's "Your phone and your belongings", with its error, and the officer's page
    for recording an item, with its errors (the officer's in the same language setting)."""
    with app.app_context():
        officer = factories.make_staff(StaffRole.OFFICER, display_name="DC Ada Jones")
        victim = factories.make_victim(preferred_name="Sam", language=phone_walk.language)
        case = factories.make_case(victim=victim, officer=officer)
        factories.make_property_item(case)
        factories.make_property_item(case, description=None, kind="clothing")
        access_id, email, case_id = victim.access_id, officer.email, case.id
    sign_in_victim(phone_walk.page, phone_walk.base, access_id)
    phone_walk.visit("your belongings", "/my/belongings/")
    phone_walk.submit()  # nothing chosen: the page with its error summary
    phone_walk.check("your belongings with an error")
    sign_out_from_the_menu(phone_walk.page)
    use_language(phone_walk.page, phone_walk.base, phone_walk.language)  # signing out forgets it
    sign_in_staff(phone_walk.page, phone_walk.base, email)
    phone_walk.visit("belongings taken", f"/staff/cases/{case_id}/belongings/")
    phone_walk.submit("main form[action$='/belongings/'] [type=submit]")
    phone_walk.check("belongings taken with errors")
    assert phone_walk.found == {}
