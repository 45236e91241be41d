"""The "Nơi nhận" block: where copies of the document go."""

from __future__ import annotations

import re

from .folding import fold_same
from .layout import cells, is_upper

_HEADING = re.compile(r"noi\s*nhan\s*:?")
_BULLET = re.compile(r"^[-+•–*]\s*")
_APPENDIX = re.compile(r"(?:danh sach|phu luc|mau)\b")
_ATTACHED = re.compile(r"\(\s*(?:ban hanh\s+)?kem theo\b")
# a capitalised line this long is a heading, not a signer's title
_HEADING_WORDS = 7


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
    open_item = False  # the last entry ended with a comma: it goes on, unbulleted
    for line in lines[start:]:
        if found and (is_appendix_start(line) or _ends_list(line)):
            break
        for cell in cells(line):
            rest = _after_heading(cell)
            if rest and (is_item(rest) or rest != cell.strip()):
                found.append(_tidy(rest))
                open_item = rest.rstrip().endswith(",")
            elif open_item and found and rest and not is_upper(rest):
                found[-1] = f"{found[-1]}, {_tidy(rest)}"
                open_item = rest.rstrip().endswith(",")
    return found


def _ends_list(line: str) -> bool:
    """A heading or an appendix's "(Kèm theo …)" line after the list ends it."""
    first = cells(line)[0] if cells(line) else ""
    if _ATTACHED.match(fold_same(first)):
        return True
    return is_upper(first) and len(first.split()) >= _HEADING_WORDS and not is_item(first)


def _after_heading(cell: str) -> str:
    match = _HEADING.match(fold_same(cell.strip()))
    return cell.strip()[match.end() :].strip() if match else cell.strip()


def _tidy(item: str) -> str:
    return _BULLET.sub("", item).strip().rstrip(";,.").strip()


def is_appendix_start(line: str) -> bool:
    """Tell whether ``line`` heads an appendix ("DANH SÁCH", "PHỤ LỤC")."""
    text = line.strip()
    return is_upper(text) and _APPENDIX.match(fold_same(text)) is not None
