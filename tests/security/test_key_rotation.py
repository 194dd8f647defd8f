"""Rotating encryption keys: everything is re-encrypted, still reads, and no key leaks."""

from __future__ import annotations

import base64

import pytest
from sqlalchemy import select

from portal.data.models import Message, Update, Victim
from portal.extensions import db
from portal.security.crypto import DecryptionError, Keyring
from tests.factories import make_case, make_message, make_update, make_victim

NEW_KEY = ("new", b"n" * 32)


@pytest.fixture
def add_new_key(app):
    """Put a brand-new key first, keeping the old ones, as an operator would."""
    original = app.extensions["portal.keyring"]

    def add():
        app.extensions["portal.keyring"] = Keyring([NEW_KEY, *app.config["ENCRYPTION_KEYS"]])

    yield add
    app.extensions["portal.keyring"] = original


def test_key_rotation_reencrypts_everything_and_it_still_reads(app_context, app, add_new_key):
    case = make_case(victim=make_victim(preferred_name="Morgan"), crime_reference="RSO/26/5555")
    make_update(case, text="The interview is on Tuesday.")
    make_message(case, body="Can I bring a friend?")
    add_new_key()
    from portal.data.key_rotation import rotate_all

    changed = rotate_all()
    assert changed["victim"] == 1 and changed["case"] == 1
    assert changed["case_update"] == 1 and changed["message"] == 1
    app.extensions["portal.keyring"] = Keyring([NEW_KEY])  # the old key is gone now
    db.session.expire_all()
    assert db.session.get(Victim, case.victim_id).preferred_name == "Morgan"
    assert db.session.scalar(select(Update)).free_text == "The interview is on Tuesday."
    assert db.session.scalar(select(Message)).body == "Can I bring a friend?"
    assert rotate_all()["victim"] == 0  # nothing left on an old key


def test_without_the_right_key_nothing_decrypts(app_context, app):
    victim = make_victim(preferred_name="Morgan")
    app.extensions["portal.keyring"], original = (
        Keyring([("other", b"o" * 32)]),
        app.extensions["portal.keyring"],
    )
    try:
        db.session.expire_all()
        with pytest.raises(DecryptionError):
            _ = db.session.get(Victim, victim.id).preferred_name
    finally:
        app.extensions["portal.keyring"] = original


def test_key_material_never_appears_in_a_rotation_report(app_context, add_new_key):
    from portal.data.key_rotation import rotate_all

    make_victim(preferred_name="Morgan")
    add_new_key()
    report = repr(rotate_all())
    assert base64.urlsafe_b64encode(NEW_KEY[1]).decode() not in report
    assert "Morgan" not in report
