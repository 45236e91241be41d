"""Links between records: the archived documents a record cites, and those citing it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from archive.catalog.models import RecordRow, ReferenceRow
from archive.facade import Archive
from archive.records import Record


@dataclass(frozen=True)
class Link:
    """Another record, as a link shows it."""

    record_id: str
    doc_type: str | None
    number: str | None
    issued_date: str | None
    title: str | None

    def to_json(self) -> dict[str, str | None]:
        """The link as the API gives it."""
        return dict(self.__dict__)


def _link(row: RecordRow) -> Link:
    return Link(
        record_id=row.id,
        doc_type=row.doc_type,
        number=row.number,
        issued_date=row.issued_date.isoformat() if row.issued_date else None,
        title=row.title,
    )


def links(archive: Archive, record: Record) -> dict[str, list[Link]]:
    """``cites``: archived documents this record cites; ``cited_by``: records citing it."""
    with archive.sessions() as session:
        cited_keys = select(ReferenceRow.number_key).where(ReferenceRow.record_id == record.id)
        cites = session.scalars(
            select(RecordRow)
            .where(RecordRow.number_key.in_(cited_keys), RecordRow.id != record.id)
            .order_by(RecordRow.issued_date)
        ).all()
        own_key = session.scalar(select(RecordRow.number_key).where(RecordRow.id == record.id))
        cited_by = []
        if own_key:
            citing = select(ReferenceRow.record_id).where(ReferenceRow.number_key == own_key)
            cited_by = session.scalars(
                select(RecordRow)
                .where(RecordRow.id.in_(citing), RecordRow.id != record.id)
                .order_by(RecordRow.issued_date)
            ).all()
        return {"cites": [_link(r) for r in cites], "cited_by": [_link(r) for r in cited_by]}
