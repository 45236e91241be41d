"""Audit events filtered by user, action, record and day range, for the audit page.

``archive.audit.events`` filters by record only; this is the same read with the other
filters the page offers (candidate to move into ``archive.audit``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from sqlalchemy import select

from archive.audit import AuditEvent
from archive.catalog.models import AuditRow
from archive.facade import Archive


@dataclass(frozen=True)
class AuditFilter:
    """Which events to show; empty fields do not filter."""

    username: str = ""
    action: str = ""
    record_id: str = ""
    since: date | None = None
    until: date | None = None


def _start(day: date, zone: tzinfo) -> datetime:
    """The first moment of ``day`` in the office's zone, in UTC."""
    return datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC)


def find_events(
    archive: Archive, wanted: AuditFilter, zone: tzinfo, limit: int
) -> list[AuditEvent]:
    """The newest events matching ``wanted``; days are whole days of the office's zone."""
    query = select(AuditRow).order_by(AuditRow.seq.desc()).limit(limit)
    if wanted.username:
        query = query.where(AuditRow.username == wanted.username)
    if wanted.action:
        query = query.where(AuditRow.action == wanted.action)
    if wanted.record_id:
        query = query.where(AuditRow.record_id == wanted.record_id)
    if wanted.since:
        query = query.where(AuditRow.at >= _start(wanted.since, zone))
    if wanted.until:
        query = query.where(AuditRow.at < _start(wanted.until + timedelta(days=1), zone))
    with archive.sessions() as session:
        return [_event(row) for row in session.scalars(query)]


def _event(row: AuditRow) -> AuditEvent:
    return AuditEvent(
        seq=row.seq,
        at=row.at if row.at.tzinfo else row.at.replace(tzinfo=UTC),
        username=row.username,
        action=row.action,
        record_id=row.record_id,
        address=row.address,
        details=dict(row.details or {}),
        hash=row.hash,
    )
