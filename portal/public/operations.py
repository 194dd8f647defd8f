"""For the platform, not for people: liveness, readiness and metrics (docs/deployment.md).

- `/healthz`: the process answers. Nothing else is checked, so a database outage never
  makes the orchestrator restart every app container at once.
- `/readyz`: the database answers, Redis answers (when configured), and the database's
  migrations are at the code's head; otherwise 503, and traffic goes elsewhere.
- `/metrics`: Prometheus figures, only to the addresses in PORTAL_METRICS_ALLOWED; anyone
  else gets the same 404 as for a page that does not exist.
"""

from __future__ import annotations

import ipaddress
import logging
from functools import cache

from flask import abort, current_app, jsonify, request
from sqlalchemy import text

from portal.data import metrics
from portal.extensions import db
from portal.paths import MIGRATIONS
from portal.public import bp

log = logging.getLogger(__name__)


@bp.get("/healthz")
def healthz():
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    checks = {"database": _database(), "redis": _redis(), "migrations": _migrations()}
    ready = all(state in ("ok", "not configured") for state in checks.values())
    return jsonify(status="ok" if ready else "not ready", **checks), 200 if ready else 503


def _database() -> str:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:
        log.exception("readiness: database unreachable")
        db.session.rollback()
        return "unreachable"
    return "ok"


def _redis() -> str:
    settings = current_app.config["SETTINGS"]
    url = settings.redis_url
    if url is None and settings.ratelimit_storage_url.startswith(("redis://", "rediss://")):
        url = settings.ratelimit_storage_url
    if url is None:
        return "not configured"
    import redis

    try:
        redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2).ping()
    except Exception as error:
        log.error("readiness: redis unreachable (%s)", type(error).__name__)
        return "unreachable"
    return "ok"


@cache
def code_head() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def _migrations() -> str:
    try:
        current = db.session.execute(text("SELECT version_num FROM alembic_version")).scalars()
        versions = set(current)
    except Exception:
        db.session.rollback()
        return "unknown"
    return "ok" if versions == {code_head()} else "behind"


def _allowed(address: str | None) -> bool:
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    allowed = current_app.config["SETTINGS"].metrics_allowed
    for item in filter(None, (part.strip() for part in allowed.split(","))):
        try:
            if ip in ipaddress.ip_network(item, strict=False):
                return True
        except ValueError:
            log.error("PORTAL_METRICS_ALLOWED: %r is not an address or network", item)
    return False


@bp.get("/metrics")
def metrics_page():
    if not _allowed(request.remote_addr):
        abort(404)
    return metrics.exposition(), 200, {"Content-Type": metrics.CONTENT_TYPE}
