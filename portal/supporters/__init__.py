"""Supporters: the ISVA or trusted person a victim chooses, on their own sign-in.

Every view is for a signed-in supporter, except accepting an invitation and signing in,
which are public. A supporter never reaches a victim's pages: those allow only "victim".
"""

from flask import Blueprint

from portal.access import allow
from portal.auth.sessions import register_principal
from portal.models import Supporter

bp = Blueprint("supporters", __name__, url_prefix="/support")
allow(bp, "supporter")
register_principal("supporter", Supporter)

from portal.supporters import routes  # noqa: E402, F401
