import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from portal.data.models import Message, MessageKind, Update, utcnow
from portal.extensions import db
from portal.rules.dates import day
from portal.rules.victims_code import vrr_request_deadline
from tests import factories
from tests.sign_in import sign_in, victim_client

NFA_TEXT = "I am sorry to tell you that the CPS has decided not to charge."


def _fresh(update):
    db.session.expire_all()
    return db.session.get(Update, update.id)


def test_home_lists_updates_newest_first_with_unread_marked(signed_in, case):
    older = factories.make_update(case, "Older.", published_at=utcnow() - timedelta(days=3))
    newer = factories.make_update(
        case, "Newer.", event_type="suspect_arrested", published_at=utcnow() - timedelta(days=1)
    )
    older.read_at = utcnow()
    db.session.commit()
    page = signed_in.get_page("/my/")
    links = [a["href"] for a in page.select(".portal-updates a")]
    assert links == [f"/my/updates/{newer.id}", f"/my/updates/{older.id}"]
    cards = page.select(".portal-updates li")
    assert "New" in cards[0].get_text()
    assert "New" not in cards[1].get_text()
    assert "You have 1 new message." in page.text()


def test_each_card_gives_its_day_and_tags_in_her_language(client, app_context):
    victim = factories.make_victim(language="cy")
    case = factories.make_case(victim=victim)
    first = datetime(2026, 3, 16, 9, 30, tzinfo=UTC)
    plain = factories.make_update(case, "Read.", published_at=first, read_at=first)
    # 23:30 UTC on 30 March is 00:30 on 31 March in London (summer time): her day is the 31st.
    sensitive = factories.make_update(
        case,
        "Not yet read.",
        sensitive=True,
        published_at=datetime(2026, 3, 30, 23, 30, tzinfo=UTC),
    )
    correction = factories.make_update(
        case, "Corrected.", corrects_id=plain.id, published_at=datetime(2026, 4, 2, tzinfo=UTC)
    )
    sign_in(client, victim)
    cards = client.get_page("/my/").soup.select(".portal-updates li")
    texts = [" ".join(card.get_text().split()) for card in cards]
    assert [card.a["href"] for card in cards] == [
        f"/my/updates/{correction.id}",
        f"/my/updates/{sensitive.id}",
        f"/my/updates/{plain.id}",
    ]
    assert texts[0].endswith("2 Ebrill 2026 Newydd Cywiriad")
    # A sensitive update is named gently in the list, never by its own title.
    assert cards[1].a.get_text() == "Diweddariad pwysig"
    assert cards[0].a.get_text() == cards[2].a.get_text() != "Diweddariad pwysig"
    assert texts[1].endswith("31 Mawrth 2026 Newydd Nodyn cynnwys")
    assert texts[2].endswith("16 Mawrth 2026")
    assert [("portal-card--unread" in card["class"]) for card in cards] == [True, True, False]
    for card in cards:
        assert [tag.get_text() for tag in card.select(".govuk-tag")] == [
            tag for tag in ("Newydd", "Cywiriad", "Nodyn cynnwys") if tag in card.get_text()
        ]


def test_an_update_explains_what_happened_what_it_means_and_what_to_do(signed_in, case):
    update = factories.make_update(
        case,
        "He was released under investigation (RUI).\n\nCall me if you are worried.",
        event_type="released_under_investigation",
    )
    page = signed_in.get_page(f"/my/updates/{update.id}")
    headings = [h.get_text(strip=True) for h in page.select("main h2")]
    assert headings[0] == "What happened"
    assert "What this means" in headings
    assert "What you can do" in headings
    paragraphs = [p.get_text() for p in page.select(".portal-officer-words p")]
    assert paragraphs == [
        "He was released under investigation (RUI).",
        "Call me if you are worried.",
    ]
    words = page.select_one("main details")
    assert words.select_one("summary").get_text(strip=True) == "Words used in this message"
    assert "RUI" in [dt.get_text(strip=True) for dt in words.select("dt")]


def test_the_officers_words_are_escaped_never_run(signed_in, case):
    update = factories.make_update(case, "<script>alert(1)</script><b>bold</b>")
    page = signed_in.get_page(f"/my/updates/{update.id}")
    assert "<script>alert(1)</script>" in page.select_one(".portal-officer-words").get_text()
    assert page.select_one(".portal-officer-words b") is None


def test_opening_an_update_records_when_it_was_first_read(signed_in, case):
    update = factories.make_update(case)
    assert update.read_at is None
    signed_in.get_page(f"/my/updates/{update.id}")
    first = _fresh(update).read_at
    assert first is not None
    signed_in.get_page(f"/my/updates/{update.id}")
    assert _fresh(update).read_at == first


def test_a_sensitive_update_shows_a_content_note_first_without_its_text(signed_in, case):
    update = factories.make_update(case, NFA_TEXT, event_type="no_further_action", sensitive=True)
    note = signed_in.get_page(f"/my/updates/{update.id}")
    assert note.h1 == "Before you read this message"
    assert "CPS has decided" not in note.html
    assert "will not be charged" not in note.html
    assert _fresh(update).read_at is None
    home = signed_in.get_page("/my/")
    assert "A decision about the investigation" not in home.html
    assert "Content note" in home.text()
    read_now = note.select_one(f"main a[href='/my/updates/{update.id}?note=seen']")
    assert read_now.get_text(strip=True) == "Read it now"
    # Three choices of equal weight: no single primary button nudges her to read now.
    choices = note.select("main .portal-equal-choices .govuk-button")
    assert len(choices) == 3
    assert all("govuk-button--secondary" in choice["class"] for choice in choices)
    full = signed_in.get_page(read_now["href"])
    assert NFA_TEXT in full.text()
    assert _fresh(update).read_at is not None


def test_read_later_returns_home_and_leaves_the_update_unread(signed_in, case):
    update = factories.make_update(case, NFA_TEXT, event_type="no_further_action", sensitive=True)
    response = signed_in.post(
        f"/my/updates/{update.id}/choice", {"choice": "later"}, from_url="/my/"
    )
    assert response.headers["Location"] == "/my/"
    home = signed_in.get_page("/my/")
    assert "That update will be here when you are ready." in home.soup.get_text()
    fresh = _fresh(update)
    assert fresh.read_later_at is not None
    assert fresh.read_at is None


def test_asking_to_be_called_tells_the_officer(signed_in, case):
    update = factories.make_update(case, NFA_TEXT, event_type="no_further_action", sensitive=True)
    signed_in.post(f"/my/updates/{update.id}/choice", {"choice": "call"}, from_url="/my/")
    assert _fresh(update).call_requested_at is not None
    request = db.session.scalar(select(Message))
    assert request.kind == MessageKind.CALL_REQUEST
    assert request.update_id == update.id
    assert request.from_victim is True
    assert _fresh(update).read_at is None
    assert "asked your officer to call you" in signed_in.get_page("/my/").soup.get_text()


def test_a_decision_not_to_charge_shows_the_right_to_review_and_its_deadline(signed_in, case):
    update = factories.make_update(
        case, NFA_TEXT, event_type="no_further_action", published_at=utcnow()
    )
    page = signed_in.get_page(f"/my/updates/{update.id}")
    review = page.select_one("#right-to-review").get_text(" ", strip=True)
    assert "3 months" in review
    with signed_in.app.test_request_context():
        assert day(vrr_request_deadline(update.published_at)) in review


def test_a_correction_stands_beside_the_original_clearly_labelled(signed_in, case):
    original = factories.make_update(case, "The hearing is on Monday.")
    correction = factories.make_update(
        case, "Sorry: the hearing is on Tuesday.", corrects_id=original.id
    )
    page = signed_in.get_page(f"/my/updates/{original.id}")
    section = page.select_one(".portal-correction")
    assert "Correction" in section.select_one("h2").get_text()
    assert "the hearing is on Tuesday" in section.get_text()
    assert "The hearing is on Monday." in page.select_one(".portal-officer-words").get_text()
    assert "The original message" in page.text()
    own = signed_in.get_page(f"/my/updates/{correction.id}")
    assert own.select_one(f"a[href='/my/updates/{original.id}']") is not None


def test_corrections_show_oldest_first_and_only_those_of_this_update(signed_in, case):
    """The update page finds its corrections with the update itself: both of this update's,
    in the order they were published, and never another update's or another victim's."""
    now = utcnow()
    original = factories.make_update(case, "The hearing is on Monday.")
    factories.make_update(
        case, "First: it is on Tuesday.", corrects_id=original.id, published_at=now
    )
    factories.make_update(
        case,
        "Second: Tuesday at 10am.",
        corrects_id=original.id,
        published_at=now + timedelta(minutes=5),
    )
    other = factories.make_update(case, "Your officer changed.")
    factories.make_update(case, "About the officer only.", corrects_id=other.id)
    factories.make_update(factories.make_case(), "Someone else's words.", corrects_id=original.id)
    page = signed_in.get_page(f"/my/updates/{original.id}")
    shown = [c.get_text(" ", strip=True) for c in page.select(".portal-correction")]
    assert len(shown) == 2
    assert "First: it is on Tuesday." in shown[0]
    assert "Second: Tuesday at 10am." in shown[1]
    assert "About the officer only." not in page.html
    assert "Someone else's words." not in page.html


def test_a_victim_cannot_open_another_victims_update_by_editing_the_url(signed_in, case):
    someone_else = factories.make_case()
    theirs = factories.make_update(someone_else, "Private to someone else.")
    forbidden = signed_in.get_page(f"/my/updates/{theirs.id}", status=404)
    missing = signed_in.get_page(f"/my/updates/{uuid.uuid4()}", status=404)
    assert forbidden.text() == missing.text()
    assert forbidden.title == missing.title
    assert "Private to someone else." not in forbidden.html
    assert _fresh(theirs).read_at is None


def test_a_victim_cannot_act_on_another_victims_update(signed_in, case):
    theirs = factories.make_update(factories.make_case(), "Not yours.", sensitive=True)
    response = signed_in.post(
        f"/my/updates/{theirs.id}/choice", {"choice": "call"}, from_url="/my/"
    )
    assert response.status_code == 404
    assert db.session.scalar(select(Message)) is None
    assert _fresh(theirs).call_requested_at is None


def test_a_victim_with_two_reports_sees_both_on_home(client, app_context):
    victim = factories.make_victim()
    first = factories.make_case(victim=victim)
    second = factories.make_case(victim=victim)
    factories.make_update(first, "From the first.", event_type="suspect_arrested")
    factories.make_update(second, "From the second.", event_type="charged")
    sign_in(client, victim)
    page = client.get_page("/my/")
    assert len(page.select(".portal-updates li")) == 2
    assert first.officer.display_name in page.text()
    assert second.officer.display_name in page.text()


def test_every_language_gets_the_same_words_used_explanations(app, app_context):
    """Welsh readers once got fewer: the police words were searched in the translation."""
    counts = {}
    for code in ("en", "cy", "pl", "ar"):
        victim = factories.make_victim(language=code)
        case = factories.make_case(victim=victim)
        update = factories.make_update(case, NFA_TEXT, event_type="no_further_action")
        page = victim_client(app, victim).get_page(f"/my/updates/{update.id}?note=seen")
        counts[code] = len(page.select(".portal-glossary dt"))
    assert counts["en"] > 0
    assert set(counts.values()) == {counts["en"]}, counts
