"""The team's feedback figures for supervisors (/staff/feedback), never a comment: how the
force reviews what victims told it (Victims and Prisoners Act 2024, s.7)."""

from flask import Blueprint

from portal.web.access import allow

bp = Blueprint("staff_feedback", __name__, url_prefix="/staff/feedback")
allow(bp, "supervisor")

from portal.staff.feedback import routes  # noqa: E402, F401
