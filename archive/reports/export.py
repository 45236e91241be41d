"""The award table and award lists as XLSX and CSV files an office opens in a spreadsheet.

Vietnamese headers, dates as dd/mm/yyyy, column widths set, and every cell of text
made safe (``archive.spreadsheet.safe_cell``): a recipient's name typed as "=…"
stays text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from archive.awards import AwardEntry
from archive.format import dmy
from archive.spreadsheet import safe_row, sheet_name
from archive.statistics import Entry

FORMATS = ("xlsx", "csv")
KIND_LABELS = {"collective": "Tập thể", "individual": "Cá nhân", "": "Không rõ"}
ENTRY_COLUMNS = (
    ("STT", 6),
    ("Người/tập thể được khen", 32),
    ("Loại", 10),
    ("Đơn vị", 32),
    ("Hình thức khen thưởng", 40),
    ("Năm", 7),
    ("Cấp khen thưởng", 22),
    ("Số quyết định", 18),
    ("Ngày quyết định", 14),
    ("Cơ quan ban hành", 32),
    ("Mã tài liệu", 20),
)


@dataclass(frozen=True)
class Sheet:
    """One sheet: a title block (lines above the table), headers with widths, and rows."""

    name: str
    title: tuple[str, ...]
    columns: tuple[tuple[str, int], ...]
    rows: tuple[tuple[object, ...], ...]


def entry_rows(entries: Iterable[Entry], level_labels: dict[str, str]) -> list[tuple[object, ...]]:
    """Award entries as rows under ENTRY_COLUMNS."""
    return [
        (
            n,
            e.recipient,
            KIND_LABELS.get(e.kind or "", ""),
            e.unit or "",
            e.award_form,
            e.year,
            level_labels.get(e.level, e.level),
            e.decision_number or "",
            dmy(e.decision_date),
            e.issuer or "",
            e.record_id,
        )
        for n, e in enumerate(entries, 1)
    ]


def award_rows(
    entries: Iterable[AwardEntry], level_of: Callable[[str | None], str]
) -> list[tuple[object, ...]]:
    """Award look-up entries (a history) as rows under ENTRY_COLUMNS."""
    return [
        (
            n,
            e.recipient,
            KIND_LABELS.get(e.recipient_kind or "", ""),
            e.unit or "",
            e.award_form or "",
            e.year,
            level_of(e.issuer),
            e.decision_number or "",
            dmy(e.decision_date),
            e.issuer or "",
            e.record_id,
        )
        for n, e in enumerate(entries, 1)
    ]


def to_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """An XLSX workbook of the sheets."""
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        ws = book.create_sheet(sheet_name(sheet.name))
        for line in sheet.title:
            ws.append(safe_row([line]))
            ws.cell(ws.max_row, 1).font = Font(bold=True)
        if sheet.title:
            ws.append([])
        ws.append([label for label, _ in sheet.columns])
        header = ws.max_row
        for cell in ws[header]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for row in sheet.rows:
            ws.append(safe_row(row))
        for index, (_, width) in enumerate(sheet.columns, 1):
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.freeze_panes = ws.cell(header + 1, 1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_csv(sheet: Sheet) -> bytes:
    """One sheet as UTF-8 CSV with a BOM (office spreadsheets then read the accents right)."""
    out = io.StringIO()
    writer = csv.writer(out)
    for line in sheet.title:
        writer.writerow(safe_row([line]))
    writer.writerow([label for label, _ in sheet.columns])
    for row in sheet.rows:
        writer.writerow(safe_row(row))
    return ("\ufeff" + out.getvalue()).encode("utf-8")
