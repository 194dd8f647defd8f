"""The client's address comes from X-Forwarded-For only as far as our own proxies."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.data.models import AuditEvent
from portal.extensions import db
from tests.pages import PageClient


def _failed_sign_in_address(app, forwarded_for: str) -> str:
    client = PageClient(app)
    client.post(
        "/sign-in",
        {"identifier": "B-NONE-NONE", "passphrase": "not the right one at all"},
        from_url="/sign-in",
        headers={"X-Forwarded-For": forwarded_for},
    )
    with app.app_context():
        event = db.session.scalars(select(AuditEvent).order_by(AuditEvent.occurred_at)).all()[-1]
        address = event.remote_addr
    return address


@pytest.mark.parametrize(("proxies", "expected"), [(0, "127.0.0.1"), (1, "203.0.113.9")])
def test_forwarded_address_is_believed_only_behind_a_configured_proxy(
    another_app, proxies, expected
):
    behind_proxies = another_app(PORTAL_TRUSTED_PROXY_COUNT=str(proxies))
    address = _failed_sign_in_address(behind_proxies, "198.51.100.1, 203.0.113.9")
    assert address == expected
