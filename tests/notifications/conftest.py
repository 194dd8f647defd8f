"""Local stand-ins for the outside world: a fake GOV.UK Notify API and a sender that
records what it was asked to send (the real SMTP server, `smtp_server`, is shared from
tests/conftest.py)."""

from __future__ import annotations

import dataclasses
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from portal.notifications.channels import DeliveryError

BASE_URL = "https://beacon.example.org"


@pytest.fixture
def configure(app):
    """Change the app's settings for one test (they are frozen, so swap the whole object)."""
    original = app.config["SETTINGS"]

    def apply(**changes):
        app.config["SETTINGS"] = dataclasses.replace(original, base_url=BASE_URL, **changes)
        return app.config["SETTINGS"]

    apply()
    yield apply
    app.config["SETTINGS"] = original


class NotifyAPI(ThreadingHTTPServer):
    """Answers like GOV.UK Notify's /v2/notifications endpoints and keeps every request."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _NotifyHandler)
        self.requests: list[dict] = []
        self.reply_status = 201

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _NotifyHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length) or b"{}")
        self.server.requests.append(
            {"path": self.path, "headers": dict(self.headers.items()), "json": body}
        )
        status = self.server.reply_status
        if status == 201:
            reply = {
                "id": "740e5834-3a29-46b4-9a6f-16142fde533a",
                "reference": body.get("reference"),
            }
        else:
            reply = {
                "status_code": status,
                "errors": [{"error": "BadRequestError", "message": f"Can't send to {body}"}],
            }
        data = json.dumps(reply).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def notify_api():
    server = NotifyAPI()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


class Recorder:
    """A sender that keeps what it was given; optionally slow, or failing."""

    def __init__(
        self,
        name="recorder",
        fail_with: DeliveryError | Exception | None = None,
        delay: float = 0.0,
    ):
        self.name = name
        self.fail_with = fail_with
        self.delay = delay
        self.sent = []
        self.calls = 0
        self._lock = threading.Lock()

    def send(self, message):
        with self._lock:
            self.calls += 1
        if self.delay:
            time.sleep(self.delay)
        if self.fail_with is not None:
            raise self.fail_with
        with self._lock:
            self.sent.append((threading.current_thread().name, message))


@pytest.fixture
def recorder():
    return Recorder()
