"""A date typed as day, month and year in GOV.UK's three boxes."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovDateInput
from wtforms import DateField

PARTS = 3  # day, month, year


class DayMonthYearField(DateField):
    """GOV.UK's date input, safe against a post of any shape.

    The widget unpacks exactly three values to show them again, so a post with one value
    (an edited form, a script) used to be a 500 page. Any other number of parts is taken
    as no date at all (a missing field too): the field's own "Enter the date" message
    answers it.
    """

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("format", "%d %m %Y")
        kwargs.setdefault("widget", GovDateInput())
        super().__init__(label, validators, **kwargs)

    def process_formdata(self, valuelist):
        if len(valuelist) != PARTS:
            self.raw_data = [""] * PARTS
            self.data = None
            return
        super().process_formdata(valuelist)
