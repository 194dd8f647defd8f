"""The staff view: caseloads, publishing, questions, and the supervisor's dashboard."""

from flask import Blueprint

from portal.web.access import allow

bp = Blueprint("staff", __name__, url_prefix="/staff")
allow(bp, "officer", "supervisor")

from portal.staff import routes  # noqa: E402, F401
