"""Sign someone in for a test without going through a form: a real server-side session
row and a real signed session cookie, exactly what the sign-in forms produce.

For tests about access rules, where the sign-in journey itself is not what is tested.
"""

from __future__ import annotations

import hashlib
import secrets

from portal.data.models import AuthSession
from portal.extensions import db


def new_session_token(principal) -> str:
    """A live server-side session for `principal`; its token, as a cookie would carry it."""
    token = secrets.token_urlsafe(32)
    db.session.add(
        AuthSession(
            token_hash=hashlib.sha256(token.encode()).hexdigest(),
            principal_kind=principal.kind,
            principal_id=principal.id,
        )
    )
    db.session.commit()
    return token


def signed_in_cookie(app, principal) -> str:
    token = new_session_token(principal)
    serializer = app.session_interface.get_signing_serializer(app)
    return serializer.dumps({"_user_id": token, "_fresh": True})


def sign_in_directly(client, principal) -> None:
    app = client.app
    client.http.set_cookie(app.config["SESSION_COOKIE_NAME"], signed_in_cookie(app, principal))
