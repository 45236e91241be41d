"""Keeping the archive whole: rebuild, reindex, fixity, audit checks and exports."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any, TextIO

from archive import audit, fixity
from archive.accounts import User
from archive.audit import AuditFilter
from archive.facade import Archive
from archive.fixity import FixityResult, run_checks
from archive.permissions import require
from archive.reasons import checked_reason
from archive.rebuild import rebuild_catalog
from archive.rebuild import reindex as reindex_all


def reindex(archive: Archive, user: User) -> int:
    """Build the search index again from storage; return how many records it holds."""
    require(user.role, "system.maintain")
    count = reindex_all(archive)
    audit.record_event(archive, user.username, "reindex", details={"records": count})
    return count


def rebuild(archive: Archive, user: User) -> int:
    """Build the catalog again from storage alone; return how many records it holds.

    The event is written after the rebuild, into the trail the rebuild restored.
    """
    require(user.role, "system.maintain")
    count = rebuild_catalog(archive)
    audit.record_event(archive, user.username, "rebuild", details={"records": count})
    return count


def check_fixity(archive: Archive, user: User, *, sample: int | None = None) -> list[FixityResult]:
    """Hash the originals again (``sample`` of them, the longest unchecked first)."""
    require(user.role, "fixity.run")
    results = run_checks(archive, sample=sample)
    failed = sum(r.status != "ok" for r in results)
    audit.record_event(
        archive, user.username, "fixity_run", details={"checked": len(results), "failed": failed}
    )
    return results


def verify_audit(archive: Archive, user: User) -> list[str]:
    """Check the audit chain, in the catalog and in storage; return what is broken."""
    require(user.role, "audit.read")
    return audit.verify_chain(archive)


def export_audit(
    archive: Archive, user: User, out: TextIO, wanted: AuditFilter, *, zone: tzinfo
) -> int:
    """Write the events ``wanted`` selects as CSV; the export itself is an event."""
    require(user.role, "audit.read")
    count = audit.export_csv(archive, out, wanted, zone=zone)
    details: dict[str, Any] = {"rows": count}
    details.update({k: str(v) for k, v in wanted.__dict__.items() if v})
    audit.record_event(archive, user.username, "audit_export", details=details)
    return count


def resolve_alert(archive: Archive, user: User, alert_id: int, note: str) -> None:
    """Close a fixity alert once someone has dealt with it; the note is audited."""
    require(user.role, "fixity.run")  # a change: not what a read permission allows
    fixity.resolve_alert(
        archive,
        alert_id,
        user=user.username,
        note=checked_reason(note, "ghi chú đã xử lý cảnh báo thế nào"),
    )


def find_audit(
    archive: Archive, user: User, wanted: AuditFilter, *, zone: tzinfo, limit: int | None
) -> list[audit.AuditEvent]:
    """The events ``wanted`` selects, newest first: the audit page's read."""
    require(user.role, "audit.read")
    return audit.find_events(archive, wanted, zone=zone, limit=limit)
