"""Confidentiality in one spelling: every stored level becomes "Mật", "Tối mật" or
"Tuyệt mật" (or no value), in the records' column and metadata and in dossiers.

Before, only those exact spellings hid a record, so "MẬT", "mật" or "Tối Mật" left a
secret readable by every viewer. Records archived before 0005 had the level only in
their metadata, not in the column the counts filter on: the column is set from the
metadata here. A value that is still not a level is kept as written; it counts as
secret everywhere (``archive.classification``). The search index holds its own copy:
`hoso reindex` after this upgrade (until then a viewer's hits are still checked
against the catalog, but counts may include records now known to be secret).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

import logging
from typing import Any

import sqlalchemy as sa
from alembic import op

from archive.classification import stored

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_BATCH = 500
_records = sa.table(
    "records",
    sa.column("id", sa.String),
    sa.column("confidentiality", sa.String),
    sa.column("metadata_json", sa.JSON),
)
_dossiers = sa.table(
    "dossiers", sa.column("code", sa.String), sa.column("confidentiality", sa.String)
)


def _level(column: str | None, metadata: dict[str, Any]) -> str | None:
    # the metadata is the record's own word; the column is a copy (absent before 0005)
    written = metadata.get("confidentiality")
    return stored(written if written not in (None, "") else column)


def _fixed(metadata: dict[str, Any], level: str | None) -> dict[str, Any]:
    clean = {k: v for k, v in metadata.items() if k != "confidentiality"}
    return {**clean, "confidentiality": level} if level is not None else clean


def _records_step(conn: sa.Connection, after: str) -> tuple[str | None, int]:
    rows = conn.execute(
        sa.select(_records.c.id, _records.c.confidentiality, _records.c.metadata_json)
        .where(_records.c.id > after)
        .order_by(_records.c.id)
        .limit(_BATCH)
    ).all()
    changed = 0
    for record_id, column, metadata in rows:
        metadata = dict(metadata or {})
        level = _level(column, metadata)
        if level == column and metadata.get("confidentiality") == level:
            continue
        conn.execute(
            _records.update()
            .where(_records.c.id == record_id)
            .values(confidentiality=level, metadata_json=_fixed(metadata, level))
        )
        changed += 1
    return (rows[-1][0] if rows else None), changed


def upgrade() -> None:
    conn = op.get_bind()
    after: str | None = ""
    changed = 0
    while after is not None:
        after, count = _records_step(conn, after)
        changed += count
    for code, column in conn.execute(sa.select(_dossiers.c.code, _dossiers.c.confidentiality)):
        if stored(column) != column:
            conn.execute(
                _dossiers.update()
                .where(_dossiers.c.code == code)
                .values(confidentiality=stored(column))
            )
    if changed:
        logging.getLogger("alembic").warning(
            "0009: độ mật của %d tài liệu đã được chuẩn hóa; hãy chạy «hoso reindex»", changed
        )


def downgrade() -> None:
    # The old spellings are not kept: one spelling is what the levels need.
    pass
