"""A voice on every update: "Was this update clear?" and a monthly check on how the victim
is being treated (/my/feedback: answer, change or skip the questions).

The Victims and Prisoners Act 2024, s.7, asks the bodies the Victims' Code applies to to
collect victims' feedback on the services they receive: these answers are that feedback.
The supervisors' figures are `portal.staff.feedback`.
"""

from flask import Blueprint

from portal.web.access import allow

bp = Blueprint("victim_feedback", __name__, url_prefix="/my/feedback")
allow(bp, "victim")

from portal.victim.feedback import routes  # noqa: E402, F401
