"""The public easy-read guide library: pages, PDFs and ZIPs, with no account."""

from flask import Blueprint
from flask_babel import get_locale

from portal.access import PUBLIC, allow
from portal.languages_status import interface_is_draft

bp = Blueprint("guides", __name__, url_prefix="/guides")
allow(bp, PUBLIC)


@bp.app_template_global("interface_translation_is_draft")
def interface_translation_is_draft() -> bool:
    """For base.html's draft notice: is this page's language an unchecked translation?"""
    return interface_is_draft(str(get_locale()))


from portal.guides import routes  # noqa: E402, F401
