"""The events API for the force's records system (/api/v1, docs/api.md).

It sits in the staff journey because the records system acts where an officer would: it
records events on the force's cases and opens cases, and what it sends becomes the
officer's drafts. It answers machines, not people: JSON, no cookies, no CSRF token (a
signed request or an access token is the proof instead), its own check on every call.
"""

from flask import Blueprint

from portal.extensions import csrf
from portal.web.access import PUBLIC, allow

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# The page-level rule lets every call through to the API's own check (routes.py), which
# refuses anything not signed by a known client or carrying a valid access token.
allow(bp, PUBLIC)
csrf.exempt(bp)

from portal.staff.api import routes  # noqa: E402, F401
from portal.staff.api.sessions import init_app  # noqa: E402, F401
