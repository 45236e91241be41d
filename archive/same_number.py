"""One number registered twice: the same number, symbol and issuer (Decree 30/2020, App. VI).

Identical bytes are already a duplicate (one record); this finds *different* files that
carry the number and issuer of an archived document, compared folded (accents, case and
spacing ignored: "12/QĐ-UBND" = "12/qđ-ubnd"), through one indexed catalog column
(``records.register_key``, see ``archive.vn.numbers.register_key``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from archive.catalog.models import RecordRow
from archive.catalog.rows import to_record
from archive.records import Record
from archive.vn.numbers import register_key

# More than a handful of registrations of one number is a list to review, not a warning.
MAX_SHOWN = 20


def same_number(archive: Any, record: Record, limit: int = MAX_SHOWN) -> list[Record]:
    """Other kept records registered under ``record``'s number and issuer, oldest first."""
    found = register_key(record.metadata.get("number"), record.metadata.get("issuer"))
    if found is None:
        return []
    with archive.sessions() as session:
        rows = session.scalars(
            select(RecordRow)
            .where(
                RecordRow.register_key == found,
                RecordRow.id != record.id,
                RecordRow.state == "active",
            )
            .order_by(RecordRow.created_at, RecordRow.id)
            .limit(limit)
        )
        return [to_record(row) for row in rows]
