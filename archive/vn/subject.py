"""The trích yếu (subject) under the title, and the authority line below it."""

from __future__ import annotations

import re

from .casing import sentence_case
from .dates import find_dates
from .folding import fold_same
from .header import Title
from .layout import cells, is_separator, is_upper, starts_body
from .numbers import find_numbers, restore_symbol_case

# An upper-case subject line ending on one of these words goes on to the next line.
_OPEN_END = re.compile(r"(?:cua|va|cho|ve|voi|tai|theo|trong|tren|nam|giai doan|,|-)$")
_OPEN_BEFORE_NAME = re.compile(r"(?:cua|va|cho|ve|voi|tai|theo|trong|tren|,|-)$")
_AUTHORITY_START = re.compile(
    r"(?:uy ban|hoi dong|chu tich|giam doc|bo truong|thu tuong|quoc hoi|chinh phu|"
    r"truong ban|chanh|cuc truong|vu truong|ban chap hanh|ban thuong vu|tong)\b"
)


def find_subject(lines: list[str], title: Title) -> tuple[str | None, int]:
    """Return the subject under ``title`` and the index of the line after it."""
    parts = [title.rest] if title.rest else []
    index = title.index + 1
    while index < len(lines):
        line = lines[index].strip()
        if not line or is_separator(line):
            if parts:
                break
            index += 1
            continue
        if parts and not _continues(parts[-1], line):
            break
        if not parts and (line.startswith("(") or _is_authority(line)):
            break
        parts.append(line.replace(" | ", " "))
        index += 1
    return (tidy_subject(" ".join(parts)) if parts else None), index


def _continues(previous: str, line: str) -> bool:
    if line.startswith(("(", "-", "+", "•")) or is_separator(line):
        return False
    if fold_same(line).startswith(("noi nhan", "kinh gui")):
        return False
    if is_upper(previous) != is_upper(line):
        return False
    if is_upper(line):
        # "… CỦA" goes on into a name; "… HÀNG NĂM" does not into "CHỦ TỊCH …"
        return _OPEN_BEFORE_NAME.search(fold_same(previous)) is not None or not _is_authority(line)
    return not starts_body(line)


def _is_authority(line: str) -> bool:
    return is_upper(line) and _AUTHORITY_START.match(fold_same(line)) is not None


def tidy_subject(text: str) -> str:
    """Sentence-case a subject printed in capitals and expand "V/v"."""
    text = " ".join(text.split())
    text = _after_own_reference(text)
    text = re.sub(r"^[Vv]\s*/\s*[Vv]\s*[:.]?\s*", "V/v ", text)
    if is_upper(text):
        text = _keep_number_case(sentence_case(text), text)
    return text


def _after_own_reference(text: str) -> str:
    """Drop the old title's "CỦA <issuer> SỐ … NGÀY … " before the subject itself.

    Titles of 1950–1990 read "QUYẾT ĐỊNH CỦA HỘI ĐỒNG BỘ TRƯỞNG SỐ 194-HĐBT NGÀY
    9-12-1982 VỀ VIỆC …": the subject follows the date (or the number).
    """
    if not fold_same(text).startswith("cua "):
        return text
    dates, numbers = find_dates(text), find_numbers(text)
    if dates:
        return text[dates[0][1] :].strip(" ,.:-")
    if numbers:
        return text[numbers[0].end() :].strip(" ,.:-")
    match = re.search(r"(?<!\w)ve(?!\w)", fold_same(text))
    return text[match.start() :] if match else ""


def _keep_number_case(cased: str, original: str) -> str:
    # "CT-TTG" in a capitalised subject stands for the symbol "CT-TTg"
    for match in find_numbers(original):
        printed = restore_symbol_case(match.group(0))
        cased = cased.replace(match.group(0).lower(), printed)
    return cased


def authority_line(lines: list[str], start: int) -> str | None:
    """Return the capitalised line naming who decides ("CHỦ TỊCH ỦY BAN …")."""
    for line in lines[start : start + 4]:
        text = " ".join(cells(line))
        if not text or is_separator(text):
            continue
        if is_upper(text) and not starts_body(text) and not text.endswith(":"):
            return text
        if starts_body(text):
            return None
    return None
