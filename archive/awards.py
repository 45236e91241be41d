"""Award entries across every decision: who received what, when, and by which decision."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select

from archive.catalog.models import AwardRow, RecordRow
from archive.catalog.rows import open_to_all
from archive.facade import Archive
from archive.vn.folding import key


@dataclass(frozen=True)
class AwardEntry:
    """One award and the decision that granted it."""

    recipient: str
    recipient_kind: str | None
    unit: str | None
    award_form: str | None
    year: int | None
    record_id: str
    decision_number: str | None
    decision_date: str | None
    issuer: str | None

    def to_json(self) -> dict[str, Any]:
        """The entry as the API and ``hoso awards --json`` give it."""
        return {
            "recipient": self.recipient,
            "recipient_kind": self.recipient_kind,
            "unit": self.unit,
            "award_form": self.award_form,
            "year": self.year,
            "decision": {
                "id": self.record_id,
                "number": self.decision_number,
                "issued_date": self.decision_date,
                "issuer": self.issuer,
            },
        }


def find_awards(
    archive: Archive,
    *,
    person: str | None = None,
    form: str | None = None,
    year: int | None = None,
    unit: str | None = None,
    include_confidential: bool,
    limit: int = 100,
    offset: int = 0,
) -> tuple[int, list[AwardEntry]]:
    """Award entries matching every given filter (names and forms without accents too)."""
    query = select(AwardRow, RecordRow).join(RecordRow, RecordRow.id == AwardRow.record_id)
    if person:
        query = query.where(AwardRow.recipient_key.contains(key(person)))
    if form:
        query = query.where(AwardRow.form_key.contains(key(form)))
    if unit:
        query = query.where(func.lower(AwardRow.unit).contains(unit.lower()))
    if year:
        query = query.where(
            or_(AwardRow.year == year, (AwardRow.year.is_(None)) & (RecordRow.year == year))
        )
    if not include_confidential:
        query = query.where(open_to_all())
    with archive.sessions() as session:
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        rows = session.execute(
            query.order_by(RecordRow.issued_date.desc(), AwardRow.id).limit(limit).offset(offset)
        ).all()
    return int(total), [entry_of(award, record) for award, record in rows]


def entry_of(award: AwardRow, record: RecordRow) -> AwardEntry:
    """The entry of one award row and its decision's row."""
    return AwardEntry(
        recipient=award.recipient,
        recipient_kind=award.recipient_kind,
        unit=award.unit,
        award_form=award.award_form,
        year=award.year or record.year,
        record_id=record.id,
        decision_number=record.number,
        decision_date=record.issued_date.isoformat() if record.issued_date else None,
        issuer=record.issuer,
    )
