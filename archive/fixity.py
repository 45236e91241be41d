"""Fixity: re-hash every original on a schedule; a mismatch or a loss raises an alert.

Nothing is ever repaired silently: a failed check stays on the home page and in the
audit trail until a person looks into it.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select

from archive import audit
from archive.catalog.models import AlertRow, FixityRow, RecordRow
from archive.catalog.rows import to_record
from archive.errors import ArchiveError
from archive.facade import Archive
from archive.records import Record
from storage import NotFound

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class FixityResult:
    """One check: ``ok``, ``mismatch`` or ``missing``, with what was found."""

    record_id: str
    sha256: str
    status: str
    detail: str

    def to_json(self) -> dict[str, str]:
        """The result as ``hoso fixity --json`` gives it."""
        return dict(self.__dict__)


def due_for_check(archive: Archive, limit: int | None) -> list[Record]:
    """Active records, never-checked first, then the longest unchecked."""
    query = (
        select(RecordRow)
        .outerjoin(FixityRow, FixityRow.record_id == RecordRow.id)
        .where(RecordRow.state == "active")
        .order_by(FixityRow.checked_at.is_not(None), FixityRow.checked_at, RecordRow.id)
    )
    if limit:
        query = query.limit(limit)
    with archive.sessions() as session:
        return [to_record(row) for row in session.scalars(query)]


def daily_batch(archive: Archive) -> int:
    """How many originals a daily run checks so that a full pass takes the set period."""
    with archive.sessions() as session:
        active = session.scalar(select(func.count()).where(RecordRow.state == "active")) or 0
    return max(1, math.ceil(active / max(1, archive.settings.fixity_period_days)))


def check(archive: Archive, record: Record) -> FixityResult:
    """Re-hash one original and record the check."""
    digest = hashlib.sha256()
    size = 0
    try:
        with archive.open_original(record) as stream:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except NotFound:
        result = FixityResult(record.id, record.sha256, "missing", "bản gốc không còn trong kho")
    else:
        if digest.hexdigest() == record.sha256 and size == record.size:
            result = FixityResult(record.id, record.sha256, "ok", "")
        else:
            detail = f"SHA-256 đọc được {digest.hexdigest()}, {size} byte (ghi nhận {record.size})"
            result = FixityResult(record.id, record.sha256, "mismatch", detail)
    _record(archive, result)
    return result


def run_checks(archive: Archive, *, sample: int | None = None) -> list[FixityResult]:
    """Check ``sample`` originals (oldest-checked first), or all of them."""
    return [check(archive, record) for record in due_for_check(archive, sample)]


def _record(archive: Archive, result: FixityResult) -> None:
    now = datetime.now(UTC)
    ok = result.status == "ok"
    with archive.session() as session:
        session.merge(
            FixityRow(
                record_id=result.record_id, checked_at=now, ok=ok, detail=result.detail or None
            )
        )
        if not ok:
            session.add(
                AlertRow(
                    at=now,
                    kind=f"fixity_{result.status}",
                    record_id=result.record_id,
                    message=_message(result),
                )
            )
    audit.record_event(
        archive,
        "hoso-fixity",
        "fixity" if ok else "fixity_failed",
        record_id=result.record_id,
        details={"status": result.status, "detail": result.detail},
    )


def _message(result: FixityResult) -> str:
    if result.status == "missing":
        return f"Bản gốc của tài liệu {result.record_id} không còn trong kho lưu trữ"
    return f"Bản gốc của tài liệu {result.record_id} đã bị thay đổi: {result.detail}"


@dataclass(frozen=True)
class Alert:
    """An open alert."""

    id: int
    at: datetime
    kind: str
    record_id: str | None
    message: str


def open_alerts(archive: Archive) -> list[Alert]:
    """Alerts nobody has resolved yet, newest first."""
    with archive.sessions() as session:
        rows = session.scalars(
            select(AlertRow).where(AlertRow.resolved_at.is_(None)).order_by(AlertRow.at.desc())
        )
        return [
            Alert(
                r.id,
                r.at,
                r.kind,
                r.record_id,
                r.message,
            )
            for r in rows
        ]


class AlertGone(ArchiveError, KeyError):
    """No open alert has that number (already dealt with, or never raised)."""

    code = "not_found"

    def __init__(self, alert_id: int) -> None:
        super().__init__(alert_id)
        self.alert_id = alert_id

    def __str__(self) -> str:
        return f"Không có cảnh báo số {self.alert_id} đang mở"


def resolve_alert(archive: Archive, alert_id: int, *, user: str, note: str) -> None:
    """Close an alert once a person has dealt with it (the note goes to the audit trail)."""
    with archive.session() as session:
        row = session.get(AlertRow, alert_id)
        if row is None or row.resolved_at is not None:
            raise AlertGone(alert_id)
        row.resolved_by, row.resolved_at = user, datetime.now(UTC)
    audit.record_event(archive, user, "alert_resolve", details={"alert": alert_id, "note": note})
