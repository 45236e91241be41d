"""Commit records: storage first (the truth), then the index, then the catalog row.

A record is visible once its catalog row exists, and that row is written last.
A crash before it leaves objects in storage that a re-run of the same ingest
finds and finishes (the record id derives from the SHA-256), never a half-record.
Commits are batched so that a bulk ingest pays for one index commit per batch.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError

from archive.catalog.details import sync_details
from archive.catalog.models import RecordRow
from archive.catalog.rows import copy_row, to_row
from archive.facade import Archive
from archive.indexdoc import index_document
from archive.lock import protect_record
from archive.records import Record, blob_key, manifest_key, record_id_for, text_key
from archive.retention.apply import refresh_retention
from archive.text import text_document, text_state
from storage import NotFound


@dataclass(frozen=True)
class NewRecord:
    """Everything ingest learned about a new original, ready to commit."""

    source: Path
    sha256: str
    size: int
    mime_type: str
    filename: str
    pages: int
    text_pages: list[str]
    sources: list[str]
    extractor: str
    metadata: dict[str, Any]
    provenance: dict[str, dict[str, str]]
    user: str


@dataclass
class CommitBatch:
    """Records written to storage, waiting to be indexed and catalogued together."""

    archive: Archive
    pending: list[tuple[Record, list[str], str]] = field(default_factory=list)
    # First manifests to write at flush, once the originals and texts are on disk.
    manifests: list[tuple[str, bytes]] = field(default_factory=list)

    def pending_record(self, sha256: str) -> Record | None:
        """A record of this batch holding these bytes, not yet visible."""
        return next((r for r, _, _ in self.pending if r.sha256 == sha256), None)

    def stage(self, new: NewRecord) -> Record:
        """Write the original and its text to storage; the first manifest waits for flush."""
        store = self.archive.store
        with new.source.open("rb") as stream:
            store.put(blob_key(new.sha256), stream, durable=False)
        text = text_document(new.sha256, new.text_pages, new.sources, extractor=new.extractor)
        store.put_bytes(text_key(new.sha256), _dumps(text), durable=False)
        record, manifest = _first_manifest(self.archive, new)
        if manifest is not None:
            self.manifests.append((manifest_key(record.id, 1), manifest))
        protect_record(self.archive, record)
        self.pending.append((record, new.text_pages, text_state(text)))
        return record

    def flush(self) -> list[str]:
        """Index and catalog every staged record; return the ids that became visible.

        Durability comes in order, one sync for each step of the whole batch: originals
        and texts, then the manifests that name them, then the index and the catalog. So
        a crash anywhere leaves no manifest whose original is not on disk (a rebuild
        trusts manifests) and nothing visible that is not durable.
        """
        if not self.pending:
            return []
        staged, self.pending = self.pending, []
        manifests, self.manifests = self.manifests, []
        store = self.archive.store
        store.sync()
        for key, data in manifests:
            store.put_bytes(key, data, durable=False)
        store.sync()
        self.archive.index.add(index_document(r, pages) for r, pages, _ in staged)
        return _catalog(self.archive, [to_row(r, text_state=state) for r, _, state in staged])


def _first_manifest(archive: Archive, new: NewRecord) -> tuple[Record, bytes | None]:
    """The record's first version, and its manifest's bytes unless storage has it already."""
    record_id = record_id_for(new.sha256)
    key = manifest_key(record_id, 1)
    try:
        # An earlier, interrupted ingest of the same bytes got this far: finish it.
        return Record.from_json(json.loads(archive.store.get_bytes(key))), None
    except (NotFound, ValueError, KeyError, TypeError):
        # Absent, or cut short by a crash before its batch was synced: write it anew.
        pass
    now = datetime.now(UTC)
    metadata, provenance = refresh_retention(archive, new.metadata, new.provenance)
    record = Record(
        id=record_id,
        sha256=new.sha256,
        size=new.size,
        mime_type=new.mime_type,
        filename=new.filename,
        pages=new.pages,
        created_at=now,
        version=1,
        metadata=metadata,
        provenance=provenance,
    )
    change = {"by": new.user, "at": now.isoformat(), "reason": "Tiếp nhận", "fields": []}
    return record, manifest_bytes(record, change)


def _catalog(archive: Archive, rows: list[RecordRow]) -> list[str]:
    """Insert the rows; return the ids that became visible."""
    try:
        with archive.session() as session:
            session.add_all(rows)
            for row in rows:
                sync_details(session, row.id, row.metadata_json)
        return [row.id for row in rows]
    except IntegrityError:
        pass
    # Another process committed some of the same bytes meanwhile: add the rest one by one.
    visible = []
    for row in rows:
        try:
            with archive.session() as session:
                session.add(copy_row(row))
                sync_details(session, row.id, row.metadata_json)
            visible.append(row.id)
        except IntegrityError:
            continue
    return visible


def manifest_bytes(record: Record, change: dict[str, Any]) -> bytes:
    """The immutable JSON of one metadata version, with who changed what and why."""
    return _dumps({**record.to_json(), "change": change})


def _dumps(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode()
