from datetime import UTC, datetime, timedelta

import time_machine

from portal.data.models import OfferResponse, RightsRecord, Terminology, utcnow
from portal.extensions import db
from tests import factories
from tests.sign_in import sign_in


def _home(client, victim):
    sign_in(client, victim)
    return client.get_page("/my/")


def test_home_greets_by_preferred_name_and_names_the_officer(client, app_context):
    officer = factories.make_staff(
        display_name="DC Priya Shah",
        contact_phone="0300 123 4567",
        contact_hours="Monday to Friday, 9am to 5pm",
    )
    victim = factories.make_victim(preferred_name="Sam")
    factories.make_case(victim=victim, officer=officer)
    page = _home(client, victim)
    assert page.h1 == "Hello, Sam"
    assert "DC Priya Shah" in page.text()
    assert page.select_one("a[href='tel:03001234567']").get_text() == "0300 123 4567"
    assert "Monday to Friday, 9am to 5pm" in page.text()


def test_home_says_when_the_next_routine_update_is_due(client, app_context):
    with time_machine.travel(datetime(2026, 3, 2, 10, tzinfo=UTC), tick=False):
        victim = factories.make_victim(routine_frequency="fortnightly")
        factories.make_case(victim=victim, last_contact_at=utcnow())
        page = _home(client, victim)
    assert "you will hear from your officer by 16 March 2026" in page.text()


def test_home_respects_a_choice_to_hear_only_key_decisions(client, app_context):
    victim = factories.make_victim(routine_frequency="key_decisions")
    factories.make_case(victim=victim)
    page = _home(client, victim)
    assert "only when something important happens" in page.text()


def test_home_links_to_rights_guides_choices_questions_and_help(client, case):
    page = _home(client, case.victim)
    hrefs = {a["href"] for a in page.select("main a")}
    assert {"/my/rights", "/guides/", "/my/choices", "/my/questions"} <= hrefs
    assert "Need help now?" in page.text()
    assert page.select_one("footer a[href^='tel:']") is not None


def test_rights_page_lists_all_twelve_rights_in_plain_words(client, case):
    sign_in(client, case.victim)
    page = client.get_page("/my/rights")
    assert page.h1 == "Information about your rights"
    assert len(page.select("section.portal-right")) == 12
    assert "Right 7: To make a Victim Personal Statement" in page.text()


def test_rights_page_says_enhanced_service_applies_without_calling_them_a_victim(client, case):
    sign_in(client, case.victim)
    enhanced = client.get_page("/my/rights").select_one("#enhanced-service").get_text()
    assert "enhanced service" in enhanced
    assert "victim" not in enhanced.lower()


def test_rights_page_uses_the_word_the_person_chose(client, case):
    case.victim.terminology = Terminology.SURVIVOR
    db.session.commit()
    sign_in(client, case.victim)
    enhanced = client.get_page("/my/rights").select_one("#enhanced-service").get_text()
    assert enhanced.startswith("As a survivor")


def test_rights_page_shows_what_was_offered_when_and_the_answer(client, case):
    db.session.add(
        RightsRecord(
            case=case,
            offer="support_referral",
            offered_at=datetime(2026, 2, 3, 11, tzinfo=UTC),
            response=OfferResponse.ACCEPTED,
            recorded_by_id=case.officer_id,
        )
    )
    db.session.commit()
    sign_in(client, case.victim)
    page = client.get_page("/my/rights")
    support = page.select_one("#right-4").get_text(" ", strip=True)
    assert "Your officer offered this on 3 February 2026." in support
    assert "You said yes." in support
    statement = page.select_one("#right-7").get_text(" ", strip=True)
    assert "has not recorded offering this yet" in statement


def test_rights_page_shows_the_review_deadline_after_a_decision_not_to_charge(client, case):
    factories.make_update(
        case,
        "Not charged.",
        event_type="no_further_action",
        published_at=datetime(2026, 1, 15, 12, tzinfo=UTC),
        read_at=datetime(2026, 1, 15, 18, tzinfo=UTC),
    )
    sign_in(client, case.victim)
    review = client.get_page("/my/rights").select_one("#right-6").get_text(" ", strip=True)
    assert "until 15 April 2026" in review


def test_rights_page_keeps_a_decision_the_victim_chose_to_read_later_to_itself(client, case):
    factories.make_update(
        case, "Not charged.", event_type="no_further_action", sensitive=True, read_at=None
    )
    sign_in(client, case.victim)
    review = client.get_page("/my/rights").select_one("#right-6").get_text(" ", strip=True)
    assert "decision not to charge" not in review
    assert "Right to Review" not in review


def test_rights_page_has_no_review_section_without_such_a_decision(client, case):
    factories.make_update(case, "Arrested.", event_type="suspect_arrested")
    sign_in(client, case.victim)
    review = client.get_page("/my/rights").select_one("#right-6").get_text(" ", strip=True)
    assert "reviewed until" not in review


def test_the_content_in_the_victims_own_language(client, app_context):
    victim = factories.make_victim(language="cy")
    factories.make_case(victim=victim)
    page = _home(client, victim)
    assert page.soup.html["lang"] == "cy"


def test_pages_are_not_reachable_when_signed_out(client, case):
    for url in ("/my/", "/my/rights", "/my/choices", "/my/questions"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/sign-in?next=")


def test_home_counts_replies_waiting_to_be_read(client, case):
    factories.make_message(
        case, "A reply.", from_victim=False, kind="reply", staff_author=case.officer
    )
    page = _home(client, case.victim)
    assert "Your officer has replied to you." in page.text()


def test_a_closed_case_shows_no_routine_update_due(client, app_context):
    victim = factories.make_victim()
    factories.make_case(victim=victim, status="closed", last_contact_at=utcnow() - timedelta(1))
    page = _home(client, victim)
    assert "you will hear from your officer by" not in page.text()


def test_home_counts_only_her_own_unread_replies(client, case):
    """The number counts her officer's replies she has not opened, in her own cases: not
    her own questions, not replies she has read, and never another victim's."""
    reply = {"from_victim": False, "kind": "reply", "staff_author": case.officer}
    factories.make_message(case, "First reply.", **reply)
    factories.make_message(case, "Second reply.", **reply)
    factories.make_message(case, "Read already.", read_at=utcnow(), **reply)
    factories.make_message(case, "Her own question.")
    someone_else = factories.make_case()
    for n in range(3):
        factories.make_message(someone_else, f"Not hers {n}.", **reply)
    page = _home(client, case.victim)
    assert "Your officer has replied to you 2 times." in page.text()
