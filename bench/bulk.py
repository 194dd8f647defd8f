"""Rows straight into PostgreSQL with COPY, and encrypted values made as the ORM makes them.

The ORM inserts a few thousand rows a second; COPY takes a few hundred thousand, which is
what makes a national-volume database a matter of minutes (`bench.national`).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable, Sequence

from portal.security.crypto import current_keyring

PROGRESS_EVERY = 250_000


def seal(model: type, attribute: str, row_id: uuid.UUID, plaintext: str) -> bytes:
    """The ciphertext `model.attribute = plaintext` would store for the row `row_id`.

    `portal.data.models.encrypted.Encrypted` binds the table, the attribute and the row id
    in as associated data, so a ciphertext cannot be shared between rows: each row gets its
    own (AES-GCM is fast enough for millions). Needs an app context for the keys.
    """
    associated = f"{model.__tablename__}.{attribute}.{row_id}".encode()
    return current_keyring().encrypt(plaintext, associated)


def copy_rows(
    connection,
    table: str,
    columns: Sequence[str],
    rows: Iterable[tuple],
    say: Callable[[str], None],
) -> int:
    """COPY `rows` into `table` on a psycopg 3 connection (not committed). Returns the count."""
    quoted = ", ".join(f'"{column}"' for column in columns)
    statement = f'COPY "{table}" ({quoted}) FROM STDIN'
    started, count = time.perf_counter(), 0
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
            if count % PROGRESS_EVERY == 0:
                say(f"    {table}: {count:,} rows, {time.perf_counter() - started:.0f} s")
    say(f"  {table}: {count:,} rows in {time.perf_counter() - started:.1f} s")
    return count
