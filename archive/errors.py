"""Domain errors of the archive, with messages for people."""

from __future__ import annotations

from datetime import datetime
from typing import Any


class ArchiveError(Exception):
    """Something the archive refuses or cannot find."""

    code = "archive_error"


class MetadataError(ValueError):
    """A metadata value cannot be accepted; the message says why, in Vietnamese."""


class RecordNotFound(ArchiveError, KeyError):
    """No visible record has that id."""

    code = "not_found"

    def __init__(self, record_id: str) -> None:
        super().__init__(record_id)
        self.record_id = record_id

    def __str__(self) -> str:
        return f"Không tìm thấy hồ sơ tài liệu có mã {self.record_id}"


class RecordDisposed(ArchiveError):
    """The record was destroyed or transferred: its metadata stays, its bytes do not."""

    code = "disposed"

    def __init__(self, record_id: str, disposition: dict[str, Any]) -> None:
        super().__init__(record_id)
        self.record_id = record_id
        self.disposition = disposition

    def __str__(self) -> str:
        return disposed_line(self.record_id, self.disposition)


def disposed_line(record_id: str, disposition: dict[str, Any]) -> str:
    """One sentence saying how a record left the archive, and by which list."""
    how = (
        "đã được chuyển giao vào lưu trữ lịch sử"
        if disposition.get("action") == "transfer"
        else "đã bị hủy"
    )
    line = f"Tài liệu {record_id} {how} theo danh sách số {disposition.get('list')}"
    approved_by, approved_at = disposition.get("approved_by"), disposition.get("approved_at")
    if approved_by:
        line += f", do {approved_by} duyệt"
    if approved_at:
        line += f" ngày {datetime.fromisoformat(approved_at):%d/%m/%Y}"
    return line + "; bản gốc và văn bản không còn trong kho"
