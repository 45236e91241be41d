"""The line layout of the official form: cells, separators, capitals, body openers."""

from __future__ import annotations

import re
from functools import lru_cache

from .data import names
from .folding import fold_same, phrase_pattern, starts_with

_SEPARATOR = re.compile(r"[-_=*.~—–\s]+")


def cells(line: str) -> list[str]:
    """Split a published table row ("a | b") into its non-empty cells."""
    return [cell.strip() for cell in line.split("|") if cell.strip()]


def is_separator(text: str) -> bool:
    """Tell whether ``text`` is a ruling line ("-----", "___", "***")."""
    return bool(text.strip()) and _SEPARATOR.fullmatch(text.strip()) is not None


@lru_cache(maxsize=16384)
def is_upper(text: str) -> bool:
    """Tell whether ``text`` is printed in capitals (a heading or header line)."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def starts_body(text: str) -> bool:
    """Tell whether ``text`` opens the body ("Căn cứ …", "Điều 1.", "I. …")."""
    if is_upper(text):
        return re.match(r"(?:[IVX]+|\d+)\.\s", text) is not None
    if re.match(r"(?:[IVX]+|\d+)\.\s", text):
        return True
    return any(starts_with(text, phrase) for phrase in names()["body_starts"])


def is_motto(text: str) -> bool:
    """Tell whether ``text`` is the national (or party) motto line."""
    return any(starts_with(text, motto) for motto in names()["mottos"])


# The national motto cut short by a narrow column ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT").
_CUT_MOTTO = re.compile(r"cong\s*hoa\s*xa\s*hoi\s*chu\s*nghia(?:\s*viet)?(?:\s*nam)?(?!\w)")


def strip_mottos(text: str) -> str:
    """Remove motto phrases merged into a header line, whole or cut short."""
    for motto in names()["mottos"]:
        match = re.search(phrase_pattern(motto), fold_same(text))
        if match:
            text = text[: match.start()] + " " + text[match.end() :]
    match = _CUT_MOTTO.search(fold_same(text))
    if match:
        text = text[: match.start()] + " " + text[match.end() :]
    return " ".join(text.split())
