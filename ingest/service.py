"""Ingest on behalf of a person: permission and audit around the pipeline and imports."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, Any

from archive import audit
from archive.accounts import User
from archive.facade import Archive
from archive.permissions import may_see, require
from archive.records import Record
from ingest.batch import ingest_paths
from ingest.bulk import Importer, ImportRun
from ingest.pipeline import IngestResult, Visible, ingest_one


def _sees(user: User) -> Visible:
    """What a duplicate-number warning may name for this person."""

    def visible(record: Record) -> bool:
        return may_see(user.role, record.metadata)

    return visible


def upload(
    archive: Archive,
    user: User,
    stream: IO[bytes],
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
    result = ingest_one(
        archive, stream, filename, user=user.username, entered=entered, visible=_sees(user)
    )
    if result.job_id is not None and enqueue is not None:
        enqueue(result.job_id)
    details: dict[str, Any] = {"filename": filename, "status": result.status}
    if result.error is not None:
        details["error"] = result.error.code
    if result.same_number:
        details["same_number"] = [r.id for r in result.same_number]
    audit.record_event(
        archive,
        user.username,
        "upload",
        record_id=result.record.id if result.record else None,
        address=address,
        details=details,
    )
    return result


def ingest_files(
    archive: Archive,
    user: User,
    paths: Iterable[Path],
    *,
    entered: Mapping[str, Any] | None = None,
    report: Callable[[IngestResult], None] = lambda result: None,
    background: bool = False,
) -> Counter[str]:
    """Ingest local files (``hoso ingest``); each new record is an upload event."""
    require(user.role, "record.create")

    def audited(result: IngestResult) -> None:
        if result.status == "created" and result.record is not None:
            details: dict[str, Any] = {"filename": result.filename, "status": result.status}
            if result.same_number:
                details["same_number"] = [r.id for r in result.same_number]
            audit.record_event(
                archive, user.username, "upload", record_id=result.record.id, details=details
            )
        report(result)

    return ingest_paths(
        archive,
        paths,
        user=user.username,
        entered=entered,
        report=audited,
        background=background,
        visible=_sees(user),
    )


def importer(archive: Archive, user: User, box: Path, **options: Any) -> Importer:
    """An import of ``box`` acting for ``user`` (``hoso import``, the web's import job)."""
    require(user.role, "record.create")
    return Importer(archive, box, user=user.username, visible=_sees(user), **options)


def note_import(archive: Archive, user: User, box: Path, run: ImportRun, *, dry_run: bool) -> None:
    """The import as one audit event, with its counts (each new record is its own event)."""
    details: dict[str, Any] = {"box": box.name, "dry_run": dry_run, **run.counts}
    audit.record_event(archive, user.username, "import", details=details)
    if dry_run:
        return
    for outcome in run.outcomes:
        if outcome.status == "created" and outcome.record_id:
            audit.record_event(
                archive,
                user.username,
                "upload",
                record_id=outcome.record_id,
                details={"filename": outcome.relpath, "status": "created", "import": box.name},
            )
