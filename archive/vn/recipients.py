"""The "Nơi nhận" block: where copies of the document go."""

from __future__ import annotations

import re

from .folding import fold_same
from .layout import cells, is_upper

_HEADING = re.compile(r"noi\s*nhan\s*:?")
_BULLET = re.compile(r"^[-+•–*]\s*")
_APPENDIX = re.compile(r"(?:danh sach|phu luc|mau)\b")


def find_block(lines: list[str]) -> int | None:
    """Return the index of the "Nơi nhận:" line, or None."""
    for index, line in enumerate(lines):
        for cell in cells(line):
            if _HEADING.fullmatch(fold_same(cell).strip(" .")):
                return index
    return None


def is_item(cell: str) -> bool:
    """Tell whether a cell is one entry of the list ("- Như Điều 3;", "Lưu: VT")."""
    text = cell.strip()
    return bool(_BULLET.match(text)) or fold_same(text).startswith("luu")


def find_recipients(lines: list[str]) -> list[str] | None:
    """Return the "Nơi nhận" entries as printed, without bullets and end punctuation."""
    start = find_block(lines)
    if start is None:
        return None
    found: list[str] = []
    for line in lines[start:]:
        if found and is_appendix_start(line):
            break
        for cell in cells(line):
            rest = _after_heading(cell)
            if rest and (is_item(rest) or rest != cell.strip()):
                found.append(_tidy(rest))
    return found


def _after_heading(cell: str) -> str:
    match = _HEADING.match(fold_same(cell.strip()))
    return cell.strip()[match.end() :].strip() if match else cell.strip()


def _tidy(item: str) -> str:
    return _BULLET.sub("", item).strip().rstrip(";,.").strip()


def is_appendix_start(line: str) -> bool:
    """Tell whether ``line`` heads an appendix ("DANH SÁCH", "PHỤ LỤC")."""
    text = line.strip()
    return is_upper(text) and _APPENDIX.match(fold_same(text)) is not None
