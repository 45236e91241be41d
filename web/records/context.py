"""What a record page shows beside the record: links, OCR state, holds (read-only glue)."""

from __future__ import annotations

from typing import Any

from archive import jobs, service
from archive.accounts import User
from archive.facade import Archive
from archive.holds import active_holds, holds_on
from archive.links import Link
from archive.records import Record


def _number_key(number: str | None) -> str:
    return "".join((number or "").upper().split())


def references(record: Record, cites: list[Link]) -> list[dict[str, Any]]:
    """The record's cited documents, each with the archived record it names, if any."""
    archived = {_number_key(link.number): link for link in cites if link.number}
    return [
        {**ref, "link": archived.get(_number_key(ref.get("number")))}
        for ref in record.metadata.get("references") or []
    ]


def has_searchable_pdf(archive: Archive, record: Record) -> bool:
    """Whether OCR left a searchable PDF of this original."""
    stream = archive.searchable_pdf(record)
    if stream is None:
        return False
    stream.close()
    return True


def record_context(archive: Archive, record: Record, user: User) -> dict[str, Any]:
    """Everything the record page's panels need, for a record the user may already see."""
    linked = service.links(archive, user, record)
    document = archive.text_document(record)
    return {
        "links": linked,
        "same_number": service.same_number(archive, user, record),
        "references": references(record, linked["cites"]),
        "pages": list(document.get("pages") or []),
        "sources": list(document.get("sources") or []),
        "confidence": list(document.get("confidence") or []),
        "threshold": archive.settings.ocr_review_confidence,
        "jobs": jobs.listing(archive, record_id=record.id, limit=20),
        "searchable": has_searchable_pdf(archive, record),
        "holds": holds_on(archive, record.id),
        "binding_holds": active_holds(archive, record.id),
    }
