"""The API keeps no session and sets no cookie: each call proves itself on its own."""

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


def without_cookies(app: Flask) -> None:
    app.session_interface = NoCookiesForTheApi()
