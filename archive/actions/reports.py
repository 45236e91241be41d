"""Award statistics, charts, exports, histories and duplicate-award flags, for a person.

Every figure counts only the decisions the person's role may see; exports and
dismissals are audit events.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from archive import audit
from archive.accounts import User
from archive.award_flags import AwardFlag, get_flag, list_flags, mark_dismissed
from archive.award_history import History, award_history
from archive.errors import ArchiveError
from archive.facade import Archive
from archive.permissions import allowed, may_see, require
from archive.reasons import ReasonMissing, checked_reason
from archive.reports import charts, export
from archive.reports.layout import Layout, load_layout
from archive.reports.levels import LevelRules, load_levels
from archive.statistics import (
    Entry,
    FilledTable,
    Row,
    Selection,
    check_dimension,
    check_years,
    fill,
    load_entries,
    per_year,
    summarise,
)

CHARTS = ("form", "level")
# Entries listed behind one figure on a page; the file export has them all.
MAX_LISTED = 1000
MAX_REASON = 2000


class FlagNotFound(ArchiveError):
    """No open flag with that number."""

    code = "not_found"


@dataclass(frozen=True)
class AwardReport:
    """The counts of one period, with everything needed to show, chart and trace them."""

    start: int
    end: int
    by: str
    rows: tuple[Row, ...]
    tables: tuple[FilledTable, ...]
    entries: tuple[Entry, ...]
    levels: LevelRules
    layout: Layout
    office: str
    made_at: datetime

    @property
    def total(self) -> int:
        """Every entry of the period."""
        return len(self.entries)

    def to_json(self) -> dict[str, Any]:
        """The report as ``hoso report awards --json`` and the API give it."""
        return {
            "from": self.start,
            "to": self.end,
            "by": self.by,
            "rows": [row.to_json() for row in self.rows],
            "total": self.total,
            "levels": self.levels.labels,
            "tables": [
                {
                    "id": f.table.id,
                    "code": f.table.code,
                    "title": f.table.title,
                    "level": f.table.level,
                    "columns": [{"id": c, "label": label} for c, label in f.table.columns],
                    "rows": [
                        {
                            "code": line.code,
                            "label": line.label,
                            **line.counts,
                            "decisions": list(line.decisions),
                        }
                        for line in f.lines
                    ],
                    "totals": f.totals,
                }
                for f in self.tables
            ],
            "office": self.office,
            "made_at": self.made_at.isoformat(),
        }


def _entries(archive: Archive, user: User, start: int, end: int) -> list[Entry]:
    require(user.role, "record.read")
    return load_entries(
        archive,
        start,
        end,
        load_levels(archive.settings.data_dir),
        include_confidential=allowed(user.role, "record.read_confidential"),
    )


def award_report(
    archive: Archive,
    user: User,
    *,
    year: int | None = None,
    first: int | None = None,
    last: int | None = None,
    by: str = "form",
) -> AwardReport:
    """Counts of awards by form and level (or ``by`` unit or kind) over one year or a range."""
    require(user.role, "record.read")
    start, end = check_years(year, first, last)
    dimension = check_dimension(by)
    levels = load_levels(archive.settings.data_dir)
    layout = load_layout(archive.settings.data_dir)
    entries = _entries(archive, user, start, end)
    return AwardReport(
        start=start,
        end=end,
        by=dimension,
        rows=tuple(summarise(entries, dimension, levels)),
        tables=tuple(fill(entries, layout)),
        entries=tuple(entries),
        levels=levels,
        layout=layout,
        office=archive.settings.office_name,
        made_at=datetime.now(archive.settings.zone),
    )


def figure_entries(report: AwardReport, selection: Selection) -> list[Entry]:
    """The entries behind one figure of a report (the report already hides what it must)."""
    return [e for e in report.entries if selection.keeps(e, report.layout)]


def award_chart(archive: Archive, user: User, *, first: int, last: int, kind: str) -> bytes:
    """Awards per year of the period, by form or by level, as an SVG chart."""
    if kind not in CHARTS:
        raise ArchiveError(f"Biểu đồ theo một trong: {', '.join(CHARTS)}")
    report = award_report(archive, user, first=first, last=last)
    years = range(report.start, report.end + 1)
    if kind == "level":
        return charts.bar_chart(
            per_year(report.entries, "level"),
            years,
            title="Khen thưởng theo cấp, từng năm",
            labels=report.levels.labels,
            order=report.levels.order,
        )
    return charts.bar_chart(
        per_year(report.entries, "award_form"),
        years,
        title="Khen thưởng theo hình thức, từng năm",
        labels={},
    )


def _period(report: AwardReport) -> str:
    if report.start == report.end:
        return f"Năm {report.start}"
    return f"Từ năm {report.start} đến năm {report.end}"


def _title(report: AwardReport, heading: str) -> tuple[str, ...]:
    made = report.made_at.strftime("%d/%m/%Y %H:%M")
    return tuple(x for x in (report.office, heading, _period(report), f"Lập lúc {made}") if x)


def report_sheets(report: AwardReport) -> list[export.Sheet]:
    """The summary, each form of the layout, and the entries, as sheets."""
    summary = export.Sheet(
        name="Tổng hợp",
        title=_title(report, "Thống kê khen thưởng"),
        columns=(
            ("Hình thức / nhóm", 44),
            ("Cấp khen thưởng", 24),
            ("Tập thể", 10),
            ("Cá nhân", 10),
            ("Không rõ", 10),
            ("Tổng số", 10),
            ("Số quyết định", 14),
        ),
        rows=(
            *tuple(
                (
                    row.award_form or row.unit or export.KIND_LABELS.get(row.kind or "", "") or "",
                    report.levels.labels.get(row.level or "", ""),
                    row.collectives,
                    row.individuals,
                    row.unknown,
                    row.total,
                    len(row.decisions),
                )
                for row in report.rows
            ),
            ("Tổng cộng", "", "", "", "", report.total, ""),
        ),
    )
    forms = [
        export.Sheet(
            name=(f.table.id or f.table.title)[:31],
            title=_title(report, " — ".join(x for x in (f.table.code, f.table.title) if x)),
            columns=(
                ("Mã số", 8),
                ("Chỉ tiêu", 48),
                *tuple((label, 12) for _, label in f.table.columns),
            ),
            rows=(
                *tuple(
                    (line.code, line.label, *(line.counts[c] for c, _ in f.table.columns))
                    for line in f.lines
                ),
                ("", "Tổng số", *(f.totals[c] for c, _ in f.table.columns)),
            ),
        )
        for f in report.tables
    ]
    return [summary, *forms, entries_sheet(report, list(report.entries), "Danh sách khen thưởng")]


def entries_sheet(report: AwardReport, entries: list[Entry], heading: str) -> export.Sheet:
    """A list of award entries as one sheet."""
    return export.Sheet(
        name="Danh sách",
        title=_title(report, heading),
        columns=export.ENTRY_COLUMNS,
        rows=tuple(export.entry_rows(entries, report.levels.labels)),
    )


def export_report(
    archive: Archive,
    user: User,
    report: AwardReport,
    fmt: str,
    *,
    selection: Selection | None = None,
    address: str | None = None,
) -> bytes:
    """The report (or the entries behind one figure) as XLSX or CSV; the export is audited."""
    require(user.role, "record.read")
    if fmt not in export.FORMATS:
        raise ArchiveError(f"Định dạng tệp là một trong: {', '.join(export.FORMATS)}")
    if selection is not None:
        entries = figure_entries(report, selection)
        sheets = [entries_sheet(report, entries, "Danh sách khen thưởng")]
    else:
        entries = list(report.entries)
        sheets = report_sheets(report) if fmt == "xlsx" else [report_sheets(report)[0]]
    data = export.to_xlsx(sheets) if fmt == "xlsx" else export.to_csv(sheets[0])
    audit.record_event(
        archive,
        user.username,
        "award_export",
        address=address,
        details={
            "from": report.start,
            "to": report.end,
            "format": fmt,
            "entries": len(entries),
            "figure": selection.__dict__ if selection else None,
        },
    )
    return data


def history(
    archive: Archive, user: User, *, person: str | None = None, unit: str | None = None
) -> list[History]:
    """Every award of a person or a unit the user may see, in date order, per recipient."""
    require(user.role, "record.read")
    return award_history(
        archive,
        person=person,
        unit=unit,
        include_confidential=allowed(user.role, "record.read_confidential"),
    )


def export_history(
    archive: Archive,
    user: User,
    fmt: str,
    *,
    person: str | None = None,
    unit: str | None = None,
    address: str | None = None,
) -> bytes:
    """A person's or a unit's awards, in date order, as XLSX or CSV; the export is audited."""
    if fmt not in export.FORMATS:
        raise ArchiveError(f"Định dạng tệp là một trong: {', '.join(export.FORMATS)}")
    found = history(archive, user, person=person, unit=unit)
    levels = load_levels(archive.settings.data_dir)
    entries = [entry for group in found for entry in group.entries]
    made = datetime.now(archive.settings.zone).strftime("%d/%m/%Y %H:%M")
    asked = " — ".join(x for x in (person, unit) if x)
    sheet = export.Sheet(
        name="Quá trình khen thưởng",
        title=tuple(
            x
            for x in (
                archive.settings.office_name,
                f"Quá trình khen thưởng: {asked}",
                f"Lập lúc {made}",
            )
            if x
        ),
        columns=export.ENTRY_COLUMNS,
        rows=tuple(
            export.award_rows(entries, lambda issuer: levels.labels[levels.level_of(issuer)])
        ),
    )
    data = export.to_xlsx([sheet]) if fmt == "xlsx" else export.to_csv(sheet)
    audit.record_event(
        archive,
        user.username,
        "award_export",
        address=address,
        details={"history": asked, "format": fmt, "entries": len(entries)},
    )
    return data


def _shown(archive: Archive, user: User, flag: AwardFlag) -> bool:
    for record_id in (flag.first_record_id, flag.second_record_id):
        try:
            if not may_see(user.role, archive.get(record_id).metadata):
                return False
        except ArchiveError:
            return False
    return True


def award_flags(archive: Archive, user: User, *, dismissed: bool = False) -> list[AwardFlag]:
    """Possible duplicate awards to review (or those dismissed), both decisions visible."""
    require(user.role, "record.edit")
    return [f for f in list_flags(archive, dismissed=dismissed) if _shown(archive, user, f)]


def dismiss_flag(
    archive: Archive, user: User, flag_id: int, *, reason: str | None, address: str | None = None
) -> AwardFlag:
    """Judge a flag not a duplicate, with a reason; audited."""
    require(user.role, "record.edit")
    if len(reason or "") > MAX_REASON:
        raise ReasonMissing(f"Lý do dài quá {MAX_REASON} ký tự")
    text = checked_reason(reason, "lý do bỏ cảnh báo", ReasonMissing)
    flag = get_flag(archive, flag_id)
    if flag is None or not _shown(archive, user, flag):
        raise FlagNotFound(f"Không có cảnh báo khen trùng số {flag_id}")
    done = mark_dismissed(archive, flag_id, by=user.username, reason=text)
    if done is None:
        raise FlagNotFound(f"Cảnh báo khen trùng số {flag_id} đã được xử lý")
    audit.record_event(
        archive,
        user.username,
        "award_flag_dismiss",
        record_id=flag.second_record_id,
        address=address,
        details={
            "flag": flag_id,
            "reason": text,
            "recipient": flag.recipient,
            "award_form": flag.award_form,
            "year": flag.year,
            "decisions": [flag.first_record_id, flag.second_record_id],
        },
    )
    return done
