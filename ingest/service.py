"""Uploads on behalf of a person: permission and audit around the pipeline."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, BinaryIO

from archive import audit
from archive.accounts import User
from archive.facade import Archive
from archive.permissions import require
from ingest.pipeline import IngestResult, ingest_one


def upload(
    archive: Archive,
    user: User,
    stream: BinaryIO,
    filename: str,
    *,
    entered: Mapping[str, Any] | None = None,
    address: str | None = None,
    enqueue: Callable[[int], None] | None = None,
) -> IngestResult:
    """Ingest one uploaded file; a new record, a duplicate or a refusal is audited.

    A scan's OCR job goes to ``enqueue`` (the web's background workers).
    """
    require(user.role, "record.create")
    result = ingest_one(archive, stream, filename, user=user.username, entered=entered)
    if result.job_id is not None and enqueue is not None:
        enqueue(result.job_id)
    details: dict[str, Any] = {"filename": filename, "status": result.status}
    if result.error is not None:
        details["error"] = result.error.code
    audit.record_event(
        archive,
        user.username,
        "upload",
        record_id=result.record.id if result.record else None,
        address=address,
        details=details,
    )
    return result
