"""The case page's reply and "Record an offer" forms: blank, they are fragments rendered
once per process and language (portal.web.fragments); sent back with errors, they are
rendered each time with what was typed."""

import re

from bs4 import BeautifulSoup
from flask_login import login_user

from portal.staff.forms import ReplyForm, RightsForm
from portal.staff.routes import render_case
from tests import factories
from tests.sign_in import sign_in_staff

REPLY = "form[action$='/reply']"
RIGHTS = "details:has(form[action$='/rights'])"


def _forms(html: str) -> tuple[str, ...]:
    """The two forms' HTML, less the CSRF token and the white space between tags."""
    soup = BeautifulSoup(html, "html5lib")
    for token in soup.select("input[name=csrf_token]"):
        token["value"] = ""
    return tuple(re.sub(r">\s+<", "><", str(soup.select_one(css))) for css in (REPLY, RIGHTS))


def _rendered_each_time(app, case, officer, **forms) -> str:
    """The case page with blank `forms` (name: class) rendered as a form sent back is,
    each time (no fragment)."""
    with app.test_request_context(f"/staff/cases/{case.id}"):
        login_user(officer)
        body, _status = render_case(
            case, **{name: kind(formdata=None) for name, kind in forms.items()}
        )
        return body


def test_the_blank_forms_are_the_same_from_the_fragment_kept_as_rendered_each_time(
    app, client, officer
):
    case = factories.make_case(officer=officer)
    app.extensions.pop("portal.fragments", None)  # rendered afresh by the first request
    sign_in_staff(client, officer)
    first = _forms(client.get_page(f"/staff/cases/{case.id}").html)
    kept = _forms(client.get_page(f"/staff/cases/{case.id}").html)
    assert any(
        name[0] == "staff/_case_blank_rights.html" for name in app.extensions["portal.fragments"]
    )
    direct_reply = _forms(_rendered_each_time(app, case, officer, reply_form=ReplyForm))
    direct_rights = _forms(_rendered_each_time(app, case, officer, rights_form=RightsForm))
    assert first == kept
    assert kept[0] == direct_reply[0]
    assert kept[1] == direct_rights[1]
    assert 'name="language"' in kept[1] and "Somali" in kept[1]


def test_each_case_page_posts_its_blank_forms_to_its_own_case_with_a_fresh_token(client, officer):
    cases = [factories.make_case(officer=officer) for _ in range(2)]
    sign_in_staff(client, officer)
    for case in cases:
        page = client.get_page(f"/staff/cases/{case.id}")
        for form in page.select("form[action$='/reply'], form[action$='/rights']"):
            assert form["action"].startswith(f"/staff/cases/{case.id}/")
            token = form.select_one("input[name=csrf_token]")["value"]
            assert token and "portalmarker" not in token


def test_a_reply_sent_back_shows_its_error_and_what_was_typed_and_the_next_page_is_blank(
    client, officer
):
    case = factories.make_case(officer=officer)
    sign_in_staff(client, officer)
    client.get_page(f"/staff/cases/{case.id}")  # the blank forms kept
    typed = "Thank you for asking. " * 250  # over the 5,000 characters a reply can hold
    page = client.post_page(
        f"/staff/cases/{case.id}/reply", {"body": typed}, from_url=f"/staff/cases/{case.id}"
    )
    assert page.error_summary() == ["Enter 5,000 characters or fewer. You entered 5,500."]
    assert page.select_one("#body").get_text() == typed
    assert page.select_one("#body-error") is not None
    assert page.select_one(f"{RIGHTS}[open]") is None  # the other form stays blank, closed
    again = client.get_page(f"/staff/cases/{case.id}")
    assert again.select_one("#body").get_text() == ""
    assert again.select_one("#body-error") is None


def test_an_offer_sent_back_shows_its_error_and_what_was_chosen_and_the_next_page_is_blank(
    client, officer
):
    case = factories.make_case(officer=officer)
    sign_in_staff(client, officer)
    client.get_page(f"/staff/cases/{case.id}")  # the blank forms kept
    page = client.post_page(
        f"/staff/cases/{case.id}/rights",
        {"offer": "interpreter", "offered_on": ["10", "3", "2026"], "response": "accepted"},
        from_url=f"/staff/cases/{case.id}",
    )
    assert page.error_summary() == ["Select the language they need an interpreter for"]
    assert page.select_one(f"{RIGHTS}[open]") is not None
    assert page.select_one("input[name=offer][value=interpreter]").has_attr("checked")
    assert page.select_one("input[name=response][value=accepted]").has_attr("checked")
    assert [i["value"] for i in page.select("input[name=offered_on]")] == ["10", "3", "2026"]
    assert page.select_one("#language-error") is not None
    again = client.get_page(f"/staff/cases/{case.id}")
    assert again.select_one(f"{RIGHTS}[open]") is None
    assert again.select("input[name=offer][checked], input[name=response][checked]") == []
    assert [i.get("value", "") for i in again.select("input[name=offered_on]")] == ["", "", ""]
    assert again.select_one("#language-error") is None


def test_the_blank_offer_form_is_kept_once_per_language(client, officer):
    case = factories.make_case(officer=officer)
    sign_in_staff(client, officer)
    english = client.get_page(f"/staff/cases/{case.id}").select_one("#language")
    client.get(f"/language/cy?next=/staff/cases/{case.id}")
    welsh = client.get_page(f"/staff/cases/{case.id}").select_one("#language")
    named = {option["value"]: option.get_text(strip=True) for option in welsh.select("option")}
    assert named["so"] == "Somaleg"
    assert english.select_one("option[value=so]").get_text(strip=True) == "Somali"
