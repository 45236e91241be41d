"""Convert between catalog rows and records."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement

from archive.catalog.models import RecordRow
from archive.classification import stored
from archive.records import Record
from archive.vn.numbers import number_key, register_key


def to_row(
    record: Record, *, text_state: str = "done", ocr_confidence: float | None = None
) -> RecordRow:
    """Build a new catalog row for ``record``."""
    row = RecordRow(
        id=record.id, sha256=record.sha256, text_state=text_state, ocr_confidence=ocr_confidence
    )
    fill_row(row, record)
    return row


def copy_row(row: RecordRow) -> RecordRow:
    """A fresh, unattached copy of a row (after a failed session discarded the original)."""
    return RecordRow(**{c.key: getattr(row, c.key) for c in RecordRow.__table__.columns})


def fill_row(row: RecordRow, record: Record) -> None:
    """Copy ``record`` into ``row`` (insert or update)."""
    meta = record.metadata
    row.size = record.size
    row.mime_type = record.mime_type
    row.filename = record.filename
    row.pages = record.pages
    row.created_at = record.created_at
    row.updated_at = datetime.now(UTC)
    row.version = record.version
    row.doc_type = meta.get("doc_type")
    row.number = meta.get("number")
    row.number_key = number_key(meta["number"]) if meta.get("number") else None
    row.register_key = register_key(meta.get("number"), meta.get("issuer"))
    row.issued_date = _date(meta.get("issued_date"))
    row.year = record.year
    row.issuer = meta.get("issuer")
    row.confidentiality = stored(meta.get("confidentiality"))
    row.title = meta.get("title")
    retention: dict[str, Any] = meta.get("retention") or {}
    if not isinstance(retention, dict):
        retention = {}
    row.disposal_due = _date(retention.get("disposal_due"))
    row.metadata_json = dict(meta)
    row.provenance_json = dict(record.provenance)


def open_to_all() -> ColumnElement[bool]:
    """Rows a role that may not read secrets may see: no level stored at all.

    Rows keep the level in one spelling (``fill_row``, migration 0009); a value that
    is not one of the levels counts as secret too, so the test is "no value".
    """
    return RecordRow.confidentiality.is_(None)


def to_record(row: RecordRow) -> Record:
    """Build the record a catalog row describes."""
    created = row.created_at
    metadata = dict(row.metadata_json or {})
    if isinstance(metadata.get("retention"), dict):
        # Holds live beside the manifests; the record JSON shows whether one binds now.
        metadata["retention"] = {**metadata["retention"], "hold": bool(row.held)}
    return Record(
        id=row.id,
        sha256=row.sha256,
        size=row.size,
        mime_type=row.mime_type,
        filename=row.filename,
        pages=row.pages,
        created_at=created,
        version=row.version,
        metadata=metadata,
        provenance=dict(row.provenance_json or {}),
    )


def _date(value: object) -> date | None:
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None
