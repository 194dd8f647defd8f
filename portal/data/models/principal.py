"""What every signed-in person has in common, for Flask-Login and the access rules."""

from __future__ import annotations

from flask_login import UserMixin


class PrincipalMixin(UserMixin):
    """Flask-Login identifies a principal by its server-side session token, not its id.

    That is what lets the server end a session (sign-out, a disabled account, a changed
    passphrase): the token stops resolving, whatever the cookie says.
    """

    kind = "anonymous"
    session_token = None  # set by portal.auth.sessions when the session is loaded

    def get_id(self) -> str | None:
        return self.session_token

    @property
    def role(self) -> str:
        return self.kind
