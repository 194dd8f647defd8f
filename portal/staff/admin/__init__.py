"""Admins manage staff accounts and teams. They never see case content."""

from flask import Blueprint

from portal.web.access import allow

bp = Blueprint("admin", __name__, url_prefix="/admin")
allow(bp, "admin")

from portal.staff.admin import routes  # noqa: E402, F401
