"""Disposition: what has fallen due, four-eyes approval, destruction or transfer.

An archivist proposes a list; a different person with the admin role approves
or rejects it.  Approval removes the original bytes and derivatives of each
record, keeps its metadata with a tombstone version saying who approved what and
when, and leaves a signed-off report in storage.  Transfer first writes a BagIt
package for the historical archive and checks it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select

from archive import audit
from archive.accounts import User
from archive.catalog.models import DisposalRow, RecordRow
from archive.catalog.rows import to_record
from archive.disposal_store import next_number, save_proposal
from archive.disposal_store import save_decision as stored_decision
from archive.edit import save_version
from archive.errors import ArchiveError
from archive.facade import Archive
from archive.holds import active_holds
from archive.permissions import require
from archive.reasons import checked_reason
from archive.records import Record, blob_key, searchable_key, text_key

ACTIONS = {"destroy": "Hủy tài liệu hết giá trị", "transfer": "Nộp lưu vào lưu trữ lịch sử"}
STATES = {"proposed": "Chờ duyệt", "approved": "Đã duyệt, đã thực hiện", "rejected": "Bị từ chối"}


class DisposalError(ArchiveError):
    """The disposal cannot go ahead as asked; the message says why."""

    code = "disposal"


@dataclass(frozen=True)
class Disposal:
    """A disposal list and its decision."""

    id: int
    action: str
    state: str
    reason: str
    record_ids: list[str]
    proposed_by: str
    proposed_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_reason: str | None
    report_key: str | None
    package_path: str | None

    def to_json(self) -> dict[str, Any]:
        """The list as the API and ``--json`` give it."""
        return {
            k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in self.__dict__.items()
        }


def disposal_of(row: DisposalRow) -> Disposal:
    """The list a catalog row describes."""
    return Disposal(
        row.id,
        row.action,
        row.state,
        row.reason,
        list(row.record_ids),
        row.proposed_by,
        row.proposed_at,
        row.decided_by,
        row.decided_at,
        row.decision_reason,
        row.report_key,
        row.package_path,
    )


def due_records(archive: Archive, before: date | None = None) -> list[Record]:
    """Active records due on or before ``before`` (default: today), soonest first.

    With a day in the future the list also holds records not due yet; ``is_due`` tells
    which of them may be proposed today.
    """
    limit = before or archive.settings.today()
    with archive.sessions() as session:
        rows = session.scalars(
            select(RecordRow)
            .where(RecordRow.state == "active", RecordRow.disposal_due <= limit)
            .order_by(RecordRow.disposal_due, RecordRow.id)
        )
        return [to_record(row) for row in rows]


def propose(
    archive: Archive, user: User, record_ids: list[str], *, action: str, reason: str
) -> Disposal:
    """Put due, unheld records on a list for another admin to approve."""
    require(user.role, "disposal.propose")
    if action not in ACTIONS:
        raise DisposalError(f"Cách xử lý '{action}' không có: dùng destroy hoặc transfer")
    if not record_ids:
        raise DisposalError("Cần ít nhất một tài liệu để đề xuất")
    reason = checked_reason(reason, "lý do đề xuất", DisposalError)
    for record_id in record_ids:
        check_disposable(archive, archive.get(record_id))
    _check_not_listed(archive, record_ids)
    row = DisposalRow(
        action=action,
        state="proposed",
        reason=reason.strip(),
        record_ids=list(record_ids),
        proposed_by=user.username,
        proposed_at=datetime.now(UTC),
    )
    with archive.session() as session:
        row.id = next_number(archive.store, session)
        session.add(row)
        session.flush()
        disposal = disposal_of(row)
        save_proposal(archive.store, disposal.to_json())
    audit.record_event(
        archive,
        user.username,
        "disposal_propose",
        details={"list": disposal.id, "action": action, "records": record_ids},
    )
    return disposal


def due_date(record: Record) -> date | None:
    """The day from which the record may be disposed of; None when it is kept for good."""
    retention = record.metadata.get("retention") or {}
    due = retention.get("disposal_due")
    if retention.get("permanent") or not due:
        return None
    return date.fromisoformat(due)


def is_due(record: Record, today: date | None = None) -> bool:
    """Whether the keeping period has ended: on its due date or later, never before.

    ``hoso retention due``, the web's list and ``propose`` all ask this, so a record
    listed as due can always be proposed.
    """
    due = due_date(record)
    return due is not None and due <= (today or date.today())


def check_disposable(archive: Archive, record: Record) -> None:
    due = due_date(record)
    if due is None:
        raise DisposalError(f"Tài liệu {record.id} được bảo quản vĩnh viễn hoặc chưa có hạn")
    if not is_due(record):
        raise DisposalError(
            f"Tài liệu {record.id} chưa hết hạn bảo quản: từ ngày {due:%d/%m/%Y} mới đề xuất được"
        )
    holds = active_holds(archive, record.id)
    if holds:
        raise DisposalError(f"Tài liệu {record.id} đang bị giữ (lý do: {holds[0].reason})")
    if record.metadata.get("disposition"):
        raise DisposalError(f"Tài liệu {record.id} đã được xử lý trước đây")


def _check_not_listed(archive: Archive, record_ids: list[str]) -> None:
    with archive.sessions() as session:
        for row in session.scalars(select(DisposalRow).where(DisposalRow.state == "proposed")):
            clash = set(row.record_ids) & set(record_ids)
            if clash:
                raise DisposalError(
                    f"Tài liệu {sorted(clash)[0]} đã ở danh sách chờ duyệt số {row.id}"
                )


def get_disposal(archive: Archive, disposal_id: int) -> Disposal:
    """One disposal list."""
    with archive.sessions() as session:
        row = session.get(DisposalRow, disposal_id)
        if row is None:
            raise DisposalError(f"Không có danh sách xử lý số {disposal_id}")
        return disposal_of(row)


def list_disposals(archive: Archive, state: str | None = None) -> list[Disposal]:
    """Disposal lists, newest first."""
    query = select(DisposalRow).order_by(DisposalRow.id.desc())
    if state:
        query = query.where(DisposalRow.state == state)
    with archive.sessions() as session:
        return [disposal_of(row) for row in session.scalars(query)]


def save_decision(archive: Archive, disposal: Disposal) -> None:
    """Store the decision on a list: in storage, then in the catalog."""
    with archive.session() as session:
        stored_decision(archive.store, disposal.to_json())
        row = session.get(DisposalRow, disposal.id)
        assert row is not None
        row.state, row.decided_by, row.decided_at = (
            disposal.state,
            disposal.decided_by,
            disposal.decided_at,
        )
        row.decision_reason, row.report_key = disposal.decision_reason, disposal.report_key
        row.package_path = disposal.package_path


def tombstone(archive: Archive, record: Record, disposal: Disposal) -> Record:
    """Keep the record's metadata with a final version saying it was disposed of, and how."""
    metadata = dict(record.metadata)
    metadata["disposition"] = {
        "action": disposal.action,
        "list": disposal.id,
        "proposed_by": disposal.proposed_by,
        "approved_by": disposal.decided_by,
        "approved_at": disposal.decided_at.isoformat() if disposal.decided_at else None,
        "package": disposal.package_path,
        "original_removed": True,
    }
    updated = replace(record, version=record.version + 1, metadata=metadata)
    change = {
        "by": disposal.decided_by,
        "at": metadata["disposition"]["approved_at"],
        "reason": f"{ACTIONS[disposal.action]} theo danh sách số {disposal.id}",
        "fields": ["disposition"],
    }
    save_version(archive, record, updated, change)
    with archive.session() as session:
        row = session.get(RecordRow, record.id)
        assert row is not None
        row.state = "disposed" if disposal.action == "destroy" else "transferred"
    return updated


def remove_bytes(archive: Archive, record: Record) -> list[str]:
    """Delete the original and its derivatives unless another live record shares them."""
    with archive.sessions() as session:
        sharing = session.scalar(
            select(RecordRow.id).where(
                RecordRow.sha256 == record.sha256,
                RecordRow.id != record.id,
                RecordRow.state == "active",
            )
        )
    if sharing:
        return []
    keys = [blob_key(record.sha256), text_key(record.sha256), searchable_key(record.sha256)]
    for key in keys:
        archive.store.delete(key)
    return keys


def report_json(disposal: Disposal, records: list[Record]) -> bytes:
    """The machine-readable manifest kept beside the printable report."""
    items = [
        {"id": r.id, "sha256": r.sha256, "filename": r.filename, "metadata": r.metadata}
        for r in records
    ]
    return json.dumps({**disposal.to_json(), "items": items}, ensure_ascii=False, indent=1).encode()
