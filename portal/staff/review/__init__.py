"""The force's review queue and complaint requests (/staff/reviews, supervisors), for the
cases of the supervisor's team. The victim's half is `portal.victim.review`."""

from flask import Blueprint

from portal.web.access import allow

bp = Blueprint("staff_review", __name__, url_prefix="/staff/reviews")
allow(bp, "supervisor")

from portal.staff.review import routes  # noqa: E402, F401
