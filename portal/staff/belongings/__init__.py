"""The victim's belongings the police took (/staff/cases/<id>/belongings): the officer
records each item and changes its status. The victim's half is `portal.victim.belongings`;
the rules are `portal.rules.belongings`."""

from flask import Blueprint

from portal.web.access import allow

bp = Blueprint("staff_belongings", __name__, url_prefix="/staff/cases/<uuid:case_id>/belongings")
allow(bp, "officer", "supervisor")

from portal.staff.belongings import routes  # noqa: E402, F401
