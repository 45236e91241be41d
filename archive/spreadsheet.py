"""Cells the archive writes into CSV and XLSX files, safe to open in a spreadsheet.

Text people typed (names, reasons, file names) can begin with what a spreadsheet
runs as a formula. Following OWASP's rule for CSV injection, such a cell gets a
leading apostrophe: the spreadsheet shows the text and runs nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

# What makes a spreadsheet read a cell as a formula (or a DDE call).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """``value`` itself, or with a leading ``'`` when it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[object]) -> list[object]:
    """Every cell of a row made safe."""
    return [safe_cell(value) for value in values]
