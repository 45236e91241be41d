"""Rebuild the derived parts (catalog, index) from storage alone."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from archive.catalog.details import sync_details
from archive.catalog.models import DossierItemRow, DossierRow, HoldRow, RecordRow
from archive.catalog.rows import to_row
from archive.facade import Archive
from archive.holds import refresh_held_flags
from archive.indexdoc import index_document
from archive.records import Record
from archive.text import ocr_confidence, text_state
from storage import BlobStore

_BATCH = 500
STATE_OF = {"destroy": "disposed", "transfer": "transferred"}


def _newest(store: BlobStore, prefix: str) -> list[str]:
    newest: dict[str, str] = {}
    for key in store.list(prefix):
        parts = key.split("/")
        if len(parts) == 3 and parts[2].startswith("manifest-") and parts[2].endswith(".json"):
            newest[parts[1]] = max(newest.get(parts[1], ""), key)
    return sorted(newest.values())


def current_manifests(store: BlobStore) -> Iterator[Record]:
    """Yield the newest manifest of every record in storage."""
    for key in _newest(store, "records/"):
        yield Record.from_json(json.loads(store.get_bytes(key)))


def reindex(archive: Archive) -> int:
    """Build a new search index beside the live one and swap it in; return the count."""
    return archive.index.rebuild(
        index_document(record, archive.text_pages(record))
        for record in current_manifests(archive.store)
        if not record.metadata.get("disposition")
    )


def rebuild_catalog(archive: Archive) -> int:
    """Replace records, dossiers and holds in the catalog with what storage holds."""
    count = 0
    with archive.session() as session:
        for table in (RecordRow, DossierItemRow, DossierRow, HoldRow):
            session.execute(delete(table))
        _dossiers(archive, session)
        for record in current_manifests(archive.store):
            document = archive.text_document(record)
            row = to_row(
                record, text_state=text_state(document), ocr_confidence=ocr_confidence(document)
            )
            action = (record.metadata.get("disposition") or {}).get("action")
            row.state = STATE_OF.get(action, "active")
            session.add(row)
            sync_details(session, record.id, record.metadata)
            count += 1
            if count % _BATCH == 0:
                session.flush()
        _holds(archive, session)
    refresh_held_flags(archive)
    return count


def _dossiers(archive: Archive, session: Session) -> None:
    for key in _newest(archive.store, "dossiers/"):
        data = json.loads(archive.store.get_bytes(key))
        session.add(
            DossierRow(
                code=data["code"],
                title=data["title"],
                start_date=date.fromisoformat(data["start_date"])
                if data.get("start_date")
                else None,
                end_date=date.fromisoformat(data["end_date"]) if data.get("end_date") else None,
                confidentiality=data.get("confidentiality"),
                retention_json=data.get("retention") or {},
                version=data["version"],
                updated_at=datetime.fromisoformat(data["change"]["at"]),
            )
        )


def _holds(archive: Archive, session: Session) -> None:
    holds: dict[str, dict] = {}  # type: ignore[type-arg]
    for key in sorted(archive.store.list("holds/")):
        data = json.loads(archive.store.get_bytes(key))
        holds.setdefault(data["id"], {}).update(data)  # "-lifted" sorts after "-placed"
    for data in holds.values():
        session.add(
            HoldRow(
                **{
                    k: data.get(k)
                    for k in (
                        "id",
                        "target_kind",
                        "target_id",
                        "reason",
                        "placed_by",
                        "lifted_by",
                        "lift_reason",
                    )
                },
                placed_at=datetime.fromisoformat(data["placed_at"]),
                lifted_at=datetime.fromisoformat(data["lifted_at"])
                if data.get("lifted_at")
                else None,
            )
        )
