"""The box's manifest (bảng kê): a CSV or XLSX sheet with a row of metadata per file.

Column headers may be Vietnamese or English, with or without accents; a column
Hoso does not know is reported, never silently dropped.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive.vn.folding import key

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
    """Read a CSV (any common delimiter, UTF-8 or UTF-8 with BOM) or XLSX manifest."""
    table = _xlsx_rows(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _csv_rows(path)
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
    text = path.read_bytes().decode("utf-8-sig", errors="strict")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in row)]


def _xlsx_rows(path: Path) -> list[list[Any]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        return [list(r) for r in sheet.iter_rows(values_only=True) if any(c is not None for c in r)]
    finally:
        workbook.close()


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
