"""Text hygiene: legacy encodings, one Unicode form, OCR digit slips, broken lines."""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

from search.vietnamese import normalize

from .legacy import convert, is_syllable

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2002\u2003\u2009\u202f\u3000"), " ")
# A column gap inside a line (tab or a wide run of spaces) is a table cell border.
_COLUMN_GAP = re.compile(r"[ ]*\t[ \t]*|[ ]{3,}")
# A token of digits in which OCR read a zero as the letter O ("2O14", "O7").
_DIGITS_WITH_O = re.compile(r"(?<![^\W\d_])[\dOo]*\d[\dOo]*(?![^\W\d_])")
# The letter O read as a zero inside a word ("QU0C").
_ZERO_IN_WORD = re.compile(r"(?<=[^\W\d_])0(?=[^\W\d_])")
_TOKEN = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")
_LIST_START = re.compile(r"\d+\s*[.)/|]|\d+\s*$|[IVX]+\.")
_TERMINAL = ".;:!?|"
_ONSET = re.compile(r"ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx]")
_VIETNAMESE_WORD = re.compile(r"[^\W\d_]{4,}")
_VIETNAMESE_LETTER = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u0300-\u0323\u1ea0-\u1ef9]")
_SPACED_WORD = re.compile(r"[^\W\d_](?: [^\W\d_])+")
# words a date or a number must follow
_WANTS_NUMBER = re.compile(r"(?<!\w)(?:năm|tháng|ngày|số)$", re.IGNORECASE)


def clean_text(text: str) -> str:
    """Return ``text`` as clean Unicode Vietnamese, keeping the header's line layout."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_SPACES)
    text = normalize(convert(text)).translate(_INVISIBLE)
    lines = [_clean_line(line) for line in text.split("\n")]
    if is_double_spaced(lines):
        lines = [line for line in lines if line]
    lines = join_broken_lines(lines)
    return "\n".join(_squeeze_blank(lines)).strip("\n")


def is_double_spaced(lines: list[str]) -> bool:
    """Tell whether blank lines follow nearly every line (a web page's paragraphs).

    Then a blank line says nothing of where a heading or a paragraph ends.
    """
    filled = [i for i, line in enumerate(lines) if line]
    if len(filled) < 8:
        return False
    gaps = sum(1 for a, b in itertools.pairwise(filled) if b - a > 1)
    return gaps >= 0.6 * (len(filled) - 1)


def _clean_line(line: str) -> str:
    line = split_glued_syllables(join_spaced_letters(line.strip()))
    line = _COLUMN_GAP.sub(" | ", line)
    line = re.sub(r"[ ]{2,}", " ", line)
    line = re.sub(r"(?:\s*\|\s*)+$", "", line)
    return repair_ocr_digits(line).strip(" |")


def join_spaced_letters(line: str) -> str:
    """Close up a letter-spaced heading: "T H Ủ  T Ư Ớ N G" → "THỦ TƯỚNG".

    Only where every word is spelled letter by letter and words are parted by two or
    more spaces; a line with no wider gaps cannot show where its words end.
    """
    words = re.split(r"\s{2,}", line)
    if len(words) < 2 or not all(_SPACED_WORD.fullmatch(word) for word in words):
        return line
    return " ".join(word.replace(" ", "") for word in words)


def split_glued_syllables(line: str) -> str:
    """Part two Vietnamese syllables a lost space glued ("chitiết" → "chi tiết").

    Only a word with a letter that only Vietnamese has, that is no syllable itself and
    splits into two syllables in exactly one way; names, abbreviations and other
    languages are left as they are.
    """
    return _VIETNAMESE_WORD.sub(_split_word, line)


def _split_word(match: re.Match[str]) -> str:
    return _split(match.group(0))


# Documents repeat their words thousands of times; the verdict depends on the word alone.
@functools.lru_cache(maxsize=65536)
def _split(word: str) -> str:
    if is_syllable(word) or not _VIETNAMESE_LETTER.search(word):
        return word
    cuts = [i for i in range(2, len(word) - 1) if _two_syllables(word[:i], word[i:])]
    # the second syllable takes the longest onset it can ("đề nghị", not "đền ghị")
    ranked = sorted(((_onset(word[i:]), i) for i in cuts), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
        return word
    cut = ranked[0][1]
    return f"{word[:cut]} {word[cut:]}"


def _onset(syllable: str) -> int:
    match = _ONSET.match(strip_marks(syllable.lower()))
    return len(match.group(0)) if match else 0


def strip_marks(text: str) -> str:
    """Drop tone and vowel marks but keep "đ" (onsets are read on the bare letters)."""
    bare = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in bare if not unicodedata.combining(ch))


def _two_syllables(head: str, tail: str) -> bool:
    if not (is_syllable(head) and is_syllable(tail)):
        return False
    # "CHITIẾT" splits, "ChiTiết" too; "chiTIẾT" is no word
    return head.isupper() == tail.isupper() or (head.istitle() and tail.islower())


def repair_ocr_digits(line: str) -> str:
    """Undo the O/0 confusions OCR makes in numbers and words."""
    # Most lines hold no digit at all; skip the per-token work for them.
    if _DIGIT.search(line) is None:
        return line
    line = _DIGITS_WITH_O.sub(lambda m: re.sub("[Oo]", "0", m.group(0)), line)
    return _TOKEN.sub(_word_with_zero, line) if "0" in line else line


def _word_with_zero(match: re.Match[str]) -> str:
    token = match.group(0)
    if "0" not in token or any(ch.isdigit() for ch in _ZERO_IN_WORD.sub("", token)):
        # A code holding other digits ("6D0E3", "A10B") is not a word misread: leave it.
        return token
    return _ZERO_IN_WORD.sub(lambda m: "o" if token[m.start() - 1].islower() else "O", token)


def join_broken_lines(lines: list[str]) -> list[str]:
    """Join lines broken inside a sentence; leave headings, lists and tables alone."""
    out: list[str] = []
    for line in lines:
        if out and _continues(out[-1], line):
            out[-1] = _join(out[-1], line)
        else:
            out.append(line)
    return out


def _continues(prev: str, line: str) -> bool:
    if not prev or not line or "|" in prev or "|" in line or prev[-1] in _TERMINAL:
        return False
    if _mostly_upper(prev):
        return False
    first = line[0]
    if first.islower():
        return True
    if first.isdigit() and _WANTS_NUMBER.search(prev):
        return True  # "…, ngày 5 tháng 9 năm" wrapped before "2017"
    return first.isdigit() and not _LIST_START.match(line) and prev[-1].isalpha()


def _join(prev: str, line: str) -> str:
    match = re.search(r"(\w+)-$", prev)
    if match and not prev.endswith(" -"):
        head, tail = match.group(1), re.match(r"\w+", line)
        if tail and not (is_syllable(head) and is_syllable(tail.group(0))):
            return prev[:-1] + line
        return prev + line
    return prev + " " + line


def _mostly_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and sum(ch.isupper() for ch in letters) >= 0.7 * len(letters)


def _squeeze_blank(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return out
