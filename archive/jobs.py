"""Background jobs as catalog rows: queued → running → done | failed, with a lease.

The queue library only delivers job ids; this table is the truth.  A worker claims
a job with a compare-and-set, renews its lease while it works, and a job whose
worker died (lease expired) is queued again, so nothing is lost.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select, update

from archive.catalog.db import rows_changed
from archive.catalog.models import JobRow
from archive.facade import Archive

LEASE = timedelta(minutes=5)
# Queued jobs older than this that no worker took are delivered again.
REDELIVER_AFTER = timedelta(minutes=2)
STATE_LABELS = {
    "queued": "Đang chờ",
    "running": "Đang chạy",
    "done": "Xong",
    "failed": "Lỗi",
}


@dataclass(frozen=True)
class Job:
    """What people see of a job."""

    id: int
    kind: str
    record_id: str
    state: str
    attempts: int
    error: str | None
    progress: str | None
    created_at: datetime
    finished_at: datetime | None


def _job(row: JobRow) -> Job:
    return Job(
        id=row.id,
        kind=row.kind,
        record_id=row.record_id,
        state=row.state,
        attempts=row.attempts,
        error=row.error,
        progress=row.progress,
        created_at=row.created_at,
        finished_at=row.finished_at,
    )


def worker_name() -> str:
    """This process, as recorded on the jobs it runs."""
    return f"{socket.gethostname()}:{os.getpid()}"


def worker_gone(worker: str | None) -> bool:
    """Whether ``worker`` was a process of this host that no longer runs.

    Only this host can tell: a worker elsewhere keeps its job until the lease ends.
    A reused process id looks alive, which only means waiting for the lease.
    """
    host, _, pid = (worker or "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _takeable(now: datetime):  # type: ignore[no-untyped-def]
    """Jobs a worker may claim by the lease alone: queued, or running past their lease."""
    return or_(
        JobRow.state == "queued",
        (JobRow.state == "running") & (JobRow.lease_until < now),
    )


def create(archive: Archive, kind: str, record_id: str) -> int:
    """Queue a job; return its id."""
    with archive.session() as session:
        row = JobRow(
            kind=kind,
            record_id=record_id,
            state="queued",
            attempts=0,
            created_at=datetime.now(UTC),
        )
        session.add(row)
        session.flush()
        return row.id


def claim(archive: Archive, job_id: int, worker: str) -> bool:
    """Take a queued job (or one whose worker died); False when someone else has it.

    A job whose worker was a process of this host that has ended is taken at once;
    one held by a worker elsewhere only when its lease has run out.
    """
    now = datetime.now(UTC)
    with archive.session() as session:
        holder = session.scalar(
            select(JobRow.worker).where(JobRow.id == job_id, JobRow.state == "running")
        )
        takeable = _takeable(now)
        if worker_gone(holder):
            # Compare-and-set on the dead holder, so two claimants cannot both win.
            takeable = or_(takeable, (JobRow.state == "running") & (JobRow.worker == holder))
        taken = rows_changed(
            session,
            update(JobRow)
            .where(JobRow.id == job_id, takeable)
            .values(
                state="running",
                worker=worker,
                started_at=now,
                lease_until=now + LEASE,
                attempts=JobRow.attempts + 1,
                error=None,
            ),
        )
    return taken == 1


def heartbeat(archive: Archive, job_id: int, progress: str) -> None:
    """Renew the lease and say how far the job has got."""
    with archive.session() as session:
        session.execute(
            update(JobRow)
            .where(JobRow.id == job_id)
            .values(lease_until=datetime.now(UTC) + LEASE, progress=progress)
        )


def finish(archive: Archive, job_id: int, *, error: str | None = None) -> None:
    """Mark a job done, or failed with the reason."""
    with archive.session() as session:
        session.execute(
            update(JobRow)
            .where(JobRow.id == job_id)
            .values(
                state="failed" if error else "done",
                error=error,
                finished_at=datetime.now(UTC),
                lease_until=None,
            )
        )


def retry(archive: Archive, job_id: int) -> bool:
    """Queue a failed job again; False when it is not failed."""
    with archive.session() as session:
        moved = rows_changed(
            session,
            update(JobRow)
            .where(JobRow.id == job_id, JobRow.state == "failed")
            .values(state="queued", error=None, finished_at=None, created_at=datetime.now(UTC)),
        )
    return moved == 1


def get(archive: Archive, job_id: int) -> Job | None:
    """One job."""
    with archive.sessions() as session:
        row = session.get(JobRow, job_id)
        return _job(row) if row else None


def listing(
    archive: Archive, *, state: str | None = None, record_id: str | None = None, limit: int = 100
) -> list[Job]:
    """The newest jobs, optionally of one state or record."""
    query = select(JobRow).order_by(JobRow.id.desc()).limit(limit)
    if state:
        query = query.where(JobRow.state == state)
    if record_id:
        query = query.where(JobRow.record_id == record_id)
    with archive.sessions() as session:
        return [_job(row) for row in session.scalars(query)]


def undelivered(archive: Archive) -> list[int]:
    """Jobs to deliver again: queued long ago, running under an expired lease, or
    running for a process of this host that has ended."""
    now = datetime.now(UTC)
    with archive.sessions() as session:
        rows = session.execute(
            select(
                JobRow.id, JobRow.state, JobRow.created_at, JobRow.lease_until, JobRow.worker
            ).where(JobRow.state.in_(("queued", "running")))
        ).all()
    return [
        row.id
        for row in rows
        if (row.state == "queued" and row.created_at < now - REDELIVER_AFTER)
        or (row.state == "running" and _stranded(row.lease_until, row.worker, now))
    ]


def unfinished(archive: Archive, record_ids: Iterable[str]) -> dict[str, int]:
    """The OCR job each record still waits for, when nobody is working on it.

    Queued jobs, and running ones whose worker has ended or whose lease ran out, are
    what an interrupted ingest or import left behind; running them again finishes it.
    A job a live worker holds is left to that worker.
    """
    wanted = list(dict.fromkeys(record_ids))
    if not wanted:
        return {}
    now = datetime.now(UTC)
    found: dict[str, int] = {}
    with archive.sessions() as session:
        for start in range(0, len(wanted), 500):
            rows = session.execute(
                select(JobRow.id, JobRow.record_id, JobRow.state, JobRow.lease_until, JobRow.worker)
                .where(
                    JobRow.kind == "ocr",
                    JobRow.record_id.in_(wanted[start : start + 500]),
                    JobRow.state.in_(("queued", "running")),
                )
                .order_by(JobRow.id)
            ).all()
            for row in rows:
                if row.state == "queued" or _stranded(row.lease_until, row.worker, now):
                    found.setdefault(row.record_id, row.id)
    return found


def _stranded(lease_until: datetime | None, worker: str | None, now: datetime) -> bool:
    return (lease_until is not None and lease_until < now) or worker_gone(worker)
