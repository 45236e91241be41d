"""Background jobs as catalog rows: queued → running → done | failed, with a lease.

The queue library only delivers job ids; this table is the truth.  A worker claims
a job with a compare-and-set, renews its lease while it works, and a job whose
worker died (lease expired) is queued again, so nothing is lost.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select, update

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
    """Take a queued job (or one whose worker died); False when someone else has it."""
    now = datetime.now(UTC)
    with archive.session() as session:
        taken = session.execute(
            update(JobRow)
            .where(
                JobRow.id == job_id,
                or_(
                    JobRow.state == "queued",
                    (JobRow.state == "running") & (JobRow.lease_until < now),
                ),
            )
            .values(
                state="running",
                worker=worker,
                started_at=now,
                lease_until=now + LEASE,
                attempts=JobRow.attempts + 1,
                error=None,
            )
        ).rowcount
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
        moved = session.execute(
            update(JobRow)
            .where(JobRow.id == job_id, JobRow.state == "failed")
            .values(state="queued", error=None, finished_at=None, created_at=datetime.now(UTC))
        ).rowcount
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
    """Jobs to deliver again: queued long ago, or running under an expired lease."""
    now = datetime.now(UTC)
    with archive.sessions() as session:
        return list(
            session.scalars(
                select(JobRow.id).where(
                    or_(
                        (JobRow.state == "queued") & (JobRow.created_at < now - REDELIVER_AFTER),
                        (JobRow.state == "running") & (JobRow.lease_until < now),
                    )
                )
            )
        )
