"""An attribute that reads and writes an encrypted column transparently.

    class Victim(Base):
        _preferred_name: Mapped[bytes | None] = mapped_column("preferred_name", LargeBinary)
        preferred_name = Encrypted("_preferred_name")

Every `Encrypted` attribute registers itself, so key rotation can find every one.
"""

from __future__ import annotations

from portal.security.crypto import current_keyring

REGISTRY: list[tuple[type, Encrypted]] = []


class Encrypted:
    def __init__(self, column_attribute: str):
        self.column_attribute = column_attribute
        self.name = ""
        self.table = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        self.table = owner.__tablename__
        REGISTRY.append((owner, self))

    def associated_data(self, obj) -> bytes:
        return self._associated_data(obj.ensure_id())

    def _associated_data(self, row_id) -> bytes:
        # The table, the attribute and the row: a value copied to another row, or to
        # another attribute, does not decrypt.
        return f"{self.table}.{self.name}.{row_id}".encode()

    def decrypt_column(self, row_id, blob: bytes | None) -> str | None:
        """The value of a row read as columns (its id and this blob), with no object:
        what a long list needs of a row, without the cost of loading each one."""
        if blob is None:
            return None
        return current_keyring().decrypt(blob, self._associated_data(row_id))

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return self.decrypt_column(obj.ensure_id(), getattr(obj, self.column_attribute))

    def __set__(self, obj, value: str | None) -> None:
        if value is None:
            setattr(obj, self.column_attribute, None)
            return
        blob = current_keyring().encrypt(str(value), self.associated_data(obj))
        setattr(obj, self.column_attribute, blob)

    def reencrypt(self, obj) -> bool:
        """Re-encrypt with the current key if an older one was used. True if changed."""
        blob = getattr(obj, self.column_attribute)
        keyring = current_keyring()
        if blob is None or keyring.key_id_of(blob) == keyring.current_kid:
            return False
        self.__set__(obj, self.__get__(obj))
        return True
