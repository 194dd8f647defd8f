"""A victim's pages name her officer, and read nothing else of the officer's account: no
statement run for her home page or an update page selects a password hash, a TOTP
secret or a reset token from the staff table (portal.auth.sessions, PRINCIPAL_LOADS)."""

from __future__ import annotations

import re

from sqlalchemy import event

from portal.extensions import db
from tests import factories
from tests.sign_in import sign_in

# The staff table under its own name or an alias SQLAlchemy gives it (staff_user_1).
SECRETS = re.compile(r"\bstaff_user(_\d+)?\.(password_hash|totp_secret|reset_token_hash)\b")


def _statements_for(client, url: str) -> list[str]:
    seen: list[str] = []

    def keep(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        page = client.get_page(url)
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    assert page.text  # the page was shown
    return seen


def test_a_victims_pages_never_select_staff_secrets(client, app_context):
    case = factories.make_case()
    update = factories.make_update(case, text="We have spoken to the suspect.")
    sign_in(client, case.victim)
    for url in ("/my/", f"/my/updates/{update.id}"):
        statements = _statements_for(client, url)
        assert any("staff_user" in s for s in statements), "the officer was not read at all"
        for statement in statements:
            assert not SECRETS.search(statement), statement[:300]
