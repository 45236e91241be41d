"""The report of a bulk import: one CSV row per file (and per manifest row without a file)."""

from __future__ import annotations

import csv
from pathlib import Path

from archive.spreadsheet import safe_row
from ingest.bulk import ImportRun
from ingest.plan import OCR_LABELS, STATUS_LABELS

COLUMNS = ("tệp", "kết quả", "diễn giải", "mã tài liệu", "lý do", "ghi chú", "đọc chữ (OCR)")


def write_report(path: Path, run: ImportRun) -> Path:
    """Write the report as UTF-8 CSV with a BOM, so office spreadsheets open it right;
    file names and messages that look like formulas are neutralised."""
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for problem in run.problems:
            writer.writerow(safe_row(("(bảng kê)", "warning", "Cảnh báo", "", problem, "", "")))
        for outcome in sorted(run.outcomes, key=lambda o: o.relpath):
            writer.writerow(
                safe_row(
                    (
                        outcome.relpath,
                        outcome.status,
                        STATUS_LABELS.get(outcome.status, outcome.status),
                        outcome.record_id or "",
                        outcome.message,
                        "; ".join(outcome.notes),
                        OCR_LABELS.get(outcome.ocr or "", ""),
                    )
                )
            )
    return path
