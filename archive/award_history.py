"""Every award a person or a unit received, in date order, one group per recipient.

The name typed is compared without accents, case or spacing to find candidates; the
candidates are then grouped by ``archive.award_identity`` (accents kept, one tone
placement, case and spacing ignored, the unit part of who a person is), so two
people whose names differ only by accents, and namesakes in two units, are shown
apart.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import or_, select

from archive.award_identity import identity, name_key
from archive.awards import AwardEntry, entry_of
from archive.catalog.models import AwardRow, RecordRow
from archive.catalog.rows import open_to_all
from archive.errors import ArchiveError
from archive.facade import Archive
from archive.vn.folding import key

# A person's or a unit's awards over a career, with room to spare; bounds one page.
MAX_ENTRIES = 2000
MAX_NAME = 200


class HistoryError(ArchiveError):
    """A history asked without a name, or with one too long to be a name."""

    code = "bad_history"


@dataclass(frozen=True)
class History:
    """One recipient (a person in a unit, or a unit) and its awards in date order."""

    recipient: str
    unit: str | None
    entries: tuple[AwardEntry, ...]


def award_history(
    archive: Archive, *, person: str | None, unit: str | None, include_confidential: bool
) -> list[History]:
    """The awards of ``person`` (in ``unit`` when given) or, with ``unit`` alone, of that
    unit and of its people; one History per recipient."""
    person, unit = (person or "").strip(), (unit or "").strip()
    if not person and not unit:
        raise HistoryError("Cần cho biết tên người (--person) hoặc đơn vị (--unit)")
    if len(person) > MAX_NAME or len(unit) > MAX_NAME:
        raise HistoryError(f"Tên dài quá {MAX_NAME} ký tự")
    query = select(AwardRow, RecordRow).join(RecordRow, RecordRow.id == AwardRow.record_id)
    if person:
        query = query.where(AwardRow.recipient_key == key(person))
    if unit:
        wanted = key(unit)
        query = query.where(
            or_(
                AwardRow.unit_key.contains(wanted),
                (AwardRow.recipient_kind == "collective") & AwardRow.recipient_key.contains(wanted),
            )
            if not person
            else AwardRow.unit_key.contains(wanted)
        )
    if not include_confidential:
        query = query.where(open_to_all())
    query = query.order_by(RecordRow.issued_date, AwardRow.id).limit(MAX_ENTRIES)
    with archive.sessions() as session:
        rows = session.execute(query).all()
    groups: dict[tuple[str, str], list[AwardEntry]] = {}
    for award, record in rows:
        groups.setdefault(_who(award, bool(person)), []).append(entry_of(award, record))
    return [
        History(recipient=_spelling(entries), unit=_unit_shown(entries), entries=tuple(entries))
        for _, entries in sorted(groups.items(), key=lambda item: _first_date(item[1]))
    ]


def _who(award: AwardRow, by_person: bool) -> tuple[str, str]:
    if by_person or award.recipient_kind != "collective" or award.unit:
        return identity(award.recipient, award.unit)
    return name_key(award.recipient), ""


def _spelling(entries: list[AwardEntry]) -> str:
    """The way the name is written most often (the latest of equals)."""
    counts = Counter(e.recipient for e in entries)
    return max(reversed(entries), key=lambda e: counts[e.recipient]).recipient


def _unit_shown(entries: list[AwardEntry]) -> str | None:
    return next((e.unit for e in entries if e.unit), None)


def _first_date(entries: list[AwardEntry]) -> tuple[str, str]:
    first = entries[0]
    return (first.decision_date or str(first.year or ""), first.recipient)
