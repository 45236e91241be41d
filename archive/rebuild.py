"""Rebuild the derived parts (catalog, index) from storage alone."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, text
from sqlalchemy.orm import Session

from archive import audit_bucket, classification
from archive.account_store import stored_accounts, stored_tokens
from archive.backfill import backfill
from archive.catalog.details import sync_details
from archive.catalog.models import (
    AuditRow,
    AwardRow,
    DisposalRow,
    DossierItemRow,
    DossierRow,
    HoldRow,
    RecordRow,
    ReferenceRow,
    TokenRow,
    UserRow,
)
from archive.catalog.rows import to_row
from archive.disposal_store import stored_lists
from archive.facade import Archive
from archive.holds import refresh_held_flags, stored_holds
from archive.index_sources import index_sources, read_manifest
from archive.records import Record
from archive.text import ocr_confidence, text_state
from search.sources import Sources
from storage import BlobStore

_BATCH = 500
STATE_OF = {"destroy": "disposed", "transfer": "transferred"}
# What a rebuild replaces; jobs, import journals, fixity checks and alerts are not in storage.
REPLACED = (
    RecordRow,
    ReferenceRow,
    AwardRow,
    DossierItemRow,
    DossierRow,
    HoldRow,
    UserRow,
    TokenRow,
    DisposalRow,
    AuditRow,
)


def _newest(store: BlobStore, prefix: str) -> list[str]:
    newest: dict[str, str] = {}
    for key in store.list(prefix):
        parts = key.split("/")
        if len(parts) == 3 and parts[2].startswith("manifest-") and parts[2].endswith(".json"):
            newest[parts[1]] = max(newest.get(parts[1], ""), key)
    return sorted(newest.values())


def current_manifests(store: BlobStore) -> Iterator[Record]:
    """Yield the newest manifest of every record in storage (unreadable ones are skipped)."""
    for key in _newest(store, "records/"):
        record = read_manifest(store, key)
        if record is not None:
            yield record


def stored_index_sources(archive: Archive) -> Sources:
    """The search documents of every record kept in storage, to be read in chunks."""
    return index_sources(archive.store, _newest(archive.store, "records/"))


def reindex(archive: Archive) -> int:
    """Build a new search index beside the live one and swap it in; return the count.

    The engine reads the records in chunks, in worker processes when there are many.
    """
    return archive.index.rebuild(stored_index_sources(archive))


def rebuild_catalog(archive: Archive) -> int:
    """Replace what the catalog holds of storage with storage's own copy; return the records."""
    backfill(archive)
    with archive.session() as session:
        for table in REPLACED:
            session.execute(delete(table))
        _dossiers(archive, session)
        count = _records(archive, session)
        for hold in stored_holds(archive.store):
            session.add(HoldRow(**_dated(hold, "placed_at", "lifted_at")))
        session.add_all(stored_accounts(archive.store))
        session.add_all(stored_tokens(archive.store))
        for listed in stored_lists(archive.store):
            session.add(DisposalRow(**_dated(listed, "proposed_at", "decided_at")))
        _audit(archive, session)
        _restart_counters(session)
    refresh_held_flags(archive)
    audit_bucket.seal(archive)
    return count


def _records(archive: Archive, session: Session) -> int:
    count = 0
    for record in current_manifests(archive.store):
        document = archive.text_document(record)
        row = to_row(
            record, text_state=text_state(document), ocr_confidence=ocr_confidence(document)
        )
        action = (record.metadata.get("disposition") or {}).get("action")
        row.state = STATE_OF.get(str(action), "active")
        session.add(row)
        sync_details(session, record.id, record.metadata)
        count += 1
        if count % _BATCH == 0:
            session.flush()
    return count


def _dated(data: dict[str, Any], *names: str) -> dict[str, Any]:
    return {**data, **{n: datetime.fromisoformat(data[n]) if data.get(n) else None for n in names}}


def _audit(archive: Archive, session: Session) -> None:
    expected = audit_bucket.GENESIS
    for stored in audit_bucket.stored_ranges(archive.store):
        chain, _ = audit_bucket.chain_of(stored, expected)
        for event in chain:
            session.add(AuditRow(**_dated(event, "at"), stored=True))
            expected = event["hash"]
        session.flush()


def _restart_counters(session: Session) -> None:
    """PostgreSQL numbers rows from a sequence, which the restored numbers did not move."""
    if session.get_bind().dialect.name != "postgresql":
        return  # SQLite numbers the next row from the highest one present
    for table, column in (("audit_events", "seq"), ("disposals", "id")):
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                f"COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)"
            )
        )


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
                confidentiality=classification.stored(data.get("confidentiality")),
                retention_json=data.get("retention") or {},
                version=data["version"],
                updated_at=datetime.fromisoformat(data["change"]["at"]),
            )
        )
