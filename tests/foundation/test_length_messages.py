"""Every capped box says, in the reader's language, what to change.

WTForms' own message for `Length` is English on every page and says "Field cannot be
longer than 5000 characters."; a form must give its own message or use `MaxLength`.
"""

import importlib
import inspect
import pkgutil

import pytest
from flask_wtf import FlaskForm
from wtforms.validators import Length

import portal
from portal.web.validators import MaxLength


def _forms():
    for module in pkgutil.walk_packages(portal.__path__, "portal."):
        if ".migrations" in module.name or module.name.endswith("__main__"):
            continue
        for _name, value in inspect.getmembers(importlib.import_module(module.name)):
            if inspect.isclass(value) and issubclass(value, FlaskForm) and value is not FlaskForm:
                yield value


def _length_validators(form_class):
    for name, field in inspect.getmembers(form_class):
        for validator in getattr(field, "kwargs", {}).get("validators", None) or []:
            if isinstance(validator, Length):
                yield name, validator


def test_the_portal_has_capped_boxes_to_check():
    assert sum(1 for form in _forms() for _ in _length_validators(form)) > 30


@pytest.mark.parametrize("form_class", sorted(set(_forms()), key=lambda f: f.__qualname__))
def test_no_length_limit_falls_back_to_the_wtforms_message(form_class):
    for name, validator in _length_validators(form_class):
        assert isinstance(validator, MaxLength) or validator.message, (
            f"{form_class.__name__}.{name}: use MaxLength or give Length a message"
        )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Enter 5,000 characters or fewer. You entered 5,001."),
        ("cy", "5,000"),
    ],
)
def test_the_message_gives_both_numbers_in_the_page_language(app, language, expected):
    from flask_babel import force_locale
    from wtforms import Form, StringField
    from wtforms.validators import ValidationError

    class Box(Form):
        text = StringField(validators=[MaxLength(5000)])

    form = Box(data={"text": "x" * 5001})
    with (
        app.test_request_context(),
        force_locale(language),
        pytest.raises(ValidationError) as raised,
    ):
        MaxLength(5000)(form, form.text)
    assert expected in str(raised.value)
    if language != "en":
        assert "Enter" not in str(raised.value)
