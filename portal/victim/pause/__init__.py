"""Pause, step back, come back (/my/pause, the victim): she asks without a phone call.

The rules are `portal.rules.pauses`; the officer's half is `portal.staff.pause`.
"""

from flask import Blueprint

from portal.web.access import allow

bp = Blueprint("victim_pause", __name__, url_prefix="/my/pause")
allow(bp, "victim")

from portal.victim.pause import routes  # noqa: E402, F401
