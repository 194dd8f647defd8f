"""Challenging a decision and asking to complain (/my/review, the victim).

The victim asks for a review of a decision not to charge (the Victims' Right to Review)
and asks how to complain (Victims' Code, Right 12). The staff half is `portal.staff.review`.
"""

from flask import Blueprint

from portal.web.access import allow

bp = Blueprint("victim_review", __name__, url_prefix="/my/review")
allow(bp, "victim")

from portal.victim.review import routes  # noqa: E402, F401
