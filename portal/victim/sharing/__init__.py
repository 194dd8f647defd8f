"""Sharing with a supporter the victim chooses, and the victim's code word (/my/sharing)."""

from flask import Blueprint

from portal.web.access import allow

bp = Blueprint("victim_sharing", __name__, url_prefix="/my/sharing")
allow(bp, "victim")

from portal.victim.sharing import routes  # noqa: E402, F401
