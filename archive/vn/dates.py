"""Dates as Vietnamese documents print them, and the place-and-date line."""

from __future__ import annotations

import datetime as dt
import re

from .casing import title_case_words
from .folding import fold_same

# Matched on folded text; OCR may split digits ("0 7") or glue words together.
_DIGITS2 = r"\d(?:\s?\d)?"
_YEAR = r"\d(?:\s?\d){3}"
_WORDED = re.compile(
    rf"ngay\s*(?P<d>{_DIGITS2})\s*,?\s*thang\s*(?P<m>{_DIGITS2})\s*,?\s*nam\s*(?P<y>{_YEAR})"
)
_NUMERIC = re.compile(
    r"(?:ngay\s*)?(?<!\d)(?P<d>\d{1,2})\s?(?P<sep>[/.-])\s?(?P<m>\d{1,2})\s?(?P=sep)\s?(?P<y>\d{4})(?!\d)"
)
_PLACE_WORDS = re.compile(r"[^\W\d_][\w.'’-]*")


def to_iso(day: str, month: str, year: str) -> str | None:
    """Return "YYYY-MM-DD" for printed day, month and year, or None if impossible."""
    try:
        value = dt.date(_int(year), _int(month), _int(day))
    except ValueError:
        return None
    return value.isoformat() if 1900 <= value.year <= 2100 else None


def _int(text: str) -> int:
    return int(re.sub(r"\s", "", text))


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, ISO date) for every date written in ``text``."""
    folded = fold_same(text)
    found = []
    for pattern in (_WORDED, _NUMERIC):
        for match in pattern.finditer(folded):
            iso = to_iso(match.group("d"), match.group("m"), match.group("y"))
            if iso:
                found.append((match.start(), match.end(), iso))
    return sorted(_without_overlaps(found))


def _without_overlaps(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    kept: list[tuple[int, int, str]] = []
    for item in sorted(found, key=lambda f: (f[0], -f[1])):
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    return kept


def parse_date(text: str) -> str | None:
    """Return the first date in ``text`` as ISO, or None."""
    found = find_dates(text)
    return found[0][2] if found else None


def place_and_date(cell: str) -> tuple[str | None, str | None]:
    """Read "<place>, ngày … tháng … năm …" from one header cell."""
    for start, _end, iso in find_dates(cell):
        if not fold_same(cell[start:]).startswith("ngay"):
            continue
        return _place_before(cell[:start]), iso
    return None, None


# "Hiệp Hòa, ngày    tháng 10 năm 2020": the day left blank to be written by hand
_BLANK_DATE = re.compile(r"ngay(?:[\s.…_]*(?:\d{1,2})?[\s.…_]*(?:thang\b.*)?)?$")


def place_of_blank_date(cell: str) -> str | None:
    """Return the place of a place-and-date line whose date is left blank, else None."""
    match = re.match(r"([^,\d]{2,40}),\s*", cell)
    if not match or not _BLANK_DATE.match(fold_same(cell[match.end() :]).strip()):
        return None
    return _place_before(match.group(1))


def _place_before(text: str) -> str | None:
    text = text.rstrip(" ,")
    # A merged header line may carry the number before the place.
    text = re.split(r"\d\S*\s|:\s", text)[-1].strip(" ,.|-")
    words = _PLACE_WORDS.findall(text)
    if not words or len(words) > 6 or not words[0][0].isupper():
        return None
    text = title_case_words(text) if text.isupper() else text
    return _unit_case(text)


def _unit_case(place: str) -> str:
    """Write the unit word of a place as a common noun: "Thị Trấn Nghèn" → "Thị trấn Nghèn"."""
    folded = fold_same(place)
    for unit in ("thi tran", "thi xa", "thanh pho"):
        if folded.startswith(unit + " "):
            return place[:4] + place[4 : len(unit)].lower() + place[len(unit) :]
    return place
