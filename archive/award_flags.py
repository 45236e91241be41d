"""Duplicate awards: one recipient given the same form for the same year by two decisions.

A flag is raised (``archive.catalog.flagging``) when a decision's award rows are written (ingest, import, edit,
reparse) and another archived decision already names the same recipient (the rule of
``archive.award_identity``) with the same award form for the same year. Flags are
kept until a person dismisses them with a reason; they are never removed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive.catalog.models import AwardFlagRow, RecordRow
from archive.facade import Archive
from archive.format import dmy


@dataclass(frozen=True)
class AwardFlag:
    """A possible duplicate award, as people review it."""

    id: int
    recipient: str
    unit: str | None
    award_form: str
    year: int
    first_record_id: str
    second_record_id: str
    created_at: datetime
    dismissed_by: str | None = None
    dismissed_at: datetime | None = None
    dismiss_reason: str | None = None
    # "number · dd/mm/yyyy" of each decision, as people find them.
    first_decision: str = ""
    second_decision: str = ""

    def message(self) -> str:
        """The warning in one Vietnamese sentence."""
        who = self.recipient + (f" ({self.unit})" if self.unit else "")
        return (
            f"Có thể khen trùng: {who} đã được tặng «{self.award_form}» năm {self.year} "
            f"theo quyết định {self.first_decision or self.first_record_id}"
        )

    def to_json(self) -> dict[str, Any]:
        """The flag as the API and the ingest result give it."""
        return {
            "id": self.id,
            "recipient": self.recipient,
            "unit": self.unit,
            "award_form": self.award_form,
            "year": self.year,
            "decisions": [self.first_record_id, self.second_record_id],
            "message": self.message(),
            "dismissed": self.dismissed_at is not None,
            "dismiss_reason": self.dismiss_reason,
        }


def _flag(row: AwardFlagRow) -> AwardFlag:
    return AwardFlag(
        id=row.id,
        recipient=row.recipient,
        unit=row.unit,
        award_form=row.award_form,
        year=row.year,
        first_record_id=row.first_record_id,
        second_record_id=row.second_record_id,
        created_at=row.created_at,
        dismissed_by=row.dismissed_by,
        dismissed_at=row.dismissed_at,
        dismiss_reason=row.dismiss_reason,
    )


def flags_raised_by(archive: Archive, record_ids: Iterable[str]) -> dict[str, list[AwardFlag]]:
    """The open flags each of these records raised when it was archived."""
    ids = list(record_ids)
    if not ids:
        return {}
    with archive.sessions() as session:
        rows = session.scalars(
            select(AwardFlagRow)
            .where(AwardFlagRow.second_record_id.in_(ids), AwardFlagRow.dismissed_at.is_(None))
            .order_by(AwardFlagRow.id)
        ).all()
        found: dict[str, list[AwardFlag]] = {}
        for flag in _named(session, [_flag(row) for row in rows]):
            found.setdefault(flag.second_record_id, []).append(flag)
        return found


def _named(session: Session, flags: list[AwardFlag]) -> list[AwardFlag]:
    """The flags with each decision's number and date."""
    ids = {i for f in flags for i in (f.first_record_id, f.second_record_id)}
    rows = session.execute(
        select(RecordRow.id, RecordRow.number, RecordRow.issued_date).where(RecordRow.id.in_(ids))
    ).all()
    names = {
        record_id: " · ".join(x for x in (number, dmy(issued.isoformat()) if issued else None) if x)
        or record_id
        for record_id, number, issued in rows
    }
    return [
        replace(
            f,
            first_decision=names.get(f.first_record_id, f.first_record_id),
            second_decision=names.get(f.second_record_id, f.second_record_id),
        )
        for f in flags
    ]


def list_flags(archive: Archive, *, dismissed: bool, limit: int = 500) -> list[AwardFlag]:
    """Open flags (or dismissed ones), newest first."""
    with archive.sessions() as session:
        state = (
            AwardFlagRow.dismissed_at.is_not(None)
            if dismissed
            else AwardFlagRow.dismissed_at.is_(None)
        )
        rows = session.scalars(
            select(AwardFlagRow).where(state).order_by(AwardFlagRow.id.desc()).limit(limit)
        ).all()
        return _named(session, [_flag(row) for row in rows])


def get_flag(archive: Archive, flag_id: int) -> AwardFlag | None:
    """One flag, or None."""
    with archive.sessions() as session:
        row = session.get(AwardFlagRow, flag_id)
        return _flag(row) if row else None


def mark_dismissed(archive: Archive, flag_id: int, *, by: str, reason: str) -> AwardFlag | None:
    """Note that a person judged the flag not a duplicate; None when it was already."""
    with archive.session() as session:
        row = session.get(AwardFlagRow, flag_id)
        if row is None or row.dismissed_at is not None:
            return None
        row.dismissed_by = by
        row.dismissed_at = datetime.now(UTC)
        row.dismiss_reason = reason
        session.flush()
        return _flag(row)
