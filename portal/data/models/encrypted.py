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

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        REGISTRY.append((owner, self))

    def associated_data(self, obj) -> bytes:
        return f"{obj.__tablename__}.{self.name}.{obj.ensure_id()}".encode()

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        blob = getattr(obj, self.column_attribute)
        if blob is None:
            return None
        return current_keyring().decrypt(blob, self.associated_data(obj))

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
