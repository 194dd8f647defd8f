"""One structured log line for every request, and JSON logs for every process.

Each request gets an id: the caller's `X-Request-ID` if it is a plain token, or a new one.
It is sent back in the response's `X-Request-ID`, stored on any notification the request
queues, and named again by the worker's line about sending it, so one search finds both.

A line names the route group and the endpoint, never the path: a path can hold a crime
reference or a record's id. It holds no query string, no form field, no address.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import time

from flask import Flask, g, request

from portal.data.metrics import REQUEST_SECONDS

log = logging.getLogger("portal.requests")

REQUEST_ID = re.compile(r"[A-Za-z0-9_-]{8,32}")
# The route group of each blueprint, for the latency figure and the log line.
GROUPS = {
    "public": "public",
    "guides": "public",
    "victim": "victim",
    "supporters": "supporter",
    "supporter": "supporter",
    "staff": "staff",
    "admin": "staff",
    "api": "api",
}
OPERATIONS = {"public.healthz", "public.readyz", "public.metrics_page"}


def route_group(endpoint: str | None) -> str:
    if endpoint is None:
        return "unmatched"
    if endpoint == "static":
        return "assets"
    if endpoint in OPERATIONS:
        return "operations"
    blueprint = endpoint.partition(".")[0]
    return GROUPS.get(blueprint) or GROUPS.get(blueprint.partition("_")[0], "other")


def current_request_id() -> str | None:
    return g.get("request_id")


def _start() -> None:
    given = request.headers.get("X-Request-ID", "")
    g.request_id = given if REQUEST_ID.fullmatch(given) else secrets.token_hex(16)
    g.request_started = time.perf_counter()


def _finish(response):
    started = g.get("request_started")
    seconds = time.perf_counter() - started if started is not None else 0.0
    group = route_group(request.endpoint)
    REQUEST_SECONDS.labels(group=group).observe(seconds)
    response.headers["X-Request-ID"] = g.get("request_id", "")
    fields = {
        "request_id": g.get("request_id"),
        "method": request.method,
        "group": group,
        "endpoint": request.endpoint,
        "status": response.status_code,
        "duration_ms": round(seconds * 1000, 1),
    }
    log.info("request", extra={"fields": fields})
    return response


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, and the record's `fields`."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update(getattr(record, "fields", None) or {})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


def use_json_logs() -> None:
    """Every log line of this process as JSON on standard error (the container's log)."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if not getattr(h, "portal_json", False)]
    handler.portal_json = True
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)


def init_app(app: Flask) -> None:
    app.before_request(_start)
    app.after_request(_finish)
    if app.config["SETTINGS"].log_format == "json":
        use_json_logs()
