"""What falls due and the disposal lists, for the roles that manage them."""

from __future__ import annotations

from datetime import date

from archive.accounts import User
from archive.disposition import Disposal, DisposalError, due_records, get_disposal, list_disposals
from archive.facade import Archive
from archive.holds import active_holds
from archive.permissions import require
from archive.records import Record
from archive.retention.schedule import Schedule


def due(archive: Archive, user: User, before: date | None = None) -> list[tuple[Record, bool]]:
    """Records due on or before ``before`` (default today), each with whether it is held."""
    require(user.role, "disposal.propose")
    return [(r, bool(active_holds(archive, r.id))) for r in due_records(archive, before)]


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
