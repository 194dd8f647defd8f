"""A voice on every update: "Was this update clear?" and a monthly check on how the victim
is being treated, with figures for supervisors.

The Victims and Prisoners Act 2024, s.7, asks the bodies the Victims' Code applies to to
collect victims' feedback on the services they receive: these answers are that feedback,
and the supervisor's figures are how the force reviews it.

- `victim_feedback` (/my/feedback, the victim): answer, change or skip the questions.
- `staff_feedback` (/staff/feedback, supervisors): the team's figures, never a comment.
"""

from flask import Blueprint

from portal.access import allow

victim_bp = Blueprint("victim_feedback", __name__, url_prefix="/my/feedback")
allow(victim_bp, "victim")

staff_bp = Blueprint("staff_feedback", __name__, url_prefix="/staff/feedback")
allow(staff_bp, "supervisor")

from portal.feedback import staff_routes, victim_routes  # noqa: E402, F401
