"""Raising duplicate-award flags as a decision's award rows are written (see archive.award_flags)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, or_, select
from sqlalchemy.orm import Session

from archive.award_identity import identity
from archive.catalog.models import AwardFlagRow, AwardRow, RecordRow
from archive.vn.folding import key

# Who closes a flag whose decision no longer gives the award.
SYSTEM = "hoso"
# Bound on the values of one IN list (SQLite and PostgreSQL both take far more).
_IN_CHUNK = 500


def _year(award: dict[str, Any], issued: Any) -> int | None:
    year = award.get("year")
    if isinstance(year, int):
        return year
    if isinstance(year, str) and year.isdigit():
        return int(year)
    text = str(issued or "")
    return int(text[:4]) if text[:4].isdigit() else None


def _awards(metadata: dict[str, Any]) -> Iterator[tuple[dict[str, Any], int]]:
    """The record's awards that can be compared: a recipient, a form and a year."""
    for award in metadata.get("awards") or []:
        if not isinstance(award, dict) or not award.get("recipient") or not award.get("award_form"):
            continue
        year = _year(award, metadata.get("issued_date"))
        if year is not None:
            yield award, year


def detect(session: Session, record_id: str, metadata: dict[str, Any]) -> None:
    """Raise a flag for each award of this record another archived decision already gave,
    and close the open flags this record no longer supports."""
    _close_stale(session, record_id, metadata)
    awards = list(_awards(metadata))
    if not awards:
        return
    # One query for the whole decision (an annexed list may name hundreds), not one per award.
    earlier: dict[tuple[str, str | None], list[Any]] = {}
    recipients = sorted({key(award["recipient"]) for award, _year in awards})
    forms = sorted({key(award["award_form"]) for award, _year in awards})
    years = sorted({year for _award, year in awards})
    # The year is matched here, not after: a recipient honoured every year for decades
    # (a school, a district office) would otherwise bring back all its awards each time.
    award_year = func.coalesce(AwardRow.year, RecordRow.year)
    for start in range(0, len(recipients), _IN_CHUNK):
        rows = session.execute(
            select(
                AwardRow.record_id,
                AwardRow.recipient,
                AwardRow.unit,
                AwardRow.recipient_key,
                AwardRow.form_key,
                award_year,
            )
            .join(RecordRow, RecordRow.id == AwardRow.record_id)
            .where(
                AwardRow.recipient_key.in_(recipients[start : start + _IN_CHUNK]),
                AwardRow.form_key.in_(forms),
                award_year.in_(years),
                AwardRow.record_id != record_id,
            )
        ).all()
        for row in rows:
            earlier.setdefault((row[3], row[4]), []).append(row)
    found: dict[str, dict[str, Any]] = {}
    for award, year in awards:
        wanted = identity(award["recipient"], award.get("unit"))
        for other_id, recipient, unit, _key, _form, other_year in earlier.get(
            (key(award["recipient"]), key(award["award_form"])), ()
        ):
            if other_year == year and identity(recipient, unit) == wanted:
                flag = _flag(award, wanted, year, first=other_id, second=record_id)
                found.setdefault(flag["pair_key"], flag)
    _raise(session, found)


def _close_stale(session: Session, record_id: str, metadata: dict[str, Any]) -> None:
    """A decision corrected (or read again) so that it no longer gives the award: its open
    flags are closed, with the reason, by Hoso itself; the correction is audited."""
    kept = {
        (*identity(award["recipient"], award.get("unit")), key(award["award_form"]), year)
        for award, year in _awards(metadata)
    }
    flags = session.scalars(
        select(AwardFlagRow).where(
            or_(
                AwardFlagRow.first_record_id == record_id,
                AwardFlagRow.second_record_id == record_id,
            ),
            AwardFlagRow.dismissed_at.is_(None),
        )
    ).all()
    for flag in flags:
        if (*identity(flag.recipient, flag.unit), key(flag.award_form), flag.year) in kept:
            continue
        flag.dismissed_by = SYSTEM
        flag.dismissed_at = datetime.now(UTC)
        flag.dismiss_reason = (
            f"Quyết định {record_id} không còn ghi khen thưởng này (đã sửa hoặc đọc lại)"
        )


def _flag(
    award: dict[str, Any], who: tuple[str, str], year: int, *, first: str, second: str
) -> dict[str, Any]:
    recipient, unit = who
    parts = (recipient, unit, key(award["award_form"]), str(year), *sorted((first, second)))
    return {
        "pair_key": hashlib.sha256("\x1f".join(parts).encode()).hexdigest(),
        "recipient": award["recipient"],
        "recipient_key": recipient,
        "unit": award.get("unit"),
        "award_form": award["award_form"],
        "year": year,
        "first_record_id": first,
        "second_record_id": second,
        "created_at": datetime.now(UTC),
    }


def _raise(session: Session, found: dict[str, dict[str, Any]]) -> None:
    """Write the flags of one decision not raised before (a pair keeps its first flag, and
    a dismissed one stays dismissed): one lookup and one insert, not a round trip a flag."""
    if not found:
        return
    keys = list(found)
    known: set[str] = set()
    for start in range(0, len(keys), _IN_CHUNK):
        known.update(
            session.scalars(
                select(AwardFlagRow.pair_key).where(
                    AwardFlagRow.pair_key.in_(keys[start : start + _IN_CHUNK])
                )
            )
        )
    new = [flag for pair_key, flag in found.items() if pair_key not in known]
    if new:
        session.execute(insert(AwardFlagRow), new)
