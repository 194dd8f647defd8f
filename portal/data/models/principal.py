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
        # What Flask-Login keeps in the signed cookie: the kind first, so that loading
        # the session joins only this kind's table (portal.auth.sessions.load_principal).
        return f"{self.kind}.{self.session_token}" if self.session_token else None

    @property
    def role(self) -> str:
        return self.kind
