"""An interpreter is recorded in any language, by ISO 639 code; the officer and the victim
each read the language's name, the victim in her own language."""

from sqlalchemy import select

from portal.data.models import RightsRecord
from portal.extensions import db
from tests import factories
from tests.sign_in import sign_in, sign_in_staff

OFFER = {"offer": "interpreter", "offered_on": ["10", "3", "2026"], "response": "accepted"}


def _record(client, case, **fields):
    return client.post(
        f"/staff/cases/{case.id}/rights", {**OFFER, **fields}, from_url=f"/staff/cases/{case.id}"
    )


def test_an_interpreter_in_somali_is_recorded_and_named_for_officer_and_victim(
    app, client, officer
):
    victim = factories.make_victim(language="en")
    case = factories.make_case(victim=victim, officer=officer)
    sign_in_staff(client, officer)
    form = client.get_page(f"/staff/cases/{case.id}")
    options = {o["value"]: o.get_text(strip=True) for o in form.select("#language option")}
    assert options["so"] == "Somali"
    assert options["ti"] == "Tigrinya"
    assert options["bfi"] == "British Sign Language"
    assert len(options) > 500  # not only the six interface languages
    assert _record(client, case, language="so").status_code == 303
    assert db.session.scalar(select(RightsRecord)).language == "so"
    assert "Interpreter or translation (Somali)" in client.get_page(
        f"/staff/cases/{case.id}"
    ).select_one("#rights").get_text(" ", strip=True)

    victim_client = type(client)(app)
    sign_in(victim_client, victim)
    shown = victim_client.get_page("/my/rights").select_one(".portal-interpreter-language")
    assert shown.get_text(strip=True) == "Language: Somali"


def test_a_welsh_reader_sees_the_language_named_in_welsh(app, client, officer):
    victim = factories.make_victim(language="cy")
    case = factories.make_case(victim=victim, officer=officer)
    sign_in_staff(client, officer)
    _record(client, case, language="so")
    sign_in(client, victim)
    shown = client.get_page("/my/rights").select_one(".portal-interpreter-language")
    assert shown.get_text(strip=True) == "Iaith: Somaleg"


def test_an_interpreter_offer_needs_its_language_and_nothing_is_saved_without_it(client, officer):
    case = factories.make_case(officer=officer)
    sign_in_staff(client, officer)
    page = client.post_page(
        f"/staff/cases/{case.id}/rights", OFFER, from_url=f"/staff/cases/{case.id}"
    )
    assert page.error_summary() == ["Select the language they need an interpreter for"]
    page = client.post_page(
        f"/staff/cases/{case.id}/rights",
        {**OFFER, "language": "klingon"},
        from_url=f"/staff/cases/{case.id}",
    )
    assert page.error_summary() == ["Select a language from the list"]
    assert db.session.scalar(select(RightsRecord)) is None


def test_a_language_is_kept_only_with_an_interpreter_offer(client, officer):
    case = factories.make_case(officer=officer)
    sign_in_staff(client, officer)
    _record(client, case, offer="victim_personal_statement", language="so")
    assert db.session.scalar(select(RightsRecord)).language is None
