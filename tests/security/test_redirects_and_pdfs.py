"""Redirect targets never leave the site; PDFs carry every security header and survive
hostile text.

Every `next` parameter (victim, supporter and staff sign-in) and the language switch go
through `safe_next`: it is tested here directly, with a property test, and through the
staff and supporter sign-ins end to end (the victim's and the language switch's are in
tests/victim/auth/test_sign_in.py and tests/foundation/test_base_template.py).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pyotp
import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.data.models import StaffRole
from portal.web.safe_redirect import safe_next
from tests import factories
from tests.easyread.test_pdf import normalised, pdf_text
from tests.security.test_headers import assert_security_headers
from tests.security.test_hostile_input import HOSTILE
from tests.sessions import sign_in_directly
from tests.sign_in import TOTP_SECRET

OFF_SITE = [
    "https://evil.example/",
    "http://evil.example",
    "//evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    " //evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "https:/evil.example",
    "evil.example",
    "",
]


@pytest.mark.parametrize("target", OFF_SITE)
def test_no_off_site_target_is_ever_followed(target):
    assert safe_next(target, default="/home") == "/home"


def test_a_path_on_this_site_is_followed():
    assert safe_next("/my/rights?tab=2", default="/home") == "/my/rights?tab=2"


@given(st.text(max_size=60))
def test_whatever_is_typed_the_target_stays_on_this_site(candidate):
    target = safe_next(candidate, default="/home")
    parts = urlsplit(target)
    assert not parts.scheme and not parts.netloc
    assert target.startswith("/") and not target.startswith("//")
    assert "\\" not in target and not any(ord(ch) < 32 for ch in target)


def test_the_staff_sign_in_never_follows_an_off_site_next(client, app_context):
    officer = factories.make_staff(StaffRole.OFFICER)
    response = client.post(
        "/staff/sign-in?next=https://evil.example/",
        {"email": officer.email, "password": factories.STAFF_PASSWORD},
        from_url="/staff/sign-in",
    )
    code_step = response.headers["Location"]
    response = client.post(code_step, {"code": pyotp.TOTP(TOTP_SECRET).now()}, from_url=code_step)
    assert response.status_code == 303
    assert response.headers["Location"] == "/staff/"


def test_the_supporter_sign_in_never_follows_an_off_site_next(client, app_context):
    supporter = factories.make_supporter()
    response = client.post(
        "/support/sign-in?next=//evil.example/",
        {"access_id": supporter.access_id, "passphrase": factories.SUPPORTER_PASSPHRASE},
        from_url="/support/sign-in",
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/support/"


def test_a_guide_pdf_carries_every_security_header(client):
    response = client.get("/guides/en/after-you-report.pdf")
    assert response.mimetype == "application/pdf"
    # A guide holds nothing personal, so it may be cached; every other header is the same.
    assert_security_headers(response, cache_control="public, max-age=3600")


def test_the_victims_copy_pdf_carries_every_security_header_and_is_never_cached(
    client, app_context
):
    case = factories.make_case()
    factories.make_update(case, "We spoke to the witness.")
    sign_in_directly(client, case.victim)
    response = client.post("/my/copy/pdf", from_url="/my/copy/")
    assert response.mimetype == "application/pdf"
    assert_security_headers(response)


def test_hostile_update_text_prints_as_plain_text_in_the_copy(client, app_context):
    case = factories.make_case()
    for text in HOSTILE:
        factories.make_update(case, text)
    sign_in_directly(client, case.victim)
    response = client.post("/my/copy/pdf", from_url="/my/copy/")
    assert response.status_code == 200
    printed = pdf_text(response.data)
    assert normalised("<script>alert('x')</script>") in printed
    assert normalised("{{ config.SECRET_KEY }} {% raw %}") in printed
