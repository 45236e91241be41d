"""The issuing body (cơ quan ban hành) from the header's left column."""

from __future__ import annotations

import re

from .casing import name_case, split_locality
from .data import names
from .dates import find_dates
from .folding import key, starts_with
from .layout import is_separator, is_upper, strip_mottos
from .numbers import find_numbers

_LOCAL_GOVERNMENT = ("uy ban nhan dan", "hoi dong nhan dan")
# "GD & ĐT", "GD - ĐT", "GD-ĐT": one abbreviation printed with varying joints
_JOINED_ABBREVIATION = re.compile(r"\b(GD)\s*[&–-]\s*(ĐT)\b")


def find_issuer(header: list[str], authority: str | None, place: str | None) -> str | None:
    """Name the issuing body in full, sentence-cased, with its parent's locality."""
    lines = [expand(strip_mottos(cell)) for cell in header if _is_issuer_cell(cell)]
    lines = [line for line in lines if line]
    if lines:
        name = _compose(lines)
    elif authority:
        name = _from_authority(authority)
    else:
        return None
    return _complete_locality(name, authority, place) if name else None


def has_issuer_cells(header: list[str]) -> bool:
    """Tell whether the header's own lines name the issuer (not the authority line)."""
    return any(_is_issuer_cell(cell) and expand(strip_mottos(cell)) for cell in header)


def _is_issuer_cell(cell: str) -> bool:
    text = strip_mottos(cell)
    if not text or is_separator(text) or not is_upper(text):
        return False
    if find_numbers(text) or find_dates(text) or re.match(r"(?i)s[ốo]\s*(?:hiệu)?\s*:", text):
        return False
    if "/" in text:  # a number left blank for the clerk ("Số: /QĐ-UBND") is no name
        return False
    return not any(key(text) == key(mark) for mark in names()["marks"])


def expand(text: str) -> str:
    """Expand the abbreviations of official names ("UBND" → "ỦY BAN NHÂN DÂN")."""
    table = names()["abbreviations"]
    text = _JOINED_ABBREVIATION.sub(r"\1&\2", text)
    words = [table[w].upper() if w in table else w for w in text.split()]
    return " ".join(words).strip(" -*")


def _compose(lines: list[str]) -> str:
    child = _child_start(lines)
    if child == 0:
        return name_case(" ".join(lines))
    own = name_case(" ".join(lines[child:]))
    _, parent_place = split_locality(" ".join(lines[:child]))
    if parent_place and not split_locality(own)[1]:
        own = f"{own} {parent_place}"
    return own


def _child_start(lines: list[str]) -> int:
    """Return the index of the line where a subordinate body's name begins."""
    for index in range(len(lines) - 1, 0, -1):
        if _starts_with_organ(lines[index]):
            return index
    return 0


def _starts_with_organ(line: str) -> bool:
    return any(starts_with(line, organ) for organ in names()["organ_words"])


def _from_authority(authority: str) -> str:
    text = expand(strip_mottos(authority))
    for title in sorted(names()["titles"], key=len, reverse=True):
        if starts_with(text, title):
            rest = " ".join(text.split()[len(title.split()) :])
            if rest and _starts_with_organ(rest):
                text = rest
            break
    return name_case(text)


def _complete_locality(name: str, authority: str | None, place: str | None) -> str:
    # "HỘI ĐỒNG NHÂN DÂN" over "HỘI ĐỒNG NHÂN DÂN TỈNH NGHỆ AN" deciding below the title
    if authority and not split_locality(name)[1]:
        full = name_case(expand(strip_mottos(authority)))
        locality = split_locality(full)[1]
        if key(full).startswith(key(name) + " ") and locality not in ("", *names()["localities"]):
            return full
    # "ỦY BAN NHÂN DÂN" printed without its province: the place of issue names it
    if not place or not key(name).startswith(_LOCAL_GOVERNMENT):
        return name
    locality = split_locality(name)[1]
    if locality in names()["localities"]:
        return f"{name} {place}"
    if locality:
        return name
    level = _trailing_level(authority or "")
    return f"{name} {level} {place}" if level else name


def _trailing_level(authority: str) -> str | None:
    folded = key(authority)
    for loc in names()["localities"]:
        if re.search(rf"(?<!\w){re.escape(key(loc))}$", folded):
            return loc
    return None
