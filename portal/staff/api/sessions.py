"""The API keeps no session and sets no cookie: each call proves itself on its own. Its
clients are read when the app starts, so a mistake in PORTAL_API_CLIENTS stops the start
(as every unsafe setting does) rather than failing the first call."""

from __future__ import annotations

from flask import Flask
from flask.sessions import SecureCookieSessionInterface

API_PREFIX = "/api/"


class NoCookiesForTheApi(SecureCookieSessionInterface):
    """The portal's cookie sessions, except on the API: an empty session, never saved."""

    def open_session(self, app, request):
        if request.path.startswith(API_PREFIX):
            return self.session_class()
        return super().open_session(app, request)

    def save_session(self, app, session, response):
        from flask import request

        if request.path.startswith(API_PREFIX):
            return None
        return super().save_session(app, session, response)


def init_app(app: Flask) -> None:
    from portal.config import ConfigError
    from portal.staff.api.clients import ClientConfigError, parse_clients

    app.session_interface = NoCookiesForTheApi()
    try:
        clients = parse_clients(app.config["SETTINGS"].api_clients)
    except ClientConfigError as error:
        raise ConfigError(f"Refusing to start: {error}.") from None
    app.extensions["portal.api_clients"] = clients
