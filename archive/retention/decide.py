"""A person overrides the schedule for one record: a period of their choosing, with a reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from archive import audit
from archive.accounts import User
from archive.edit import EditError, save_version
from archive.facade import Archive
from archive.holds import refuse_if_held
from archive.indexdoc import index_document
from archive.permissions import require
from archive.reasons import checked_reason
from archive.records import Record, ensure_kept
from archive.retention.apply import refresh_retention
from archive.retention.assign import decided_retention


def set_retention(
    archive: Archive,
    user: User,
    record_id: str,
    *,
    years: int | None = None,
    permanent: bool = False,
    reason: str,
) -> Record:
    """Give the record this period instead of the schedule's (a new version)."""
    require(user.role, "retention.set")
    reason = checked_reason(reason, "lý do đặt thời hạn", EditError)
    if years is not None and years <= 0:
        raise EditError("Số năm bảo quản phải lớn hơn 0")
    current = archive.get(record_id)
    ensure_kept(current)
    refuse_if_held(archive, record_id, "đổi thời hạn bảo quản")
    at = datetime.now(UTC).isoformat()
    block = decided_retention(
        period_years=years, permanent=permanent, reason=reason.strip(), year=None
    )
    metadata = {**current.metadata, "retention": block}
    provenance = {
        **current.provenance,
        "retention": {"source": "entered", "by": user.username, "at": at},
    }
    metadata, provenance = refresh_retention(archive, metadata, provenance)
    updated = replace(
        current, version=current.version + 1, metadata=metadata, provenance=provenance
    )
    change = {"by": user.username, "at": at, "reason": reason.strip(), "fields": ["retention"]}
    save_version(archive, current, updated, change)
    archive.index.add([index_document(updated, archive.text_pages(updated))])
    audit.record_event(
        archive,
        user.username,
        "retention_set",
        record_id=record_id,
        details={"years": years, "permanent": permanent, "reason": reason.strip()},
    )
    return updated
