"""The public easy-read guide library: pages, PDFs and ZIPs, with no account."""

from flask import Blueprint

from portal.web.access import PUBLIC, allow

bp = Blueprint("guides", __name__, url_prefix="/guides")
allow(bp, PUBLIC)


from portal.public.guides import routes  # noqa: E402, F401
