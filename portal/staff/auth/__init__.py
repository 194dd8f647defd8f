"""Staff sign in with email, password and a TOTP code."""

from flask import Blueprint

from portal.web.access import PUBLIC, allow

bp = Blueprint("staff_auth", __name__, url_prefix="/staff")
allow(bp, PUBLIC)

from portal.staff.auth import routes  # noqa: E402, F401
