"""The officer's half of "pause, step back, come back" (/staff/pauses): reading the
victim's request. The victim's half is `portal.victim.pause`."""

from flask import Blueprint

from portal.web.access import allow

bp = Blueprint("staff_pause", __name__, url_prefix="/staff/pauses")
allow(bp, "officer", "supervisor")

from portal.staff.pause import routes  # noqa: E402, F401
