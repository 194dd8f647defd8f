"""The portal's request: what a form sends, less any NUL character.

Nobody types a NUL, a browser never sends one, and PostgreSQL refuses one in a text
column, so a NUL in a form field (or in a query string) would reach the database and end
in a server error instead of a message. It is removed as the form is read, before any
form, validator or query sees it; the rest of what was typed is kept.
"""

from __future__ import annotations

from flask import Request
from werkzeug.utils import cached_property


class PortalRequest(Request):
    def _load_form_data(self) -> None:
        super()._load_form_data()
        form = self.__dict__.get("form")
        if form is not None and any("\x00" in value for value in form.values()):
            self.__dict__["form"] = _without_nul(self.parameter_storage_class, form)

    @cached_property
    def args(self):
        parsed = super().args
        if any("\x00" in value for value in parsed.values()):
            return _without_nul(self.parameter_storage_class, parsed)
        return parsed


def _without_nul(storage, values):
    return storage([(key, value.replace("\x00", "")) for key, value in values.items(multi=True)])
