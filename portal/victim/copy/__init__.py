"""A copy of everything for the victim: a PDF to read and keep, and all their data (/my/copy)."""

from flask import Blueprint

from portal.web.access import allow

bp = Blueprint("victim_copy", __name__, url_prefix="/my/copy")
allow(bp, "victim")

from portal.victim.copy import routes  # noqa: E402, F401
