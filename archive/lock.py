"""Write-once protection of originals where the bucket enforces it (S3 Object Lock).

An original is locked in COMPLIANCE mode until its disposal due date (permanent
records for the longest horizon configured), and a held record gets a legal hold,
so even a leaked storage key cannot delete it early.  Locks are only ever
extended: a shorter period set later leaves the longer lock in place.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from archive.facade import Archive
from archive.records import Record, blob_key

# How far ahead "permanent" reaches; S3 needs a date.
PERMANENT_YEARS = 100


def retain_until(record: Record) -> datetime | None:
    """The date the original must stay untouched until, when the schedule decided one."""
    retention = record.metadata.get("retention") or {}
    if retention.get("permanent"):
        now = datetime.now(UTC)
        return now.replace(year=now.year + PERMANENT_YEARS, month=1, day=1)
    due = retention.get("disposal_due")
    if not due:
        return None  # not yet decided: locked once a period is set
    return datetime.combine(date.fromisoformat(due), time(23, 59, 59), tzinfo=UTC)


def protect_record(archive: Archive, record: Record) -> bool:
    """Lock the record's original until its due date; False where storage cannot lock."""
    until = retain_until(record)
    if until is None:
        return False
    return archive.store.protect(blob_key(record.sha256), retain_until=until)


def set_legal_hold(archive: Archive, record: Record, on: bool) -> bool:
    """Put (or take off) the storage's legal hold on the record's original."""
    return archive.store.protect(blob_key(record.sha256), legal_hold=on)
