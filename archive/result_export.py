"""Search results as CSV or XLSX: the metadata columns, Vietnamese headers, dd/mm/yyyy dates.

Every text cell goes through ``archive.spreadsheet.safe_cell``, so a subject or a file
name that begins like a formula is shown, never run.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from archive.format import dmy
from archive.records import Record
from archive.spreadsheet import safe_row

FORMATS = ("csv", "xlsx")
# (header, width in characters) in the order of the columns.
COLUMNS: tuple[tuple[str, int], ...] = (
    ("Số, ký hiệu", 18),
    ("Ngày ban hành", 13),
    ("Loại văn bản", 14),
    ("Cơ quan ban hành", 30),
    ("Trích yếu", 60),
    ("Người ký", 22),
    ("Độ mật", 10),
    ("Hồ sơ", 16),
    ("Hạn bảo quản", 13),
    ("Mã tài liệu", 18),
    ("Tệp", 30),
    ("Số trang", 9),
    ("Ngày lưu", 13),
)


def row(record: Record) -> list[Any]:
    """One record's cells, in the order of COLUMNS."""
    meta = record.metadata
    kept = meta.get("retention")
    retention: dict[str, Any] = kept if isinstance(kept, dict) else {}
    due = "Vĩnh viễn" if retention.get("permanent") else dmy(retention.get("disposal_due"))
    return [
        meta.get("number") or "",
        dmy(meta.get("issued_date")),
        meta.get("doc_type") or "",
        meta.get("issuer") or "",
        meta.get("subject") or meta.get("title") or "",
        meta.get("signer") or "",
        meta.get("confidentiality") or "",
        meta.get("dossier_id") or "",
        due,
        record.id,
        record.filename,
        record.pages,
        dmy(record.created_at),
    ]


def write(records: Iterable[Record], out: BinaryIO, fmt: str) -> int:
    """Write the records to ``out`` as ``fmt``; return how many rows were written."""
    if fmt == "csv":
        return _write_csv(records, out)
    return _write_xlsx(records, out)


def _write_csv(records: Iterable[Record], out: BinaryIO) -> int:
    # UTF-8 with a BOM, so office spreadsheets read the Vietnamese letters right.
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow([header for header, _ in COLUMNS])
    count = 0
    for record in records:
        writer.writerow(safe_row(row(record)))
        count += 1
    text.detach()
    return count


def _write_xlsx(records: Iterable[Record], out: BinaryIO) -> int:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Kết quả tìm kiếm")
    for index, (_, width) in enumerate(COLUMNS):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for title, _ in COLUMNS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    for record in records:
        sheet.append(safe_row(row(record)))
        count += 1
    book.save(out)
    return count
