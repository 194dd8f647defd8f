"""The victim's own pages: home, updates, rights, choices, questions."""

from flask import Blueprint

from portal.web.access import allow

bp = Blueprint("victim", __name__, url_prefix="/my")
allow(bp, "victim")

from portal.victim import routes  # noqa: E402, F401
