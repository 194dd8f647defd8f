"""Challenging a decision and asking to complain.

- `victim_review` (/my/review, the victim): ask for a review of a decision not to charge
  (the Victims' Right to Review) and ask how to complain (Victims' Code, Right 12).
- `staff_review` (/staff/reviews, supervisors): the force's review queue and the complaint
  requests, for the cases of the supervisor's team.
"""

from flask import Blueprint

from portal.access import allow

victim_bp = Blueprint("victim_review", __name__, url_prefix="/my/review")
allow(victim_bp, "victim")

staff_bp = Blueprint("staff_review", __name__, url_prefix="/staff/reviews")
allow(staff_bp, "supervisor")

from portal.review import staff_routes, victim_routes  # noqa: E402, F401
