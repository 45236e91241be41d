"""Bulk imports started on the web, as catalog rows: what a page polls, whoever runs them.

The import itself runs as a job (``ingest/import_job.py``) in whichever worker takes
it, so its progress, outcome and a request to cancel it live here, not in the memory
of the web process that took the upload: any web process shows it, and a restart
loses nothing (the job is delivered again and the journal resumes the box).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from archive.catalog.db import rows_changed
from archive.catalog.models import ImportRunRow
from archive.facade import Archive

STATES = ("queued", "running", "done", "failed", "cancelled")
FINAL = ("done", "failed", "cancelled")


@dataclass(frozen=True)
class ImportStatus:
    """One import as its page shows it."""

    id: str
    username: str
    box_name: str
    manifest_name: str | None
    folder: Path
    dry_run: bool
    state: str
    total: int
    done: int
    cancel_requested: bool
    error: str | None
    result: dict[str, Any] | None
    created_at: datetime
    finished_at: datetime | None

    @property
    def ended(self) -> bool:
        """Whether the import will change no more."""
        return self.state in FINAL

    def to_json(self) -> dict[str, Any]:
        """What the progress poll needs."""
        return {"id": self.id, "state": self.state, "done": self.done, "total": self.total}


def _status(row: ImportRunRow) -> ImportStatus:
    return ImportStatus(
        id=row.id,
        username=row.username,
        box_name=row.box_name,
        manifest_name=row.manifest_name,
        folder=Path(row.folder),
        dry_run=row.dry_run,
        state=row.state,
        total=row.total,
        done=row.done,
        cancel_requested=row.cancel_requested,
        error=row.error,
        result=row.result_json,
        created_at=row.created_at,
        finished_at=row.finished_at,
    )


def create(
    archive: Archive,
    import_id: str,
    *,
    username: str,
    box_name: str,
    manifest_name: str | None,
    folder: Path,
    dry_run: bool,
    total: int,
) -> ImportStatus:
    """Note a new import, queued for a worker."""
    with archive.session() as session:
        row = ImportRunRow(
            id=import_id,
            username=username,
            box_name=box_name,
            manifest_name=manifest_name,
            folder=str(folder),
            dry_run=dry_run,
            state="queued",
            total=total,
            done=0,
            cancel_requested=False,
            created_at=datetime.now(UTC),
        )
        session.add(row)
        session.flush()
        return _status(row)


def get(archive: Archive, import_id: str) -> ImportStatus | None:
    """One import."""
    with archive.sessions() as session:
        row = session.get(ImportRunRow, import_id)
        return _status(row) if row else None


def recent(archive: Archive, limit: int = 10) -> list[ImportStatus]:
    """The newest imports."""
    query = select(ImportRunRow).order_by(ImportRunRow.created_at.desc()).limit(limit)
    with archive.sessions() as session:
        return [_status(row) for row in session.scalars(query)]


def started(archive: Archive, import_id: str, total: int) -> None:
    """The worker began (again, after a restart): count from zero."""
    _set(archive, import_id, state="running", total=total, done=0)


def progressed(archive: Archive, import_id: str, done: int) -> bool:
    """Note how many files are settled; return whether a person asked to cancel."""
    _set(archive, import_id, done=done)
    found = get(archive, import_id)
    return bool(found and found.cancel_requested)


def ask_cancel(archive: Archive, import_id: str) -> bool:
    """Ask the worker to stop after the file it is on; False when already ended."""
    with archive.session() as session:
        moved = rows_changed(
            session,
            update(ImportRunRow)
            .where(ImportRunRow.id == import_id, ImportRunRow.state.in_(("queued", "running")))
            .values(cancel_requested=True),
        )
    return bool(moved)


def finish(
    archive: Archive,
    import_id: str,
    state: str,
    *,
    result: dict[str, Any] | None = None,
    error: str | None = None,
) -> None:
    """The import ended: done (with every file's outcome), failed or cancelled."""
    _set(
        archive,
        import_id,
        state=state,
        result_json=result,
        error=error,
        finished_at=datetime.now(UTC),
    )


def _set(archive: Archive, import_id: str, **values: Any) -> None:
    with archive.session() as session:
        session.execute(update(ImportRunRow).where(ImportRunRow.id == import_id).values(**values))
