"""What falls due and the disposal lists, for the roles that manage them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from archive.accounts import User
from archive.catalog.models import RecordRow
from archive.catalog.rows import open_to_all, to_record
from archive.disposition import Disposal, DisposalError, due_records, get_disposal, list_disposals
from archive.facade import Archive
from archive.holds import active_holds
from archive.permissions import allowed, may_see, require
from archive.records import Record
from archive.retention.schedule import Schedule


def due(archive: Archive, user: User, before: date | None = None) -> list[tuple[Record, bool]]:
    """Records due on or before ``before`` (default today), each with whether it is held."""
    require(user.role, "disposal.propose")
    return [
        (r, bool(active_holds(archive, r.id)))
        for r in due_records(archive, before)
        if may_see(user.role, r.metadata)
    ]


# The home page names this many; the rest are counted and one link away.
NOTICE_LIMIT = 10
MAX_WITHIN_DAYS = 3660


@dataclass(frozen=True)
class DueNotice:
    """Records whose keeping period ends by ``before``: how many, and the soonest."""

    before: date
    total: int
    records: list[tuple[Record, bool]]


def due_soon(
    archive: Archive, user: User, within_days: int | None = None, limit: int = NOTICE_LIMIT
) -> DueNotice:
    """The notice of what falls due within ``within_days`` (default: the setting), overdue
    records included, soonest first; for the roles that propose disposal."""
    require(user.role, "disposal.propose")
    days = archive.settings.due_notice_days if within_days is None else within_days
    if not 0 <= days <= MAX_WITHIN_DAYS:
        raise DisposalError(f"Số ngày báo trước phải từ 0 đến {MAX_WITHIN_DAYS}")
    before = archive.settings.today() + timedelta(days=days)
    falling = (RecordRow.state == "active") & (RecordRow.disposal_due <= before)
    if not allowed(user.role, "record.read_confidential"):
        falling = falling & open_to_all()
    with archive.sessions() as session:
        total = session.scalar(select(func.count()).where(falling)) or 0
        rows = session.scalars(
            select(RecordRow)
            .where(falling)
            .order_by(RecordRow.disposal_due, RecordRow.id)
            .limit(limit)
        )
        records = [to_record(row) for row in rows]
    shown = [
        (r, bool(active_holds(archive, r.id))) for r in records if may_see(user.role, r.metadata)
    ]
    return DueNotice(before, total, shown)


def lists(archive: Archive, user: User) -> list[Disposal]:
    """Every disposal list."""
    require(user.role, "audit.read")
    return list_disposals(archive)


def report(archive: Archive, user: User, disposal_id: int) -> bytes:
    """The printable report of a list that was carried out."""
    require(user.role, "audit.read")
    found = get_disposal(archive, disposal_id)
    if not found.report_key:
        raise DisposalError("Danh sách này chưa được thực hiện nên chưa có biên bản")
    return archive.store.get_bytes(found.report_key)


def schedule(archive: Archive, user: User) -> Schedule:
    """The retention schedule in force, with its legal source."""
    require(user.role, "record.read")
    return archive.schedule
