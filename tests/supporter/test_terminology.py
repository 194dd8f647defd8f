"""The portal speaks of the person the way they chose: "victim", "survivor" or neither.

Proper names keep their words (the Victims' Code, a Victim Personal Statement, the
Victims' Right to Review); everywhere the portal itself refers to the person, only the
chosen word appears, and with "neither" no such word at all.
"""

from __future__ import annotations

import re

import pytest

from portal.data.models import MessageKind, Terminology
from tests import factories
from tests.sign_in import sign_in

PROPER_NAMES = re.compile(
    r"Code of Practice for Victims of Crime|Victims'? Code|Victim Personal Statement"
    r"|Victims' Right to Review",
    re.IGNORECASE,
)
WORDS = {
    Terminology.VICTIM: re.compile(r"\bvictims?\b", re.IGNORECASE),
    Terminology.SURVIVOR: re.compile(r"\bsurvivors?\b", re.IGNORECASE),
}


def _victim_pages(client, case) -> dict[str, str]:
    update = factories.make_update(case, "A routine note.")
    factories.make_message(
        case, "A reply.", kind=MessageKind.REPLY, from_victim=False, staff_author=case.officer
    )
    urls = [
        "/my/",
        "/my/rights",
        "/my/questions",
        f"/my/updates/{update.id}",
        "/my/sharing/",
        "/my/sharing/invite",
        "/my/sharing/code-word",
        "/my/copy/",
    ]
    return {url: PROPER_NAMES.sub("", client.get_page(url).text()) for url in urls}


@pytest.mark.parametrize("chosen", [Terminology.VICTIM, Terminology.SURVIVOR])
def test_the_chosen_word_is_used_and_the_other_never(client, app_context, chosen):
    victim = factories.make_victim(terminology=chosen)
    case = factories.make_case(victim=victim)
    sign_in(client, victim)
    enhanced = client.get_page("/my/rights").select_one("#enhanced-service").get_text()
    assert enhanced.startswith(f"As a {chosen}")
    pages = _victim_pages(client, case)
    (other,) = set(WORDS) - {chosen}
    for url, text in pages.items():
        assert not WORDS[other].search(text), url
    assert WORDS[chosen].search(pages["/my/rights"])


def test_with_neither_no_page_calls_the_person_a_victim_or_a_survivor(client, app_context):
    victim = factories.make_victim(terminology=Terminology.NEITHER)
    case = factories.make_case(victim=victim)
    sign_in(client, victim)
    for url, text in _victim_pages(client, case).items():
        for word in WORDS.values():
            assert not word.search(text), (url, word.search(text).group())


def test_a_change_on_the_choices_page_changes_the_words_at_once(client, app_context):
    from tests.victim.test_choices_and_questions import PLAN

    victim = factories.make_victim(terminology=Terminology.VICTIM)
    factories.make_case(victim=victim)
    sign_in(client, victim)
    response = client.post("/my/choices", {**PLAN, "terminology": "survivor"})
    assert response.status_code == 303
    enhanced = client.get_page("/my/rights").select_one("#enhanced-service").get_text()
    assert enhanced.startswith("As a survivor")


@pytest.mark.parametrize("chosen", list(Terminology))
def test_no_notification_calls_the_person_a_victim_or_a_survivor(app, app_context, chosen):
    from portal.notifications import texts

    victim = factories.make_victim(
        terminology=chosen, specific_notifications=True, contact_via_isva=True
    )
    with app.test_request_context():
        sent = [
            texts.for_victim(victim, reason, kind)
            for reason in ("update", "correction", "reply")
            for kind in ("email", "text")
        ] + [texts.for_isva(victim)]
    for text in sent:
        for word in WORDS.values():
            assert not word.search(text.subject + text.body)
