"""A staff password hashed with weaker settings is hashed again at the next sign-in."""

from __future__ import annotations

from argon2 import PasswordHasher

from portal.auth.passwords import needs_rehash, verify_secret
from portal.extensions import db
from portal.staff.auth import signing_in
from tests import factories


def test_a_staff_password_hash_with_old_settings_is_upgraded_at_sign_in(app_context):
    weak = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    user = factories.make_staff()
    user.password_hash = weak.hash(factories.STAFF_PASSWORD)
    db.session.commit()
    assert needs_rehash(user.password_hash)

    outcome, signed_in = signing_in.check_password(user.email, factories.STAFF_PASSWORD)

    assert outcome == signing_in.Outcome.OK
    db.session.expire_all()
    assert not needs_rehash(signed_in.password_hash)
    assert verify_secret(signed_in.password_hash, factories.STAFF_PASSWORD)


def test_a_wrong_password_never_changes_the_stored_hash(app_context):
    user = factories.make_staff()
    before = user.password_hash
    outcome, _ = signing_in.check_password(user.email, "not the password at all")
    assert outcome == signing_in.Outcome.WRONG
    db.session.expire_all()
    assert user.password_hash == before
