"""The header block: issuing body, number, place and date, and the type-name title."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import place_and_date, place_of_blank_date
from .doctypes import type_prefix
from .folding import fold_same
from .layout import cells, is_separator, is_upper, starts_body
from .numbers import find_numbers, tidy

_TITLE_WINDOW = 60
_HEADER_WINDOW = 14
_SO_BEFORE = re.compile(r"so(?:\s*hieu)?\s*[:.]?\s*$")


@dataclass(frozen=True)
class Title:
    """The line printing the document's type name in capitals."""

    index: int
    doc_type: str
    rest: str
    before: tuple[str, ...] = ()


def find_title(lines: list[str]) -> Title | None:
    """Find the type-name title line ("QUYẾT ĐỊNH", "KẾ HOẠCH") above the body."""
    for index, line in enumerate(lines[:_TITLE_WINDOW]):
        row = cells(line)
        for position, cell in enumerate(row):
            title = _title_in(cell, index)
            if title:
                return _with_row(title, row, position)
        if starts_body(line) and not is_upper(line):
            return None
    return None


def _title_in(cell: str, index: int) -> Title | None:
    # "KẾ HOẠCH :" or "KẾ HOẠCH _": OCR debris set apart by a space, not the
    # operative "QUYẾT ĐỊNH:" that opens the articles
    cell = re.sub(r"\s+[:_.|]+$", "", cell.rstrip())
    if cell.endswith(":"):
        return None
    found = type_prefix(cell)
    if not found or not is_upper(found[1]):
        return None
    doc_type, _printed, rest = found
    if rest and is_upper(rest) and fold_same(rest).startswith("so "):
        return None
    return Title(index, doc_type, rest)


def _with_row(title: Title, row: list[str], position: int) -> Title:
    # a merged row may carry the date before the title and the subject after it
    after = [cell for cell in row[position + 1 :] if not is_separator(cell)]
    rest = " ".join([title.rest, *after]).strip()
    return Title(title.index, title.doc_type, rest, tuple(row[:position]))


def header_cells(lines: list[str], title: Title | None) -> list[str]:
    """Return the cells printed above the title (or atop a document without one)."""
    if title:
        top = lines[: title.index]
    else:
        top = []
        for line in lines[:_HEADER_WINDOW]:
            if starts_body(line) and not is_upper(line):
                break
            top.append(line)
    found = [cell for line in top for cell in cells(line)]
    return found + list(title.before) if title else found


def own_number(header: list[str]) -> str | None:
    """Return the document's own number from the header ("Số: 123/QĐ-UBND")."""
    fallback = None
    for cell in header:
        for match in find_numbers(cell):
            before = fold_same(cell[: match.start()])
            if _SO_BEFORE.search(before):
                return tidy(match)
            fallback = fallback or tidy(match)
    return fallback


def number_after_so(header: list[str]) -> bool:
    """Tell whether the header prints a number after "Số:" (not just any number)."""
    for cell in header:
        for match in find_numbers(cell):
            if _SO_BEFORE.search(fold_same(cell[: match.start()])):
                return True
    return False


def issue_place_date(header: list[str], lines: list[str]) -> tuple[str | None, str | None]:
    """Return the place and ISO date of issue from "<place>, ngày … tháng … năm …"."""
    for cell in header:
        place, iso = place_and_date(cell)
        if iso:
            return place, iso
    for line in lines:
        for cell in cells(line):
            place, iso = place_and_date(cell)
            if iso and place and _is_date_line(cell):
                return place, iso
    blank = [place_of_blank_date(cell) for cell in header]
    return next((place for place in blank if place), None), None


def _is_date_line(cell: str) -> bool:
    # only a line that is nothing but "<place>, ngày … năm …" (as signed at the end)
    return (
        re.match(r"[^,\d]{2,40},\s*\S", cell) is not None
        and re.search(r"\d\s*\.?$", cell) is not None
    )
