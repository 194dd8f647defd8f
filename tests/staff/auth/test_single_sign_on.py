"""Staff sign-in through a real OpenID provider (tests/oidc/provider.mjs, the npm package
oidc-provider), each case driven by a test user's claims there. Nothing is mocked: the
portal fetches the provider's discovery document and keys, sends the browser there, and
exchanges the code over HTTP; the tests play the browser (tests/oidc/provider.py)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import func, select

from portal.data.models import AuditEvent, StaffRole, StaffUser
from portal.extensions import db
from tests import factories
from tests.oidc.provider import sign_in_at_provider
from tests.pages import Page, PageClient

ADA = "ada.jones@force.example"
LEE = "lee.brown@force.example"
SAM = "sam.admin@force.example"


@pytest.fixture
def sso_app(another_app, oidc_provider):
    return another_app(**oidc_provider.portal_env())


@pytest.fixture
def browser(sso_app) -> PageClient:
    return PageClient(sso_app)


@pytest.fixture
def ada(team):
    return factories.make_staff(
        StaffRole.OFFICER, team=team, email=ADA, display_name="DC Ada Jones"
    )


def start(browser) -> str:
    """Press "Sign in with your force account": the provider's authorization address."""
    response = browser.get("/staff/sign-in/force")
    assert response.status_code == 302
    return response.headers["Location"]


def sign_in_as(browser, user: str):
    """Sign `user` in at the provider and return the portal's answer to the browser."""
    return browser.get(sign_in_at_provider(start(browser), user))


def refusals() -> list[str]:
    details = db.session.scalars(
        select(AuditEvent.detail)
        .where(AuditEvent.action == "staff.sign_in_failed")
        .order_by(AuditEvent.occurred_at)
    ).all()
    return [detail["reason"] for detail in details]


def actions() -> list[str]:
    db.session.expire_all()
    return db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.occurred_at)).all()


def assert_refused(browser, response, words: str) -> None:
    assert response.status_code == 403
    page = Page(response)
    assert (
        page.select_one(".govuk-error-summary h2").get_text(strip=True) == "You are not signed in"
    )
    assert words in page.select_one("#sso-problem").get_text(" ", strip=True)
    # Nobody is signed in: the caseload sends the browser to the sign-in page.
    assert browser.get("/staff/").headers["Location"].startswith("/staff/sign-in")
    assert actions()[-1] == "staff.sign_in_failed"


GENERIC = "We could not sign you in with your force account"
NOT_LINKED = "Your force account is not linked to a Beacon staff account"
MISMATCH = "Your role or team in your force account does not match"


def test_the_authorization_request_carries_state_nonce_and_a_pkce_challenge(browser, ada):
    query = parse_qs(urlsplit(start(browser)).query)
    assert query["response_type"] == ["code"]
    assert query["client_id"] == ["beacon-portal"]
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) >= 43
    assert len(query["state"][0]) >= 20 and len(query["nonce"][0]) >= 20
    assert query["redirect_uri"] == ["http://127.0.0.1:5000/staff/sign-in/force/return"]


def test_an_officer_signs_in_through_the_provider_and_is_linked_by_verified_email(browser, ada):
    response = sign_in_as(browser, "ada")
    assert refusals() == []
    assert response.status_code == 303
    assert response.headers["Location"] == "/staff/"
    assert browser.get_page("/staff/").h1 == "Caseload"
    db.session.refresh(ada)
    assert (ada.oidc_subject, ada.oidc_issuer.startswith("http://127.0.0.1:")) == ("ada", True)
    assert actions()[-2:] == ["staff.sso_linked", "staff.signed_in"]
    signed_in = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "staff.signed_in")
    ).one()
    assert signed_in.detail == {"method": "single_sign_on"}
    assert signed_in.subject_id == ada.id


def test_once_linked_the_subject_finds_the_account_whatever_the_email_says(browser, ada):
    assert sign_in_as(browser, "ada").status_code == 303
    browser.post("/staff/sign-out", {}, from_url="/staff/")
    ada.email = "a.jones@force.example"  # the portal's copy changed; the provider's did not
    db.session.commit()
    assert sign_in_as(browser, "ada").headers["Location"] == "/staff/"


def test_a_token_for_another_audience_is_refused(browser, ada):
    assert_refused(browser, sign_in_as(browser, "wrong-audience"), GENERIC)
    assert refusals() == ["claim_aud"]
    db.session.refresh(ada)
    assert ada.oidc_subject is None


def test_an_expired_token_is_refused(browser, ada):
    assert_refused(browser, sign_in_as(browser, "expired"), GENERIC)
    assert refusals() == ["claim_exp"]


def test_a_replayed_token_with_an_earlier_sign_ins_nonce_is_refused(browser, ada):
    # The provider hands back the first sign-in's ID token every time after: signed by it,
    # for this portal, not expired, but carrying the nonce of a sign-in that is over.
    assert sign_in_as(browser, "replay").status_code == 303
    browser.post("/staff/sign-out", {}, from_url="/staff/")
    assert_refused(browser, sign_in_as(browser, "replay"), GENERIC)
    assert refusals() == ["claim_nonce"]


def test_the_return_address_works_once_and_only_in_the_browser_that_started(browser, sso_app, ada):
    back = sign_in_at_provider(start(browser), "ada")
    # Another browser (login CSRF: an attacker's code pushed into a victim's browser).
    stranger = PageClient(sso_app)
    assert_refused(stranger, stranger.get(back), GENERIC)
    # The same return a second time, after it has been used.
    assert browser.get(back).status_code == 303
    browser.post("/staff/sign-out", {}, from_url="/staff/")
    assert_refused(browser, browser.get(back), GENERIC)
    assert refusals() == ["state", "state"]


def test_a_sign_in_without_a_second_factor_is_refused(browser, ada):
    response = sign_in_as(browser, "no-mfa")
    assert_refused(browser, response, "must confirm a second step")
    assert refusals() == ["no_mfa"]


def test_a_configured_acr_value_proves_the_second_factor(another_app, oidc_provider, ada):
    without = PageClient(another_app(**oidc_provider.portal_env()))
    assert sign_in_as(without, "acr-only").status_code == 403
    with_acr = PageClient(
        another_app(**oidc_provider.portal_env(PORTAL_OIDC_MFA_ACR="urn:force:mfa"))
    )
    query = parse_qs(urlsplit(start(with_acr)).query)
    assert query["acr_values"] == ["urn:force:mfa"]
    assert sign_in_as(with_acr, "acr-only").headers["Location"] == "/staff/"


def test_an_unknown_person_is_refused_and_no_account_is_made(browser, ada):
    before = db.session.scalar(select(func.count()).select_from(StaffUser))
    assert_refused(browser, sign_in_as(browser, "stranger"), NOT_LINKED)
    assert refusals() == ["unknown_person"]
    assert db.session.scalar(select(func.count()).select_from(StaffUser)) == before


def test_an_unverified_email_links_nobody(browser, ada):
    assert_refused(browser, sign_in_as(browser, "unverified"), NOT_LINKED)
    assert refusals() == ["no_verified_email"]
    db.session.refresh(ada)
    assert ada.oidc_subject is None


def test_a_disabled_account_is_refused(browser, ada):
    ada.is_disabled = True
    db.session.commit()
    assert_refused(browser, sign_in_as(browser, "ada"), GENERIC)
    assert refusals() == ["inactive"]


def test_the_role_comes_from_the_portal_and_the_claim_must_agree(browser, team):
    admin = factories.make_staff(StaffRole.ADMIN, email=SAM, display_name="Sam Admin")
    response = sign_in_as(browser, "sam")
    assert response.headers["Location"] == "/admin/"
    assert admin.id is not None


def test_a_claim_that_would_raise_the_role_is_refused_and_changes_nothing(browser, ada):
    # The provider says supervisor; the portal says officer. A role is raised only with a
    # second admin's approval (portal/staff/approvals.py), never by a token.
    assert_refused(browser, sign_in_as(browser, "claims-supervisor"), MISMATCH)
    assert refusals() == ["role_raised"]
    db.session.refresh(ada)
    assert ada.staff_role == StaffRole.OFFICER


def test_a_claim_that_names_a_lower_role_is_refused_until_an_admin_makes_them_agree(browser, team):
    factories.make_staff(StaffRole.SUPERVISOR, team=team, email=LEE)
    assert_refused(browser, sign_in_as(browser, "claims-officer"), MISMATCH)
    assert refusals() == ["role_narrowed"]


def test_a_team_claim_that_differs_from_the_portals_team_is_refused(browser, ada):
    assert_refused(browser, sign_in_as(browser, "other-team"), MISMATCH)
    assert refusals() == ["team_differs"]


def test_signing_out_ends_the_portal_session_then_the_providers(browser, oidc_provider, ada):
    sign_in_as(browser, "ada")
    response = browser.post("/staff/sign-out", {}, from_url="/staff/")
    assert response.status_code == 303
    target = urlsplit(response.headers["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == (
        f"{oidc_provider.issuer}/session/end"
    )
    query = parse_qs(target.query)
    assert query["client_id"] == ["beacon-portal"]
    assert query["post_logout_redirect_uri"] == ["http://127.0.0.1:5000/staff/sign-in?signed_out=1"]
    assert browser.get("/staff/").headers["Location"].startswith("/staff/sign-in")
    assert actions()[-1] == "staff.signed_out"


def test_a_password_sign_in_signs_out_without_visiting_the_provider(browser, ada):
    from tests.sign_in import sign_in_staff

    sign_in_staff(browser, ada)
    response = browser.post("/staff/sign-out", {}, from_url="/staff/")
    assert response.headers["Location"] == "/staff/sign-in?signed_out=1"


def test_a_force_can_switch_password_sign_in_off(another_app, oidc_provider, ada):
    browser = PageClient(another_app(**oidc_provider.portal_env(PORTAL_STAFF_LOCAL_SIGN_IN="0")))
    page = browser.get_page("/staff/sign-in")
    assert page.select_one("#force-sign-in").get_text(strip=True) == (
        "Sign in with your force account"
    )
    assert page.select_one("input[name=password]") is None
    assert browser.get("/staff/sign-in/code").status_code == 404
    assert browser.get("/staff/password").status_code == 404
    # A password posted anyway (with a CSRF token from another form) is not even read.
    answer = browser.post(
        "/staff/sign-in",
        {"email": ADA, "password": factories.STAFF_PASSWORD},
        from_url="/sign-in",
    )
    assert answer.status_code == 404
    assert sign_in_as(browser, "ada").headers["Location"] == "/staff/"


def test_without_an_issuer_the_page_has_no_force_button(client):
    page = client.get_page("/staff/sign-in")
    assert page.select_one("#force-sign-in") is None
    assert page.select_one("input[name=password]") is not None
    assert client.get("/staff/sign-in/force").status_code == 404


def test_a_provider_that_does_not_answer_gives_a_clear_page_not_an_error(
    another_app, oidc_provider, ada
):
    from tests.local_services import free_port

    closed = f"http://127.0.0.1:{free_port()}"
    browser = PageClient(another_app(**oidc_provider.portal_env(PORTAL_OIDC_ISSUER=closed)))
    response = browser.get("/staff/sign-in/force")
    assert_refused(browser, response, GENERIC)
    assert refusals() == ["provider_unreachable"]


def test_the_discovery_document_and_keys_are_fetched_once_and_kept(browser, sso_app, ada):
    sign_in_as(browser, "ada")
    client = sso_app.extensions["authlib.integrations.flask_client"].create_client("force")
    loaded_at, keys = client.server_metadata["_loaded_at"], client.server_metadata["jwks"]
    assert [key["kid"] for key in keys["keys"]] == ["test-key-1"]
    browser.post("/staff/sign-out", {}, from_url="/staff/")
    assert sign_in_as(browser, "ada").status_code == 303
    assert client.server_metadata["_loaded_at"] == loaded_at
    assert client.server_metadata["jwks"] is keys


def test_a_force_names_the_claim_that_says_the_email_is_verified(app, ada):
    from dataclasses import replace

    from portal.staff.auth.single_sign_on import Refusal, find_staff

    entra = replace(
        app.config["SETTINGS"],
        oidc_issuer="https://login.force.example/v2.0",
        oidc_email_verified_claim="xms_edov",
    )
    claims = {"sub": "abc", "email": ADA, "email_verified": True}
    assert find_staff(claims, entra) == (None, Refusal.NO_VERIFIED_EMAIL)
    assert find_staff({**claims, "xms_edov": True}, entra) == (ada, None)


def test_the_sign_on_pages_share_the_password_forms_limit_per_address(client):
    # The suite's own app (single sign-on off: each answer is 404) carries the limiter.
    answers = [client.get("/staff/sign-in/force/return").status_code for _ in range(21)]
    assert answers == [404] * 20 + [429]
