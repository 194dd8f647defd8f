"""The victim's belongings the police took (/my/belongings): each item, where it is, and
one form to ask for it back or ask about it. The officer's half is
`portal.staff.belongings`; the rules are `portal.rules.belongings`."""

from flask import Blueprint

from portal.web.access import allow

bp = Blueprint("victim_belongings", __name__, url_prefix="/my/belongings")
allow(bp, "victim")

from portal.victim.belongings import routes  # noqa: E402, F401
