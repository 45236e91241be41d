"""The box's manifest (bảng kê): a CSV or XLSX sheet with a row of metadata per file.

Column headers may be Vietnamese or English, with or without accents; a column
Hoso does not know is reported, never silently dropped.
"""

from __future__ import annotations

import csv
import io
import re
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive.vn.folding import key
from ingest.errors import Rejected
from ingest.packages import ZIP_ERRORS, check_package

# A manifest lists files, a row each: a box holds at most 200,000 (ingest/boxes.py), and
# even that many rows stay far below these. A sheet is read within them, and within a
# time budget, whatever its XML claims (a sheet without a <dimension> once took minutes).
MAX_MANIFEST_BYTES = 32 * 1024 * 1024
MAX_MANIFEST_ROWS = 200_001  # the header and a row per file
MAX_MANIFEST_COLUMNS = 64
MANIFEST_SECONDS = 30.0
_UNREADABLE: tuple[type[Exception], ...] = (*ZIP_ERRORS, KeyError, TypeError)

# Folded header (no accents, lower case, letters only) -> field.
HEADERS: dict[str, str] = {
    "file": "file",
    "path": "file",
    "tep": "file",
    "tentep": "file",
    "duongdan": "file",
    "doctype": "doc_type",
    "loai": "doc_type",
    "loaivanban": "doc_type",
    "type": "doc_type",
    "number": "number",
    "so": "number",
    "sokyhieu": "number",
    "sovakyhieu": "number",
    "issueddate": "issued_date",
    "ngay": "issued_date",
    "ngaybanhanh": "issued_date",
    "date": "issued_date",
    "ngaythang": "issued_date",
    "issuer": "issuer",
    "coquan": "issuer",
    "coquanbanhanh": "issuer",
    "tacgia": "issuer",
    "subject": "subject",
    "trichyeu": "subject",
    "trichyeunoidung": "subject",
    "title": "title",
    "tieude": "title",
    "signer": "signer",
    "nguoiky": "signer",
    "place": "place",
    "diadanh": "place",
    "confidentiality": "confidentiality",
    "domat": "confidentiality",
    "urgency": "urgency",
    "dokhan": "urgency",
    "dossier": "dossier_id",
    "dossiercode": "dossier_id",
    "mahoso": "dossier_id",
    "hoso": "dossier_id",
    "dossierid": "dossier_id",
    "retention": "retention",
    "thoihanbaoquan": "retention",
    "thoihan": "retention",
    "pages": "pages",
    "pagecount": "pages",
    "sotrang": "pages",
    "soto": "pages",
    "notes": "notes",
    "ghichu": "notes",
}


class ManifestError(ValueError):
    """The manifest as a whole cannot be read; the message says why, in Vietnamese."""


@dataclass
class Manifest:
    """Rows keyed by the file they describe, and what was wrong with the sheet."""

    rows: dict[str, tuple[int, dict[str, str]]] = field(default_factory=dict)
    unknown_columns: list[str] = field(default_factory=list)
    duplicate_rows: list[tuple[int, str]] = field(default_factory=list)

    def row_for(self, relpath: str) -> tuple[int, dict[str, str]] | None:
        """The row naming ``relpath`` (compared as a normalised relative path)."""
        return self.rows.get(_path_key(relpath))


def read_manifest(path: Path) -> Manifest:
    """Read a CSV (any common delimiter, UTF-8 or UTF-8 with BOM) or XLSX manifest.

    Whatever the bytes, the answer is a manifest or a ManifestError saying why not.
    """
    size = path.stat().st_size
    if size > MAX_MANIFEST_BYTES:
        raise ManifestError(
            f"Bảng kê {path.name} nặng {size // (1024 * 1024)} MB, vượt giới hạn "
            f"{MAX_MANIFEST_BYTES // (1024 * 1024)} MB"
        )
    is_sheet = path.suffix.lower() in (".xlsx", ".xlsm")
    table = _xlsx_rows(path) if is_sheet else _csv_rows(path)
    if table and len(table[0]) > MAX_MANIFEST_COLUMNS and any(table[0][MAX_MANIFEST_COLUMNS:]):
        raise ManifestError(f"Bảng kê {path.name} có hơn {MAX_MANIFEST_COLUMNS} cột, vượt giới hạn")
    if not table:
        raise ManifestError(f"Bảng kê {path.name} trống")
    header = [str(h or "").strip() for h in table[0]]
    fields = [HEADERS.get(_fold(h)) for h in header]
    if "file" not in fields:
        raise ManifestError(
            f"Bảng kê {path.name} thiếu cột tên tệp (đặt tiêu đề cột là «tệp», «file» hoặc «path»)"
        )
    manifest = Manifest(
        unknown_columns=[h for h, f in zip(header, fields, strict=True) if not f and h]
    )
    for number, cells in enumerate(table[1:], start=2):
        values = {f: _cell(c) for f, c in zip(fields, cells, strict=False) if f and _cell(c) != ""}
        if not values.get("file"):
            continue
        key = _path_key(values["file"])
        if key in manifest.rows:
            manifest.duplicate_rows.append((number, values["file"]))
            continue
        manifest.rows[key] = (number, values)
    return manifest


def _csv_rows(path: Path) -> list[list[Any]]:
    try:
        text = path.read_bytes().decode("utf-8-sig", errors="strict")
    except UnicodeDecodeError as exc:
        raise ManifestError(
            f"Bảng kê {path.name} không phải văn bản UTF-8 (byte {exc.start}): "
            "hãy lưu lại dạng CSV UTF-8"
        ) from None
    if "\x00" in text:
        raise ManifestError(f"Bảng kê {path.name} không phải tệp CSV (có byte NUL)")
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    clock = _Budget(path.name)
    try:
        for row in csv.reader(io.StringIO(text), dialect):
            if any(c.strip() for c in row):
                rows.append(row[: MAX_MANIFEST_COLUMNS + 1])
            clock.tick(len(rows))
    except csv.Error as exc:
        raise ManifestError(f"Bảng kê {path.name} không đọc được như CSV: {exc}") from None
    return rows


def _xlsx_rows(path: Path) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        check_package(path, kind="XLSX", filename=path.name)
    except Rejected as refusal:
        raise ManifestError(refusal.message()) from None
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except _UNREADABLE as exc:
        raise ManifestError(f"Bảng kê {path.name} không phải tệp XLSX đọc được ({exc})") from None
    try:
        if not workbook.worksheets:
            return []
        rows = []
        clock = _Budget(path.name)
        # Explicit bounds: without them a sheet with no <dimension> is read to its
        # farthest cell, every row padded to that column.
        for row in workbook.worksheets[0].iter_rows(
            max_row=MAX_MANIFEST_ROWS + 1, max_col=MAX_MANIFEST_COLUMNS + 1, values_only=True
        ):
            if any(c is not None for c in row):
                rows.append(list(row))
            clock.tick(len(rows))
        return rows
    except ManifestError:
        raise
    except Exception as exc:  # openpyxl's errors for a malformed sheet are many and untyped
        raise ManifestError(f"Bảng kê {path.name} không đọc được ({type(exc).__name__})") from None
    finally:
        workbook.close()


class _Budget:
    """Rows and seconds a manifest may take to read."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.deadline = time.monotonic() + MANIFEST_SECONDS
        self.seen = 0

    def tick(self, rows: int) -> None:
        self.seen += 1
        if rows > MAX_MANIFEST_ROWS:
            raise ManifestError(
                f"Bảng kê {self.name} có hơn {MAX_MANIFEST_ROWS - 1:,} dòng, vượt giới hạn".replace(
                    ",", "."
                )
            )
        if self.seen % 1000 == 0 and time.monotonic() > self.deadline:
            raise ManifestError(
                f"Bảng kê {self.name} đọc quá {MANIFEST_SECONDS:.0f} giây: hãy chia nhỏ bảng kê"
            )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):  # a date cell of a spreadsheet
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unicodedata.normalize("NFC", str(value)).strip()


def _fold(header: str) -> str:
    return re.sub(r"[^a-z]", "", key(header))


def _path_key(relpath: str) -> str:
    return unicodedata.normalize("NFC", relpath.strip().replace("\\", "/").lstrip("./")).casefold()
