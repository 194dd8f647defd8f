import base64

import pytest
from sqlalchemy import select, text

from portal.extensions import db
from portal.security.crypto import DecryptionError, Keyring
from tests.factories import make_case, make_victim


def _key(byte: bytes) -> bytes:
    return byte * 32


def test_a_value_round_trips_and_each_encryption_differs():
    ring = Keyring([("a", _key(b"a"))])
    one = ring.encrypt("Sam", b"victim.preferred_name.1")
    two = ring.encrypt("Sam", b"victim.preferred_name.1")
    assert one != two
    assert ring.decrypt(one, b"victim.preferred_name.1") == "Sam"


def test_a_value_moved_to_another_row_does_not_decrypt():
    ring = Keyring([("a", _key(b"a"))])
    blob = ring.encrypt("Sam", b"victim.preferred_name.1")
    with pytest.raises(DecryptionError):
        ring.decrypt(blob, b"victim.preferred_name.2")


def test_an_old_key_still_decrypts_after_a_new_one_is_added():
    old = Keyring([("a", _key(b"a"))])
    blob = old.encrypt("Sam", b"ad")
    rotated = Keyring([("b", _key(b"b")), ("a", _key(b"a"))])
    assert rotated.decrypt(blob, b"ad") == "Sam"
    assert rotated.key_id_of(rotated.encrypt("Sam", b"ad")) == "b"


def test_the_database_holds_no_readable_personal_text(app_context):
    victim = make_victim(preferred_name="Zanele", email="zanele@example.invalid")
    make_case(victim=victim, crime_reference="RSO/26/9999")
    with db.engine.connect() as connection:
        raw = [
            repr(row)
            for table in ("victim", "case")
            for row in connection.execute(text(f'SELECT * FROM "{table}"'))
        ]
    dump = " ".join(raw)
    assert "Zanele" not in dump
    assert "zanele@example" not in dump
    assert "RSO/26/9999" not in dump
    assert base64.b64encode(b"Zanele").decode() not in dump


def test_a_ciphertext_copied_between_victims_fails_to_decrypt(app_context):
    first = make_victim(preferred_name="First")
    second = make_victim(preferred_name="Second")
    second._preferred_name = first._preferred_name
    with pytest.raises(DecryptionError):
        _ = second.preferred_name


def test_a_reference_read_as_a_column_decrypts_only_for_its_own_case(app_context):
    """The dashboard's lists read a case's reference as a column (portal.rules.case_lines):
    it decrypts with its own case's id, and with another case's id it does not."""
    from portal.data.models import Case

    mine = make_case(crime_reference="RSO/26/1111")
    other = make_case(crime_reference="RSO/26/2222")
    blob = db.session.scalar(select(Case._crime_reference).where(Case.id == mine.id))
    assert Case.crime_reference.decrypt_column(mine.id, blob) == "RSO/26/1111"
    assert Case.crime_reference.decrypt_column(mine.id, None) is None
    with pytest.raises(DecryptionError):
        Case.crime_reference.decrypt_column(other.id, blob)
