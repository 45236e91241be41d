"""Counts of awards read off the archived decisions, each figure traceable to its decisions.

Pure functions over award entries (``load_entries`` reads them from the catalog): the
level of each entry comes from the authority that signed its decision
(``archive.reports.levels``), the yearly table's shape from a data file
(``archive.reports.layout``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from archive.award_identity import unit_key, unit_label
from archive.catalog.models import AwardRow, RecordRow
from archive.catalog.rows import open_to_all
from archive.errors import ArchiveError
from archive.facade import Archive
from archive.reports.layout import Layout, LayoutTable
from archive.reports.levels import LevelRules
from archive.vn.award_forms import kind_of

FIRST_YEAR = 1945
LAST_YEAR = 2100
MAX_SPAN = 50
# More entries than an office gives in decades; a bound on one report's memory.
MAX_ENTRIES = 200_000
DIMENSIONS = ("form", "level", "unit", "kind")
KINDS = ("collective", "individual")
UNKNOWN_FORM = "(không rõ hình thức)"


class ReportError(ArchiveError):
    """A report asked for something that cannot be counted (years, grouping)."""

    code = "bad_report"


@dataclass(frozen=True)
class Entry:
    """One award entry with what the report needs of its decision."""

    award_id: int
    recipient: str
    kind: str | None
    unit: str | None
    award_form: str
    year: int
    level: str
    record_id: str
    decision_number: str | None
    decision_date: str | None
    issuer: str | None

    def to_json(self) -> dict[str, Any]:
        """The entry as a report's row lists it."""
        return {
            "recipient": self.recipient,
            "recipient_kind": self.kind,
            "unit": self.unit,
            "award_form": self.award_form,
            "year": self.year,
            "level": self.level,
            "decision": {
                "id": self.record_id,
                "number": self.decision_number,
                "issued_date": self.decision_date,
                "issuer": self.issuer,
            },
        }


@dataclass
class Row:
    """One line of the summary: a group, its counts, and the decisions behind them."""

    award_form: str | None
    level: str | None
    unit: str | None = None
    kind: str | None = None
    collectives: int = 0
    individuals: int = 0
    unknown: int = 0
    years: Counter[int] = field(default_factory=Counter)
    decisions: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Every entry of the group."""
        return self.collectives + self.individuals + self.unknown

    def add(self, entry: Entry) -> None:
        """Count one entry in this group."""
        if entry.kind == "collective":
            self.collectives += 1
        elif entry.kind == "individual":
            self.individuals += 1
        else:
            self.unknown += 1
        self.years[entry.year] += 1
        self.entries.append(entry)
        if entry.record_id not in self.decisions:
            self.decisions.append(entry.record_id)

    def to_json(self) -> dict[str, Any]:
        """The row as ``--json`` and the API give it."""
        data: dict[str, Any] = {
            "award_form": self.award_form,
            "level": self.level,
            "collectives": self.collectives,
            "individuals": self.individuals,
            "unknown_kind": self.unknown,
            "total": self.total,
            "years": {str(y): n for y, n in sorted(self.years.items())},
            "decisions": self.decisions,
            "awards": [entry.to_json() for entry in self.entries],
        }
        if self.unit is not None:
            data["unit"] = self.unit
        if self.kind is not None:
            data["kind"] = self.kind
        return data


def check_years(year: int | None, first: int | None, last: int | None) -> tuple[int, int]:
    """The period asked for, checked: one year, or a range of at most MAX_SPAN years."""
    start = first if first is not None else year
    end = last if last is not None else (year if year is not None else start)
    if start is None or end is None:
        raise ReportError("Cần cho biết năm (--year) hoặc khoảng năm (--from, --to)")
    if not (FIRST_YEAR <= start <= LAST_YEAR and FIRST_YEAR <= end <= LAST_YEAR):
        raise ReportError(f"Năm phải trong khoảng {FIRST_YEAR}–{LAST_YEAR}")
    if start > end:
        raise ReportError(f"Năm bắt đầu {start} sau năm kết thúc {end}")
    if end - start + 1 > MAX_SPAN:
        raise ReportError(f"Mỗi báo cáo tối đa {MAX_SPAN} năm")
    return start, end


def check_dimension(by: str) -> str:
    """The grouping asked for, from the controlled list."""
    value = (by or "form").strip().lower()
    if value not in DIMENSIONS:
        raise ReportError(f"Nhóm theo một trong: {', '.join(DIMENSIONS)} (không phải «{by}»)")
    return value


def load_entries(
    archive: Archive, start: int, end: int, levels: LevelRules, *, include_confidential: bool
) -> list[Entry]:
    """Every award entry of the period, from the decisions the caller may see."""
    year = func.coalesce(AwardRow.year, RecordRow.year)
    query = (
        select(
            AwardRow.id,
            AwardRow.recipient,
            AwardRow.recipient_kind,
            AwardRow.unit,
            AwardRow.award_form,
            year,
            RecordRow.id,
            RecordRow.number,
            RecordRow.issued_date,
            RecordRow.issuer,
            RecordRow.metadata_json["signer_title"].as_string(),
        )
        .join(RecordRow, RecordRow.id == AwardRow.record_id)
        .where(year >= start, year <= end)
        .order_by(RecordRow.issued_date, AwardRow.id)
        .limit(MAX_ENTRIES + 1)
    )
    if not include_confidential:
        query = query.where(open_to_all())
    with archive.sessions() as session:
        rows = session.execute(query).all()
    if len(rows) > MAX_ENTRIES:
        raise ReportError(f"Quá {MAX_ENTRIES} lượt khen thưởng: hãy thu hẹp khoảng năm")
    return [_entry(row, levels) for row in rows]


def _entry(row: Any, levels: LevelRules) -> Entry:
    award_id, recipient, kind, unit, form, year, record_id, number, issued, issuer, title = row
    if kind not in KINDS and form:
        guessed = kind_of(form)
        kind = guessed if guessed in KINDS else None
    return Entry(
        award_id=award_id,
        recipient=recipient,
        kind=kind if kind in KINDS else None,
        unit=unit,
        award_form=form or UNKNOWN_FORM,
        year=int(year),
        level=levels.level_of(issuer, title),
        record_id=record_id,
        decision_number=number,
        decision_date=issued.isoformat() if issued else None,
        issuer=issuer,
    )


def _unit_of(entry: Entry) -> str:
    """The unit an entry counts for: a person's unit, or the collective itself."""
    return unit_label(entry.unit) or (entry.recipient if entry.kind == "collective" else "")


def summarise(entries: Iterable[Entry], by: str, levels: LevelRules) -> list[Row]:
    """Rows grouped by ``by``, highest level first, then by count."""
    groups: dict[tuple[Any, ...], Row] = {}
    for entry in entries:
        if by == "form":
            group = (entry.award_form, entry.level)
            row = groups.setdefault(group, Row(award_form=entry.award_form, level=entry.level))
        elif by == "level":
            row = groups.setdefault((entry.level,), Row(award_form=None, level=entry.level))
        elif by == "unit":
            unit = _unit_of(entry)
            row = groups.setdefault((unit_key(unit),), Row(award_form=None, level=None, unit=unit))
        else:
            kind = entry.kind or ""
            row = groups.setdefault((kind,), Row(award_form=None, level=None, kind=kind))
        row.add(entry)
    rank = {level: i for i, level in enumerate(levels.order)}
    return sorted(
        groups.values(),
        key=lambda r: (rank.get(r.level or "", len(rank)), -r.total, r.award_form or r.unit or ""),
    )


@dataclass(frozen=True)
class TableLine:
    """One line of a filled form: its counts per column."""

    code: str
    label: str
    counts: dict[str, int]
    decisions: tuple[str, ...] = ()


@dataclass(frozen=True)
class FilledTable:
    """A form of the layout with the period's counts."""

    table: LayoutTable
    lines: tuple[TableLine, ...]
    totals: dict[str, int]


def fill(entries: list[Entry], layout: Layout) -> list[FilledTable]:
    """Each table of the layout filled with the entries of its level."""
    filled = []
    for table in layout.tables:
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        decisions: dict[str, dict[str, None]] = defaultdict(dict)
        for entry in entries:
            if entry.level != table.level:
                continue
            line = table.row_for(entry.award_form)
            if line is None:
                continue
            counts[line.code]["total"] += 1
            decisions[line.code][entry.record_id] = None
            if entry.kind == "collective":
                counts[line.code]["collectives"] += 1
            elif entry.kind == "individual":
                counts[line.code]["individuals"] += 1
        lines = tuple(
            TableLine(
                row.code,
                row.label,
                {c: counts[row.code][c] for c, _ in table.columns},
                tuple(decisions[row.code]),
            )
            for row in table.rows
        )
        totals = {c: sum(line.counts[c] for line in lines) for c, _ in table.columns}
        filled.append(FilledTable(table, lines, totals))
    return filled


@dataclass(frozen=True)
class Selection:
    """The entries behind one figure: any of these left empty is not a condition."""

    form: str | None = None
    level: str | None = None
    kind: str | None = None
    unit: str | None = None
    year: int | None = None
    table: str | None = None
    line: str | None = None

    def keeps(self, entry: Entry, layout: Layout) -> bool:
        """Whether ``entry`` counts in this figure."""
        if self.form is not None and entry.award_form != self.form:
            return False
        if self.level is not None and entry.level != self.level:
            return False
        if self.kind is not None and (entry.kind or "") != self.kind:
            return False
        if self.year is not None and entry.year != self.year:
            return False
        if self.unit is not None and unit_key(_unit_of(entry)) != unit_key(self.unit):
            return False
        if self.table is not None:
            table = next((t for t in layout.tables if t.id == self.table), None)
            if table is None or entry.level != table.level:
                return False
            line = table.row_for(entry.award_form)
            if line is None or (self.line is not None and line.code != self.line):
                return False
        return True


def per_year(entries: Iterable[Entry], attribute: str) -> dict[str, Counter[int]]:
    """Counts per year of each value of ``attribute`` ("award_form" or "level"), for charts."""
    series: dict[str, Counter[int]] = defaultdict(Counter)
    for entry in entries:
        series[str(getattr(entry, attribute))][entry.year] += 1
    return dict(series)
