"""Where the portal sends a victim who wants a decision not to charge reviewed: to the
review form itself (/my/review/<decision>), from the update and from the rights page.

The officer's preview, a supporter's page and the PDF show the same words without the
link: the form is the victim's own page, and a draft has no decision to link to yet.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from portal.data.models import StaffRole
from portal.victim.copy import pdf as copy_pdf
from tests import factories
from tests.pages import Page, PageClient
from tests.sign_in import sign_in, sign_in_staff, sign_in_supporter

NFA_TEXT = "We have decided not to charge him. I will call you to explain why."
OLD_WORDS = "send your officer a message or call them"
NOW = datetime(2026, 3, 10, 11, tzinfo=UTC)


def _decision(case, **fields):
    """A decision not to charge, already read (an unread one is not on the rights page)."""
    fields.setdefault("published_at", NOW - timedelta(days=2))
    fields.setdefault("read_at", fields["published_at"] + timedelta(hours=1))
    return factories.make_update(case, NFA_TEXT, event_type="no_further_action", **fields)


def _review_box(page: Page):
    box = page.select_one("#right-to-review")
    assert box is not None, "no right-to-review box on the page"
    return box


def _words(box) -> list[str]:
    return [" ".join(p.get_text(" ").split()) for p in box.select("p")]


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_update_sends_the_victim_to_the_review_form(signed_in, case):
    decision = _decision(case)
    page = signed_in.get_page(f"/my/updates/{decision.id}?note=seen")

    box = _review_box(page)
    assert "You can ask for this decision to be reviewed until 8 June 2026." in box.get_text()
    assert "To ask, fill in a short form. You do not need to give reasons." in _words(box)
    [link] = box.select("a")
    assert link["href"] == f"/my/review/{decision.id}"
    assert link.get_text(strip=True) == "Ask for a review"
    assert OLD_WORDS not in page.text()
    # The link works: it is the form, for this decision, with the same last day.
    form = signed_in.get_page(link["href"])
    assert form.h1 == "Ask for a review"
    assert "You can ask until 8 June 2026." in form.select_one("#time-left").get_text()


def test_once_a_review_is_asked_for_the_update_leads_to_where_it_stands(signed_in, case):
    decision = _decision(case)
    signed_in.post(f"/my/review/{decision.id}", {"note": ""}, from_url=f"/my/review/{decision.id}")
    page = signed_in.get_page(f"/my/updates/{decision.id}?note=seen")

    box = _review_box(page)
    assert "You sent your request on 10 March 2026." in _words(box)
    assert "To ask, fill in a short form. You do not need to give reasons." not in _words(box)
    [link] = box.select("a")
    assert link["href"] == f"/my/review/{decision.id}"
    assert link.get_text(strip=True) == "Your request for a review"
    assert signed_in.get_page(link["href"]).h1 == "Your request for a review"


def test_a_correction_leads_to_the_decision_it_corrects_with_the_same_last_day(signed_in, case):
    decision = _decision(case, published_at=NOW - timedelta(days=20))
    correction = _decision(case, corrects_id=decision.id, published_at=NOW - timedelta(days=1))
    page = signed_in.get_page(f"/my/updates/{correction.id}?note=seen")

    box = _review_box(page)
    [link] = box.select("a")
    assert link["href"] == f"/my/review/{decision.id}"
    # 3 months from when they were first told (18 February), as the form counts it.
    assert "reviewed until 18 May 2026." in box.get_text()
    form = signed_in.get_page(link["href"]).select_one("#time-left").get_text()
    assert "18 May 2026" in form


def test_no_other_update_mentions_a_review_form(signed_in, case):
    update = factories.make_update(case, "He was arrested today.", event_type="suspect_arrested")
    page = signed_in.get_page(f"/my/updates/{update.id}")
    assert page.select_one("#right-to-review") is None
    assert not page.select("a[href^='/my/review/']")


def test_the_officers_preview_shows_the_same_words_with_no_link(app, client, case):
    officer = case.officer
    sign_in_staff(client, officer)
    response = client.post(
        f"/staff/cases/{case.id}/updates/preview",
        {
            "event_type": "no_further_action",
            "decided_by": "police",
            "suspect_interviewed": "yes",
            "occurred_on": ["9", "3", "2026"],
            "occurred_time": "16:00",
            "free_text": NFA_TEXT,
            "sensitive": "default",
            "idempotency_key": "0123456789abcdef0123456789abcdef",
            "corrects_id": "",
        },
    )
    preview = Page(response)
    preview.check_well_formed()
    assert preview.status == 200
    box = preview.select_one("#victim-preview #right-to-review")
    assert box is not None
    assert not box.select("a"), "a draft has no review form to link to"
    assert not preview.select("#victim-preview a[href^='/my/']")
    assert "Ask for a review" in _words(box)
    assert OLD_WORDS not in preview.text()

    # Published, the victim reads the same words, with the words now a working link.
    client.post(
        f"/staff/cases/{case.id}/updates/publish",
        {
            "event_type": "no_further_action",
            "decided_by": "police",
            "suspect_interviewed": "yes",
            "occurred_on": ["9", "3", "2026"],
            "occurred_time": "16:00",
            "free_text": NFA_TEXT,
            "sensitive": "default",
            "idempotency_key": "0123456789abcdef0123456789abcdef",
            "corrects_id": "",
        },
    )
    victim_client = PageClient(app)
    sign_in(victim_client, case.victim)
    home = victim_client.get_page("/my/")
    link = home.select_one("main a[href^='/my/updates/']")["href"]
    victim_box = _review_box(victim_client.get_page(link + "?note=seen"))
    assert _words(victim_box) == _words(box)
    assert victim_box.select_one("a")["href"].startswith("/my/review/")


def test_the_officers_page_for_a_published_decision_has_no_victim_link(client, case):
    decision = _decision(case)
    sign_in_staff(client, case.officer)
    page = client.get_page(f"/staff/cases/{case.id}/updates/{decision.id}")
    box = page.select_one("#right-to-review")
    assert box is not None and not box.select("a")
    assert not page.select("a[href^='/my/review/']")


def test_a_supporter_sees_the_words_but_never_a_link_to_the_victims_form(app, case):
    decision = _decision(case, read_at=NOW)
    supporter = factories.make_supporter()
    factories.share_with(case.victim, supporter, scope="everything")
    client = PageClient(app)
    sign_in_supporter(client, supporter)
    page = client.get_page(f"/support/updates/{decision.id}")
    box = _review_box(page)
    assert "Ask for a review" in _words(box)
    assert not page.select("a[href^='/my/']")


def test_the_pdf_copy_has_the_words_but_no_link_into_the_portal(app, case):
    _decision(case)
    with app.test_request_context():
        html = copy_pdf.render_document(case.victim)
    # Paper says how to ask, in words that work on paper (tests/victim/copy).
    assert "To ask, sign in to the website and use the short form there" in html
    assert "/my/review/" not in html


# -- The rights page ---------------------------------------------------------------------


def _right_6(client) -> Page:
    page = client.get_page("/my/rights")
    return page.select_one("#right-6")


def test_the_rights_page_links_to_the_review_form_for_the_decision(signed_in, case):
    decision = _decision(case)
    section = _right_6(signed_in)
    [link] = section.select("a")
    assert link["href"] == f"/my/review/{decision.id}"
    assert link.get_text(strip=True) == (
        "Ask for a review of the decision you were told about on 8 March 2026"
    )
    assert "until 8 June 2026" in section.get_text()
    assert not section.select("a[href='/my/questions']")
    assert signed_in.get_page(link["href"]).h1 == "Ask for a review"


def test_with_two_decisions_the_latest_has_its_own_form(client, victim):
    first = _decision(factories.make_case(victim=victim), published_at=NOW - timedelta(days=40))
    latest = _decision(factories.make_case(victim=victim), published_at=NOW - timedelta(days=1))
    sign_in(client, victim)
    links = [a["href"] for a in _right_6(client).select("a")]
    assert links == [f"/my/review/{first.id}", f"/my/review/{latest.id}"]


def test_a_corrected_decision_is_listed_once_on_the_rights_page(signed_in, case):
    decision = _decision(case, published_at=NOW - timedelta(days=20))
    _decision(case, corrects_id=decision.id)
    section = _right_6(signed_in)
    assert [a["href"] for a in section.select("a")] == [f"/my/review/{decision.id}"]
    assert len(section.select(".govuk-inset-text")) == 1


def test_the_rights_page_shows_a_sent_request_as_sent(signed_in, case):
    decision = _decision(case)
    factories.make_review_request(decision)
    [link] = _right_6(signed_in).select("a")
    assert link.get_text(strip=True) == (
        "Your request for a review of the decision you were told about on 8 March 2026"
    )


def test_without_a_decision_not_to_charge_the_rights_page_says_nothing_of_a_form(signed_in, case):
    factories.make_update(case, "Arrested.", event_type="suspect_arrested")
    section = _right_6(signed_in)
    assert not section.select("a")
    text = section.get_text(" ", strip=True)
    for words in ("short form", "review form", "Ask for a review", "request for a review"):
        assert words not in text


def test_someone_elses_decision_never_reaches_the_rights_page(signed_in, case):
    other = factories.make_case(officer=factories.make_staff(StaffRole.OFFICER))
    theirs = _decision(other)
    section = _right_6(signed_in)
    assert not section.select("a")
    assert str(theirs.id) not in signed_in.get_page("/my/rights").html
