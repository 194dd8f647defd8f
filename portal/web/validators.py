"""A length limit that tells the person, in their own language, what to change.

WTForms' own `Length` message ("Field cannot be longer than 5000 characters.") is English
whatever the page's language, names no number a reader can compare with, and calls the box
a "field". Every form that caps a box without a message of its own uses `MaxLength`.
"""

from __future__ import annotations

from flask_babel import format_number
from flask_babel import gettext as _
from wtforms.validators import Length, ValidationError


class MaxLength(Length):
    """`Length(max=limit)`, with the limit and what was typed in the message."""

    def __init__(self, limit: int) -> None:
        super().__init__(max=limit)

    def __call__(self, form, field) -> None:
        typed = len(field.data or "")
        if typed > self.max:
            raise ValidationError(
                _(
                    "Enter %(limit)s characters or fewer. You entered %(typed)s.",
                    limit=format_number(self.max),
                    typed=format_number(typed),
                )
            )
