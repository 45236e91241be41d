"""Cells the archive writes into CSV and XLSX files, safe to open in a spreadsheet.

Text people typed (names, reasons, file names) can begin with what a spreadsheet
runs as a formula. Following OWASP's rule for CSV injection (and ASVS 1.2.10), such a
cell gets a leading apostrophe: the spreadsheet shows the text and runs nothing.
Every CSV or XLSX writer of the archive passes its rows through ``safe_row``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# What makes a spreadsheet read a cell as a formula (or a DDE call).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\x00")
_SIGNS = frozenset("=+-@")
# Control characters XML 1.0 cannot carry (openpyxl refuses the whole file for one); a
# document's text may hold them, so they are dropped from every cell.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet could run ``text``: it starts with a formula sign or control
    character, also behind leading spaces or as a full-width sign (＝, ＋, －, ＠)."""
    if text.startswith(FORMULA_STARTS):
        return True
    stripped = text.lstrip()
    return bool(stripped) and unicodedata.normalize("NFKC", stripped[0])[:1] in _SIGNS


def safe_cell(value: object) -> object:
    """``value`` itself, or with a leading ``'`` when it is text a spreadsheet would run;
    control characters no spreadsheet file can hold are dropped."""
    if not isinstance(value, str):
        return value
    if is_formula_like(value):  # judged before the clean-up: a leading NUL is refused too
        value = "'" + value
    return _ILLEGAL.sub("", value)


def safe_row(values: Iterable[object]) -> list[object]:
    """Every cell of a row made safe."""
    return [safe_cell(value) for value in values]


_NOT_IN_SHEET_NAMES = re.compile(r"[\x00-\x1f\[\]:*?/\\]")


def sheet_name(text: str, fallback: str = "Bảng") -> str:
    """A worksheet name made from text people typed: at most 31 characters, none of
    those a workbook refuses (``[ ] : * ? / \\`` and control characters)."""
    cleaned = _NOT_IN_SHEET_NAMES.sub(" ", text).strip().strip("'")[:31].strip()
    return cleaned or fallback
