"""The audit trail: append-only, each event chained to the one before by its hash."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from archive import audit_bucket
from archive.audit_bucket import GENESIS, entry_hash
from archive.audit_verify import verify_chain, write_checkpoint
from archive.catalog.models import AuditRow
from archive.facade import Archive
from archive.spreadsheet import safe_row

__all__ = [
    "ACTION_LABELS",
    "GENESIS",
    "AuditEvent",
    "AuditFilter",
    "entry_hash",
    "events",
    "export_csv",
    "find_events",
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
    "dossier_add": "Đưa tài liệu vào hồ sơ",
    "dossier_remove": "Rút tài liệu khỏi hồ sơ",
    "reindex": "Dựng lại chỉ mục tìm kiếm",
    "rebuild": "Dựng lại danh mục từ kho",
    "fixity_run": "Kiểm tra toàn vẹn bản gốc",
    "audit_export": "Xuất nhật ký",
    "job_retry": "Chạy lại việc nền",
    "import": "Nhập hàng loạt",
    "operator": "Người vận hành máy chủ thao tác",
    "password_change": "Đổi mật khẩu",
    "award_export": "Xuất thống kê khen thưởng",
    "award_flag_dismiss": "Bỏ cảnh báo khen trùng",
    "search_export": "Xuất kết quả tìm kiếm",
    "packet": "Tải gói tài liệu phục vụ thanh tra",
    "password_set": "Đặt lại mật khẩu",
    "user_lock": "Khóa tài khoản",
    "user_unlock": "Mở khóa tài khoản",
    "user_role": "Đổi vai trò",
    "token_revoke": "Thu hồi mã API",
    "denied": "Bị từ chối",
    "audit_suppressed": "Bỏ bớt sự kiện lặp lại (chỉ đếm)",
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


@dataclass(frozen=True)
class AuditFilter:
    """Which events to read; empty fields do not filter. Days are whole days of the
    office's time zone, ``until`` included."""

    username: str = ""
    action: str = ""
    record_id: str = ""
    since: date | None = None
    until: date | None = None


def find_events(
    archive: Archive,
    wanted: AuditFilter = AuditFilter(),
    *,
    zone: tzinfo = UTC,
    limit: int | None = 200,
    oldest_first: bool = False,
) -> list[AuditEvent]:
    """The events matching ``wanted``: the one read behind the page, its CSV and the CLI.

    Newest first up to ``limit`` (None: all of them); ``oldest_first`` for an export.
    """
    order = AuditRow.seq.asc() if oldest_first else AuditRow.seq.desc()
    query = select(AuditRow).order_by(order)
    if limit is not None:
        query = query.limit(limit)
    if wanted.username:
        query = query.where(AuditRow.username == wanted.username)
    if wanted.action:
        query = query.where(AuditRow.action == wanted.action)
    if wanted.record_id:
        query = query.where(AuditRow.record_id == wanted.record_id)
    if wanted.since:
        query = query.where(AuditRow.at >= _day_start(wanted.since, zone))
    if wanted.until:
        query = query.where(AuditRow.at < _day_start(wanted.until + timedelta(days=1), zone))
    with archive.sessions() as session:
        return [_event(row) for row in session.scalars(query)]


def events(archive: Archive, *, record_id: str | None = None, limit: int = 200) -> list[AuditEvent]:
    """The newest events, optionally of one record."""
    return find_events(archive, AuditFilter(record_id=record_id or ""), limit=limit)


def _day_start(day: date, zone: tzinfo) -> datetime:
    """The first moment of ``day`` in the office's zone, in UTC."""
    return datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC)


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


CSV_COLUMNS = (
    "stt",
    "thời điểm",
    "người dùng",
    "hành động",
    "diễn giải",
    "mã tài liệu",
    "địa chỉ",
    "chi tiết",
    "mã băm",
)


def export_csv(
    archive: Archive, out: Any, wanted: AuditFilter = AuditFilter(), *, zone: tzinfo = UTC
) -> int:
    """Write every event matching ``wanted`` (oldest first) as CSV to a text stream.

    Times are in ``zone`` with their offset; cells a spreadsheet would run as a
    formula are neutralised. Return the row count.
    """
    import csv

    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    found = find_events(archive, wanted, zone=zone, limit=None, oldest_first=True)
    for event in found:
        writer.writerow(
            safe_row(
                (
                    event.seq,
                    event.at.astimezone(zone).isoformat(timespec="seconds"),
                    event.username,
                    event.action,
                    ACTION_LABELS.get(event.action, event.action),
                    event.record_id or "",
                    event.address or "",
                    json.dumps(event.details, ensure_ascii=False),
                    event.hash,
                )
            )
        )
    return len(found)
