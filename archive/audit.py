"""The audit trail: append-only, each event chained to the one before by its hash."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from archive.catalog.models import AuditRow
from archive.facade import Archive

GENESIS = "0" * 64
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


def entry_hash(
    prev_hash: str,
    at: str,
    username: str,
    action: str,
    record_id: str | None,
    address: str | None,
    details: dict[str, Any],
) -> str:
    """The SHA-256 that seals one event to the one before it."""
    body = json.dumps(
        [prev_hash, at, username, action, record_id, address, details],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode()).hexdigest()


def record_event(
    archive: Archive,
    username: str,
    action: str,
    *,
    record_id: str | None = None,
    address: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Append one event to the chain; concurrent writers retry on a lost race."""
    for _ in range(_RETRIES):
        try:
            with archive.session() as session:
                _append(session, username, action, record_id, address, details or {})
            return
        except IntegrityError:
            continue  # another process took the same predecessor: chain onto its event
    raise RuntimeError("không ghi được nhật ký kiểm tra sau nhiều lần thử")


def _append(
    session: Session,
    username: str,
    action: str,
    record_id: str | None,
    address: str | None,
    details: dict[str, Any],
) -> None:
    last = session.scalar(select(AuditRow.hash).order_by(AuditRow.seq.desc()).limit(1))
    prev = last or GENESIS
    at = datetime.now(UTC)
    session.add(
        AuditRow(
            at=at,
            username=username,
            action=action,
            record_id=record_id,
            address=address,
            details=details,
            prev_hash=prev,
            hash=entry_hash(prev, at.isoformat(), username, action, record_id, address, details),
        )
    )


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


CHECKPOINT_KEY = "audit/checkpoint.json"


def verify_chain(archive: Archive) -> list[str]:
    """Every break in the chain: an altered event, a removed one, a truncated tail."""
    problems: list[str] = []
    expected = GENESIS
    seen: dict[int, str] = {}
    with archive.sessions() as session:
        for row in session.scalars(select(AuditRow).order_by(AuditRow.seq)):
            at = row.at.isoformat()
            actual = entry_hash(
                row.prev_hash,
                at,
                row.username,
                row.action,
                row.record_id,
                row.address,
                dict(row.details or {}),
            )
            if row.prev_hash != expected:
                problems.append(
                    f"Sự kiện #{row.seq}: không nối với sự kiện trước (có sự kiện bị xóa)"
                )
            if actual != row.hash:
                problems.append(f"Sự kiện #{row.seq}: nội dung đã bị sửa (mã băm không khớp)")
            expected = row.hash
            seen[row.seq] = row.hash
    problems += _against_checkpoint(archive, seen)
    return problems


def _against_checkpoint(archive: Archive, seen: dict[int, str]) -> list[str]:
    from storage import NotFound

    try:
        mark = json.loads(archive.store.get_bytes(CHECKPOINT_KEY))
    except NotFound:
        return []
    if seen.get(mark["seq"]) != mark["hash"]:
        return [f"Sự kiện #{mark['seq']} (mốc kiểm tra ngày {mark['at'][:10]}) đã bị xóa hoặc sửa"]
    return []


def write_checkpoint(archive: Archive) -> None:
    """Copy the chain's newest hash into storage, so removing the tail shows too."""
    with archive.sessions() as session:
        row = session.scalar(select(AuditRow).order_by(AuditRow.seq.desc()).limit(1))
    if row is not None:
        mark = {"seq": row.seq, "hash": row.hash, "at": datetime.now(UTC).isoformat()}
        archive.store.put_bytes(CHECKPOINT_KEY, json.dumps(mark).encode())


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
