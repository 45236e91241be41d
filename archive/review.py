"""Records whose OCR is weak: pages to check by eye, or to scan again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from archive.catalog.models import RecordRow
from archive.catalog.rows import to_record
from archive.facade import Archive
from archive.records import Record
from archive.text import weak_pages


@dataclass(frozen=True)
class ReviewItem:
    """A record and its recognised pages under the confidence threshold (1-based)."""

    record: Record
    pages: list[tuple[int, float]]

    def to_json(self) -> dict[str, Any]:
        """The record id, file, metadata and weak pages."""
        return {
            "id": self.record.id,
            "filename": self.record.filename,
            "metadata": self.record.metadata,
            "pages": [{"page": n, "confidence": c} for n, c in self.pages],
        }


def review_list(archive: Archive, limit: int = 500) -> list[ReviewItem]:
    """Records with a recognised page under the threshold, weakest first."""
    threshold = archive.settings.ocr_review_confidence
    with archive.sessions() as session:
        rows = session.scalars(
            select(RecordRow)
            .where(RecordRow.ocr_confidence < threshold)
            .order_by(RecordRow.ocr_confidence)
            .limit(limit)
        )
        records = [to_record(row) for row in rows]
    return [
        ReviewItem(record, weak_pages(archive.text_document(record), threshold))
        for record in records
    ]
