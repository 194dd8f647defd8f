"""What a dashboard list shows of a case: its id, its reference and its officer's name.

A list of 20 read as ORM objects cost more than its query: an object for each row, its
case and its officer, each tracked by the session. The lists read these three columns
instead, joined to the 20 rows once they are sorted and cut (`capped.firsts`), and
the reference is decrypted for its own row as `Encrypted` does.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Select, Subquery, select

from portal.data.models import Case, StaffUser


@dataclass(frozen=True)
class CaseLine:
    case_id: uuid.UUID
    reference: str
    officer_name: str | None


COLUMNS = (
    Case.id.label("line_case_id"),
    Case._crime_reference.label("line_reference"),
    StaffUser.display_name.label("line_officer_name"),
)


def joined(query: Select, case_id) -> Select:
    """`query` joined to the case (`case_id`, a column) and its officer, for `COLUMNS`."""
    return query.join(Case, Case.id == case_id).outerjoin(
        StaffUser, StaffUser.id == Case.officer_id
    )


def of_kept(kept: Subquery, model, *columns) -> Select:
    """The rows of `model` whose ids `kept` holds (`capped.firsts`), with `columns`, the
    total and what a line shows, in `kept`'s order."""
    query = select(kept.c.total, *columns, *COLUMNS).select_from(kept)
    return joined(query.join(model, model.id == kept.c.id), model.case_id)


def line(row) -> CaseLine:
    reference = Case.crime_reference.decrypt_column(row.line_case_id, row.line_reference)
    return CaseLine(row.line_case_id, reference, row.line_officer_name)
