"""Accent-insensitive matching that keeps character positions.

``search.vietnamese.fold`` may change the length of a string; here every character
folds to exactly one character, so a match found in the folded text has the same
span in the original and the printed form can be cut out of it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from search.vietnamese import fold


@cache
def fold_char(ch: str) -> str:
    """Fold one character to one lower-case character without diacritics."""
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0]
    low = base.lower()
    return low if len(low) == 1 else base


@cache
def _same_length_table() -> dict[int, str]:
    ranges = ((0x41, 0x5B), (0xC0, 0x250), (0x1E00, 0x1F00))
    return {code: fold_char(chr(code)) for start, end in ranges for code in range(start, end)}


# The parser asks about the same lines many times (once per phrase it looks for).
@lru_cache(maxsize=16384)
def fold_same(text: str) -> str:
    """Fold ``text`` character by character, keeping its length."""
    # One C-level pass; characters outside the table (digits, punctuation) stay as they are.
    return text.translate(_same_length_table())


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """Return a comparison key: folded, single-spaced, stripped."""
    return " ".join(fold(text).split())


@cache
def phrase_pattern(phrase: str) -> str:
    """Return a regex source matching folded ``phrase`` with any spacing."""
    words = key(phrase).split()
    return r"\s*".join(_word_pattern(w) for w in words) if words else ""


def _word_pattern(word: str) -> str:
    # a hyphen inside a phrase may be printed with or without spaces, or as a dash
    return re.escape(word).replace(r"\-", r"\s*[-–]\s*")


def starts_with(text: str, phrase: str) -> bool:
    """Tell whether ``text`` begins with ``phrase``, ignoring accents, case and spacing."""
    return re.match(phrase_pattern(phrase) + r"(?!\w)", fold_same(text.strip())) is not None
