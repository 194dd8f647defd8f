"""Key rotation: re-encrypt every encrypted value with the newest key.

Put the new key first in PORTAL_ENCRYPTION_KEYS, keep the old ones after it, run
`portal keys rotate`, and once it reports nothing left on an old key, remove the old key.
"""

from __future__ import annotations

import base64
import os
from collections import defaultdict

from sqlalchemy import select

from portal.data.models.encrypted import REGISTRY
from portal.extensions import db

BATCH_SIZE = 500


def new_key(kid: str) -> str:
    return f"{kid}:{base64.urlsafe_b64encode(os.urandom(32)).decode()}"


def rotate_all() -> dict[str, int]:
    """Re-encrypt every value not under the current key. Returns rows changed per table."""
    by_model: dict[type, list] = defaultdict(list)
    for model, descriptor in REGISTRY:
        by_model[model].append(descriptor)
    changed: dict[str, int] = {}
    for model, descriptors in by_model.items():
        count = 0
        rows = db.session.scalars(select(model).order_by(model.id)).all()
        for start in range(0, len(rows), BATCH_SIZE):
            for row in rows[start : start + BATCH_SIZE]:
                # Every descriptor must run: `any()` would stop at the first change.
                results = [descriptor.reencrypt(row) for descriptor in descriptors]
                count += any(results)
            db.session.commit()
        changed[model.__tablename__] = count
    return changed
