"""Supporters: the ISVA or trusted person a victim chooses, on their own sign-in.

Every view is for a signed-in supporter, except accepting an invitation and signing in,
which are public. A supporter never reaches a victim's pages: those allow only "victim".
"""

from flask import Blueprint

from portal.auth.sessions import register_principal
from portal.data.models import Supporter
from portal.web.access import allow

bp = Blueprint("supporters", __name__, url_prefix="/support")
allow(bp, "supporter")
register_principal("supporter", Supporter)

from portal.supporter import routes  # noqa: E402, F401
