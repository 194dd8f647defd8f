"""Field error messages that screen readers announce in the page's own language.

GOV.UK Frontend puts a visually hidden "Error:" before each field's error message, so a
screen reader says what it is. govuk-frontend-wtf never passes that word to the macro,
which then falls back to English: on a Welsh or Arabic page, a blind reader heard
"Error:" in English before every message. We pass the word, translated.
"""

from __future__ import annotations

from flask_babel import gettext as _
from govuk_frontend_wtf.gov_form_base import GovFormBase

_library_render = GovFormBase.render


def _render_with_translated_prefix(widget, params):
    if "errorMessage" in params:
        params["errorMessage"].setdefault("visuallyHiddenText", _("Error"))
    return _library_render(widget, params)


def init_app(_app) -> None:
    """Every GOV.UK widget renders through GovFormBase.render: wrap it, once."""
    GovFormBase.render = _render_with_translated_prefix
