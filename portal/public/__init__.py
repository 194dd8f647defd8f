"""Pages anyone may see without signing in."""

from flask import Blueprint

from portal.web.access import PUBLIC, allow

bp = Blueprint("public", __name__)
allow(bp, PUBLIC)

from portal.public import routes  # noqa: E402, F401
