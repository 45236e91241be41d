"""Carry out an approved disposal list: package (transfer), remove bytes, tombstones, report."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from jinja2 import Environment, PackageLoader, select_autoescape

from archive import audit
from archive.accounts import User
from archive.disposition import (
    ACTIONS,
    STATES,
    Disposal,
    DisposalError,
    check_disposable,
    get_disposal,
    remove_bytes,
    report_json,
    save_decision,
    tombstone,
)
from archive.facade import Archive
from archive.format import dmy, retention_label
from archive.permissions import require
from archive.reasons import checked_reason
from archive.records import Record
from archive.transfer_package import write_package

_ENV = Environment(
    loader=PackageLoader("archive", "templates"), autoescape=select_autoescape(["html"])
)


_ENV.filters["dmy"] = dmy


def decide(
    archive: Archive, user: User, disposal_id: int, *, approve: bool, reason: str
) -> Disposal:
    """Approve (and carry out) or reject a list; never by the person who proposed it."""
    require(user.role, "disposal.approve")
    disposal = get_disposal(archive, disposal_id)
    if disposal.state != "proposed":
        raise DisposalError(
            f"Danh sách số {disposal_id} đã được quyết định ({STATES[disposal.state]})"
        )
    if disposal.proposed_by == user.username:
        raise DisposalError(
            "Người đề xuất không được tự duyệt danh sách của mình (nguyên tắc bốn mắt)"
        )
    reason = checked_reason(reason, "ý kiến duyệt hoặc lý do từ chối", DisposalError)
    decided = replace(
        disposal,
        decided_by=user.username,
        decided_at=datetime.now(UTC),
        decision_reason=reason.strip(),
        state="approved" if approve else "rejected",
    )
    if approve:
        for record_id in disposal.record_ids:
            check_disposable(archive, archive.get(record_id))
        decided = carry_out(archive, decided)
    save_decision(archive, decided)
    audit.record_event(
        archive,
        user.username,
        "disposal_approve" if approve else "disposal_reject",
        details={"list": disposal_id, "reason": reason.strip()},
    )
    return decided


def carry_out(archive: Archive, disposal: Disposal) -> Disposal:
    """Do what the approved list says to every record on it; return the list with its report."""
    records = [archive.get(record_id) for record_id in disposal.record_ids]
    if disposal.action == "transfer":
        disposal = replace(disposal, package_path=str(write_package(archive, disposal, records)))
    report_key = f"disposals/{disposal.id}/report.html"
    disposal = replace(disposal, report_key=report_key)
    archive.store.put_bytes(
        f"disposals/{disposal.id}/manifest.json", report_json(disposal, records)
    )
    archive.store.put_bytes(report_key, render_report(archive, disposal, records).encode())
    for record in records:
        removed = remove_bytes(archive, record)
        tombstone(archive, record, disposal)
        archive.index.delete([record.id])
        audit.record_event(
            archive,
            disposal.decided_by or "?",
            f"disposal_{disposal.action}",
            record_id=record.id,
            details={"list": disposal.id, "removed": removed},
        )
    # The deletes above only mark the documents; their text stays in index segments.
    archive.index.purge([record.id for record in records])
    return disposal


def render_report(archive: Archive, disposal: Disposal, records: list[Record]) -> str:
    """The printable, signed-off report listing every item."""
    items = [
        {
            "id": r.id,
            "number": r.metadata.get("number"),
            "issued_date": r.metadata.get("issued_date"),
            "title": r.metadata.get("title"),
            "filename": r.filename,
            "period": retention_label(r.metadata.get("retention") or {}).split(";")[0],
            "due": (r.metadata.get("retention") or {}).get("disposal_due"),
            "sha256": r.sha256,
        }
        for r in records
    ]
    heading = (
        "Biên bản hủy tài liệu hết giá trị"
        if disposal.action == "destroy"
        else ("Danh mục tài liệu nộp lưu vào lưu trữ lịch sử")
    )
    outcome = (
        "Bản gốc và các bản dẫn xuất đã bị xóa khỏi kho; siêu dữ liệu được giữ lại."
        if disposal.action == "destroy"
        else "Tài liệu đã được đóng gói (BagIt, có tổng kiểm SHA-256) để giao nộp."
    )
    return _ENV.get_template("disposal_report.html").render(
        disposal=disposal,
        items=items,
        heading=heading,
        outcome=outcome,
        office=archive.settings.office_name or "……………………",
        schedule_source=archive.schedule.source,
        package=disposal.package_path,
        actions=ACTIONS,
    )
