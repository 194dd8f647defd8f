"""The PDF copy reads as paper: a content note before each sensitive update, no
instruction that only works on the web, glossary terms set as terms, and the officer's
words marked with their own language. The PDF's text is read back to check."""

from __future__ import annotations

from bs4 import BeautifulSoup

from portal.victim.copy.pdf import render_document
from tests import factories
from tests.easyread.test_pdf import pdf_text

DECISION = "I am sorry to tell you that the CPS has decided not to charge."


def _download(client) -> str:
    response = client.post("/my/copy/pdf", from_url="/my/copy/")
    assert response.status_code == 200
    return pdf_text(response.data)


def test_a_sensitive_update_is_preceded_by_its_content_note(signed_in, case):
    factories.make_update(case, "We arrested a man.", event_type="suspect_arrested")
    factories.make_update(case, DECISION, event_type="no_further_action", sensitive=True)
    text = _download(signed_in)
    note = "Content note This message is about something that may be upsetting to read."
    assert text.count(note) == 1, "only the sensitive update has one"
    assert text.index(note) < text.index("A decision about the investigation")
    assert text.index("Someone has been arrested") < text.index(note)


def test_the_copy_has_no_instruction_that_only_works_on_the_web(signed_in, case):
    factories.make_update(case, DECISION, event_type="no_further_action", sensitive=True)
    text = _download(signed_in)
    assert "on this page" not in text
    assert "fill in a short form" not in text
    assert "sign in to the website and use the short form there" in text


def test_glossary_terms_are_set_as_terms_and_officer_words_keep_their_language(app_context, case):
    case.victim.language = "ar"
    factories.make_update(case, DECISION, event_type="no_further_action")
    document = BeautifulSoup(render_document(case.victim), "html.parser")
    terms = [dt.get_text(strip=True) for dt in document.select(".portal-glossary dt")]
    assert "CPS" in terms
    assert ".portal-glossary dt { font-weight: bold;" in document.style.get_text()
    words = document.select_one(".portal-officer-text")
    assert (words["lang"], words["dir"]) == ("en", "ltr")


def test_the_copy_promises_no_police_review_the_scheme_does_not_give(signed_in, case):
    """A police decision about someone never interviewed under caution: no review on paper
    either (the printed wording of the review must not come back through the PDF)."""
    factories.make_update(
        case,
        "We will not charge him: there is not enough evidence.",
        event_type="no_further_action",
        decided_by="police",
        suspect_interviewed=False,
    )
    text = _download(signed_in)
    assert "was not, so it does not apply here" in text
    assert "Victims' Right to Review. You need to ask within 3 months" not in text
    assert "sign in to the website and use the short form there" not in text


def test_the_copy_gives_the_conditions_that_protect_her_and_when_they_end(signed_in, case):
    factories.make_safety_record(case)
    text = _download(signed_in)
    assert "The suspect is on bail until 1 April 2026" in text
    assert "keep away from: 12 Elm Road, Leeds" in text
    assert "These conditions end on 1 April 2026" in text


def test_released_under_investigation_reads_as_paper(signed_in, case):
    factories.make_safety_record(case, release="rui", bail_date=None, no_contact=False)
    text = _download(signed_in)
    assert "The suspect was released under investigation." in text
    assert "tell us below" not in text


def test_a_request_for_her_records_is_in_the_copy_behind_its_content_note(signed_in, case):
    factories.make_records_request(case, answer="object", answer_text="They are private.")
    text = _download(signed_in)
    note = "Content note This message is about something that may be upsetting to read."
    assert text.index(note) < text.index("Counselling notes from 2026.")
    assert "To check what was said about the first meeting." in text
    assert "you said: I do not want these records shared." in text
    assert "They are private." in text
