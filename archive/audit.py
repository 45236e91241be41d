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
                at=row.at if row.at.tzinfo else row.at.replace(tzinfo=UTC),
                username=row.username,
                action=row.action,
                record_id=row.record_id,
                address=row.address,
                details=dict(row.details or {}),
                hash=row.hash,
            )
            for row in session.scalars(query)
        ]
