"""Staff sign in with email, password and a TOTP code, or through the force's identity
provider (OpenID Connect)."""

from flask import Blueprint

from portal.web.access import PUBLIC, allow

bp = Blueprint("staff_auth", __name__, url_prefix="/staff")
allow(bp, PUBLIC)

from portal.staff.auth import oidc_client, routes  # noqa: E402, F401

bp.record_once(lambda state: oidc_client.init_app(state.app))
