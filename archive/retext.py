"""Replace an original's text (after OCR or a re-read) and re-parse its metadata.

What the parser reads again replaces what it read before; what a person entered
is kept, always.  A change of metadata is a new manifest version like any edit.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import update

from archive.catalog.models import RecordRow
from archive.describe import describe, parser_id
from archive.edit import save_version
from archive.facade import Archive
from archive.indexdoc import index_document
from archive.metadata import merge
from archive.records import Record, searchable_key, text_key
from archive.retention.apply import refresh_retention
from archive.text import ocr_confidence, text_state


def replace_text(
    archive: Archive,
    record: Record,
    document: dict[str, Any],
    *,
    user: str,
    reason: str,
    searchable_pdf: bytes | None = None,
) -> Record:
    """Store new text for ``record``, re-parse its metadata, update catalog and index."""
    archive.store.put_bytes(
        text_key(record.sha256), json.dumps(document, ensure_ascii=False).encode()
    )
    if searchable_pdf:
        archive.store.put_bytes(searchable_key(record.sha256), searchable_pdf)
    updated = reparsed(record, document["pages"], user=user)
    metadata, provenance = refresh_retention(archive, updated.metadata, updated.provenance)
    updated = replace(updated, metadata=metadata, provenance=provenance)
    if updated.metadata != record.metadata:
        change = {
            "by": user,
            "at": datetime.now(UTC).isoformat(),
            "reason": reason,
            "fields": sorted(
                k
                for k in set(updated.metadata) | set(record.metadata)
                if updated.metadata.get(k) != record.metadata.get(k)
            ),
        }
        save_version(archive, record, updated, change)
    else:
        updated = record
    with archive.session() as session:
        session.execute(
            update(RecordRow)
            .where(RecordRow.id == record.id)
            .values(text_state=text_state(document), ocr_confidence=ocr_confidence(document))
        )
    archive.index.add([index_document(updated, document["pages"])])
    return updated


def reparsed(record: Record, pages: list[str], *, user: str) -> Record:
    """The record with freshly parsed metadata; entered values and their provenance stay."""
    at = datetime.now(UTC).isoformat()
    entered = {
        k: v
        for k, v in record.metadata.items()
        if record.provenance.get(k, {}).get("source") == "entered"
    }
    metadata, provenance = merge(
        describe(pages, cleaned=True), entered, parser=parser_id(), user=user, at=at
    )
    for key, source in record.provenance.items():
        if source.get("source") == "entered":
            provenance[key] = dict(source)
            if key not in entered:
                metadata.pop(key, None)  # a person cleared it: the parser may not refill it
    return replace(record, version=record.version + 1, metadata=metadata, provenance=provenance)
