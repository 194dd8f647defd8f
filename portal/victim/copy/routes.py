"""A copy of everything for the victim: a PDF to read and keep, and all their data as JSON.

Both are sent as attachments that no cache keeps, under neutral names, and both downloads
are audited. POST, not GET: a download writes to the audit log, and nothing should start
one by a prefetch or a link on another site.
"""

from __future__ import annotations

from flask import Response, render_template
from flask_login import current_user

from portal.data import audit
from portal.data.models import utcnow
from portal.extensions import db
from portal.victim.copy import bp
from portal.victim.copy import export as copy_export
from portal.victim.copy import pdf as copy_pdf


def _me():
    return current_user._get_current_object()


@bp.get("/")
def copy():
    return render_template("victim/copy/index.html")


@bp.post("/pdf")
def pdf():
    me = _me()
    body = copy_pdf.render_pdf(me)
    audit.record("victim.copy_downloaded", subject=me, detail={"format": "pdf"})
    db.session.commit()
    return _attachment(body, "application/pdf", "pdf")


@bp.post("/data")
def data():
    me = _me()
    body = copy_export.as_json(me)
    audit.record("victim.data_exported", subject=me, detail={"format": "json"})
    db.session.commit()
    return _attachment(body, "application/json", "json")


def _attachment(body: bytes, mimetype: str, extension: str) -> Response:
    name = f"my-copy-{utcnow():%Y-%m-%d}.{extension}"
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response
