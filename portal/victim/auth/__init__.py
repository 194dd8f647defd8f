"""Victims activate their account, sign in and sign out."""

from flask import Blueprint

from portal.web.access import PUBLIC, allow

bp = Blueprint("victim_auth", __name__)
allow(bp, PUBLIC)

from portal.victim.auth import routes  # noqa: E402, F401
