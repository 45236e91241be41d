"""Change a record's metadata: a new immutable manifest version, never an overwrite."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import update

from archive.catalog.db import rows_changed
from archive.catalog.details import sync_details
from archive.catalog.models import RecordRow
from archive.catalog.rows import fill_row
from archive.commit import manifest_bytes
from archive.errors import ArchiveError
from archive.facade import Archive
from archive.holds import refuse_if_held
from archive.indexdoc import index_document
from archive.lock import protect_record
from archive.metadata import validate
from archive.reasons import checked_reason
from archive.records import Record, ensure_kept, manifest_key
from archive.retention.apply import refresh_retention
from storage import NotFound


class EditError(ArchiveError):
    """The change cannot be made as asked."""

    code = "invalid_edit"


class EditConflict(ArchiveError):
    """Someone else saved a newer version first."""

    code = "conflict"


def update_metadata(
    archive: Archive,
    record_id: str,
    changes: Mapping[str, Any],
    *,
    reason: str,
    user: str,
    expected_version: int | None = None,
) -> Record:
    """Save ``changes`` as entered values in a new version; return the new record."""
    reason = checked_reason(reason, "lý do sửa", EditError)
    current = archive.get(record_id)
    ensure_kept(current)
    refuse_if_held(archive, record_id, "sửa")
    if expected_version is not None and expected_version != current.version:
        raise EditConflict(
            f"Tài liệu đã được sửa thành phiên bản {current.version} trong lúc bạn sửa; "
            "hãy tải lại trang và sửa lại"
        )
    clean = validate(changes)
    changed = sorted(k for k, v in clean.items() if current.metadata.get(k) != v)
    if not changed:
        raise EditError("Không có thay đổi nào so với phiên bản hiện tại")
    record = _next_version(current, clean, changed, user)
    metadata, provenance = refresh_retention(archive, record.metadata, record.provenance)
    record = replace(record, metadata=metadata, provenance=provenance)
    change = {
        "by": user,
        "at": datetime.now(UTC).isoformat(),
        "reason": reason.strip(),
        "fields": changed,
    }
    save_version(archive, current, record, change)
    archive.index.add([index_document(record, archive.text_pages(record))])
    return record


def save_version(archive: Archive, current: Record, record: Record, change: dict[str, Any]) -> None:
    """Write the next manifest (never over an existing one), then move the catalog row."""
    _write_manifest(archive, record, change)
    _update_catalog(archive, current, record)
    if record.metadata.get("retention") != current.metadata.get("retention"):
        protect_record(archive, record)


def _next_version(current: Record, clean: dict[str, Any], changed: list[str], user: str) -> Record:
    at = datetime.now(UTC).isoformat()
    metadata = dict(current.metadata)
    provenance = {k: dict(v) for k, v in current.provenance.items()}
    for key in changed:
        if clean[key] is None:
            metadata.pop(key, None)
        else:
            metadata[key] = clean[key]
        # A cleared field stays marked as entered, so a re-parse does not bring it back.
        provenance[key] = {"source": "entered", "by": user, "at": at}
    return replace(current, version=current.version + 1, metadata=metadata, provenance=provenance)


def _write_manifest(archive: Archive, record: Record, change: dict[str, Any]) -> None:
    key = manifest_key(record.id, record.version)
    if archive.store.exists(key):
        raise EditConflict("Phiên bản này vừa được người khác lưu; hãy tải lại trang")
    archive.store.put_bytes(key, manifest_bytes(record, change))


def _update_catalog(archive: Archive, current: Record, record: Record) -> None:
    with archive.session() as session:
        moved = rows_changed(
            session,
            update(RecordRow)
            .where(RecordRow.id == record.id, RecordRow.version == current.version)
            .values(version=record.version),
        )
        if moved != 1:
            raise EditConflict("Phiên bản này vừa được người khác lưu; hãy tải lại trang")
        row = session.get(RecordRow, record.id)
        assert row is not None
        fill_row(row, record)
        sync_details(session, record.id, record.metadata)


def history(archive: Archive, record: Record) -> list[dict[str, Any]]:
    """Every version of the record, newest first, with who changed what and why."""
    versions = []
    for version in range(record.version, 0, -1):
        try:
            data = json.loads(archive.store.get_bytes(manifest_key(record.id, version)))
        except NotFound:
            continue
        versions.append(data)
    return versions
