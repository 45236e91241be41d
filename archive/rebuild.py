"""Rebuild the derived parts (catalog, index) from storage alone."""

from __future__ import annotations

import json
from collections.abc import Iterator

from sqlalchemy import delete

from archive.catalog.details import sync_details
from archive.catalog.models import RecordRow
from archive.catalog.rows import to_row
from archive.facade import Archive
from archive.indexdoc import index_document
from archive.records import Record
from archive.text import ocr_confidence, text_state
from storage import BlobStore

_BATCH = 500


def current_manifests(store: BlobStore) -> Iterator[Record]:
    """Yield the newest manifest of every record in storage."""
    newest: dict[str, str] = {}
    for key in store.list("records/"):
        parts = key.split("/")
        if len(parts) == 3 and parts[2].startswith("manifest-") and parts[2].endswith(".json"):
            record_id = parts[1]
            newest[record_id] = max(newest.get(record_id, ""), key)
    for key in sorted(newest.values()):
        yield Record.from_json(json.loads(store.get_bytes(key)))


def reindex(archive: Archive) -> int:
    """Build a new search index beside the live one and swap it in; return the count."""
    return archive.index.rebuild(
        index_document(record, archive.text_pages(record))
        for record in current_manifests(archive.store)
    )


def rebuild_catalog(archive: Archive) -> int:
    """Replace the catalog's records with what storage holds, in one transaction."""
    count = 0
    with archive.session() as session:
        session.execute(delete(RecordRow))
        for record in current_manifests(archive.store):
            document = archive.text_document(record)
            session.add(
                to_row(
                    record,
                    text_state=text_state(document),
                    ocr_confidence=ocr_confidence(document),
                )
            )
            sync_details(session, record.id, record.metadata)
            count += 1
            if count % _BATCH == 0:
                session.flush()
    return count
