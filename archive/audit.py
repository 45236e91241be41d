"""The audit trail: append-only, each event chained to the one before by its hash."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from archive import audit_bucket
from archive.audit_bucket import GENESIS, entry_hash
from archive.audit_verify import verify_chain, write_checkpoint
from archive.catalog.models import AuditRow
from archive.facade import Archive

__all__ = [
    "ACTION_LABELS",
    "GENESIS",
    "AuditEvent",
    "entry_hash",
    "events",
    "export_csv",
    "record_event",
    "verify_chain",
    "write_checkpoint",
]
_RETRIES = 20

ACTION_LABELS = {
    "signin": "Đăng nhập",
    "signin_failed": "Đăng nhập sai",
    "signout": "Đăng xuất",
    "upload": "Tiếp nhận tài liệu",
    "view": "Xem tài liệu",
    "download": "Tải bản gốc",
    "edit": "Sửa siêu dữ liệu",
    "user_add": "Thêm tài khoản",
    "token_create": "Tạo mã API",
    "hold_place": "Đặt lệnh giữ",
    "hold_lift": "Gỡ lệnh giữ",
    "disposal_propose": "Đề xuất xử lý tài liệu hết hạn",
    "disposal_approve": "Duyệt danh sách xử lý",
    "disposal_reject": "Từ chối danh sách xử lý",
    "disposal_destroy": "Hủy tài liệu",
    "disposal_transfer": "Nộp lưu tài liệu",
    "fixity": "Kiểm tra toàn vẹn",
    "fixity_failed": "Kiểm tra toàn vẹn: LỖI",
    "alert_resolve": "Xử lý cảnh báo",
    "dossier_create": "Lập hồ sơ",
    "dossier_edit": "Sửa hồ sơ",
    "retention_set": "Đặt thời hạn bảo quản",
    "setting_change": "Thay đổi thiết lập",
}


@dataclass(frozen=True)
class AuditEvent:
    """Who did what to which record, when and from where."""

    seq: int
    at: datetime
    username: str
    action: str
    record_id: str | None
    address: str | None
    details: dict[str, Any]
    hash: str


def record_event(
    archive: Archive,
    username: str,
    action: str,
    *,
    record_id: str | None = None,
    address: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Append one event to the chain and copy it to storage; a lost race is retried."""
    for _ in range(_RETRIES):
        try:
            with archive.session() as session:
                row, previous = _append(session, username, action, record_id, address, details)
            break
        except IntegrityError:
            continue  # another process took the same predecessor: chain onto its event
    else:
        raise RuntimeError("không ghi được nhật ký kiểm tra sau nhiều lần thử")
    audit_bucket.after_write(archive, row, previous)


def _append(
    session: Session,
    username: str,
    action: str,
    record_id: str | None,
    address: str | None,
    details: dict[str, Any] | None,
) -> tuple[AuditRow, int]:
    last = session.execute(
        select(AuditRow.seq, AuditRow.hash).order_by(AuditRow.seq.desc()).limit(1)
    ).first()
    prev = last.hash if last else GENESIS
    at = datetime.now(UTC)
    details = details or {}
    row = AuditRow(
        at=at,
        username=username,
        action=action,
        record_id=record_id,
        address=address,
        details=details,
        prev_hash=prev,
        hash=entry_hash(prev, at.isoformat(), username, action, record_id, address, details),
        stored=False,
    )
    session.add(row)
    session.flush()
    return row, last.seq if last else 0


def events(archive: Archive, *, record_id: str | None = None, limit: int = 200) -> list[AuditEvent]:
    """The newest events, optionally of one record."""
    query = select(AuditRow).order_by(AuditRow.seq.desc()).limit(limit)
    if record_id:
        query = query.where(AuditRow.record_id == record_id)
    with archive.sessions() as session:
        return [
            AuditEvent(
                seq=row.seq,
                at=row.at,
                username=row.username,
                action=row.action,
                record_id=row.record_id,
                address=row.address,
                details=dict(row.details or {}),
                hash=row.hash,
            )
            for row in session.scalars(query)
        ]


def export_csv(
    archive: Archive,
    out: Any,
    *,
    username: str | None = None,
    action: str | None = None,
    record_id: str | None = None,
) -> int:
    """Write the trail (oldest first) as CSV to a text stream; return the row count."""
    import csv

    query = select(AuditRow).order_by(AuditRow.seq)
    if username:
        query = query.where(AuditRow.username == username)
    if action:
        query = query.where(AuditRow.action == action)
    if record_id:
        query = query.where(AuditRow.record_id == record_id)
    writer = csv.writer(out)
    writer.writerow(
        [
            "stt",
            "thời điểm (UTC)",
            "người dùng",
            "hành động",
            "diễn giải",
            "mã tài liệu",
            "địa chỉ",
            "chi tiết",
            "mã băm trước",
            "mã băm",
        ]
    )
    count = 0
    with archive.sessions() as session:
        for row in session.scalars(query):
            at = row.at
            writer.writerow(
                [
                    row.seq,
                    at.isoformat(),
                    row.username,
                    row.action,
                    ACTION_LABELS.get(row.action, row.action),
                    row.record_id or "",
                    row.address or "",
                    json.dumps(row.details, ensure_ascii=False),
                    row.prev_hash,
                    row.hash,
                ]
            )
            count += 1
    return count
