"""Detect and convert text typed in the legacy TCVN3 (ABC) and VNI encodings.

Such text reaches us as Latin-1/cp1252 mojibake ("QuyÕt ®Þnh", "Quyeát ñònh").
We convert only when most words carry legacy bytes and the conversion yields
well-formed Vietnamese syllables, so Unicode Vietnamese, English and other Latin
languages pass through untouched.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from .data import load

_WORD = re.compile(r"[^\W\d_]+")
# Letters only Unicode Vietnamese has; a text holding them is already converted.
_VIETNAMESE_ONLY = re.compile("[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9]")
_LATIN1_LETTERS = re.compile("[\u00a1-\u00ff]")
_LETTER = re.compile(r"[^\W\d_]|[\u00a1-\u00ff]")
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
    r"[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)
_DEFINITE_CASE = "ĂÂĐÊÔƠƯăâđêôơư"
_TONES = "\u0300\u0301\u0303\u0309\u0323"
MIN_LEGACY_SHARE = 0.25
MIN_VALID_SHARE = 0.6


@cache
def table(name: str) -> dict[str, str]:
    """Return the legacy-to-Unicode table ``name`` ("tcvn3" or "vni")."""
    return load(f"{name}.json")["to_unicode"]


def tcvn3_upper(text: str) -> str:
    """Upper-case TCVN3 text the way a capitals-only font (.VnTimeH) shows it.

    ASCII letters and the letters TCVN3 has capitals for (ă â đ ê ô ơ ư) change code;
    letters with tone marks have none, and the decoder restores their case from
    their neighbours.
    """
    return text.translate(_tcvn3_capitals())


@cache
def _tcvn3_capitals() -> dict[int, str]:
    mapping = table("tcvn3")
    by_letter = {uni: legacy for legacy, uni in mapping.items()}
    capitals = {ord(ch): ch.upper() for ch in "abcdefghijklmnopqrstuvwxyz"}
    for legacy, uni in mapping.items():
        if len(legacy) == 1 and uni.upper() != uni and uni.upper() in by_letter:
            capitals[ord(legacy)] = by_letter[uni.upper()]
    return capitals


def detect(text: str) -> str | None:
    """Name the legacy encoding ``text`` is written in, or None for Unicode/other text."""
    # split on spaces only: legacy bytes such as "¸" are not word characters
    words = [w for w in text.split() if _LETTER.search(w)]
    if not words or len(_VIETNAMESE_ONLY.findall(text)) > len(words) * 0.02:
        return None
    legacy = [w for w in words if _LATIN1_LETTERS.search(w)]
    if len(legacy) < 3 or len(legacy) / len(words) < MIN_LEGACY_SHARE:
        return None
    sample = " ".join(legacy[:400])
    scores = {name: valid_share(decode(sample, name)) for name in ("tcvn3", "vni")}
    best = max(scores, key=lambda name: scores[name])
    return best if scores[best] >= MIN_VALID_SHARE else None


def valid_share(text: str) -> float:
    """Return the share of words in ``text`` that are well-formed Vietnamese syllables."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    return sum(is_syllable(w) for w in words) / len(words)


def is_syllable(word: str) -> bool:
    """Tell whether ``word`` spells one Vietnamese syllable (at most one tone mark)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(ch in _TONES for ch in decomposed) > 1:
        return False
    base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    base = base.replace("đ", "d")
    return _SYLLABLE.fullmatch(base) is not None


def convert(text: str) -> str:
    """Convert legacy-encoded ``text`` to Unicode; return other text unchanged.

    A Unicode document may keep a line pasted from an old legacy-font template
    ("phßng GD & ®t"): such lines are judged and converted one by one.
    """
    name = detect(text)
    if name:
        return decode(text, name)
    if not _LATIN1_LETTERS.search(text):
        return text
    return "\n".join(_convert_line(line) for line in text.split("\n"))


def _convert_line(line: str) -> str:
    # "Cá nhân" is Unicode that happens to use Latin-1 letters: it reads as Vietnamese already
    name = detect(line)
    if not name:
        return line
    decoded = decode(line, name)
    return decoded if valid_share(decoded) > valid_share(line) else line


def decode(text: str, name: str) -> str:
    """Decode ``text`` from the legacy encoding ``name`` to Unicode."""
    if name == "vni":
        return _decode_longest(text, table("vni"))
    return _restore_capitals(_decode_single(text, table("tcvn3")))


def _decode_longest(text: str, mapping: dict[str, str]) -> str:
    pattern = _alternation(tuple(mapping))
    return pattern.sub(lambda m: mapping[m.group(0)], text)


@cache
def _alternation(keys: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(keys, key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in ordered))


def _decode_single(text: str, mapping: dict[str, str]) -> str:
    table: dict[str, str | int | None] = dict(mapping)
    return text.translate(str.maketrans(table))


def _restore_capitals(text: str) -> str:
    """Upper-case TCVN3 letters inside capitalised words.

    TCVN3 has no capitals with tone marks: headings use the small letters' bytes
    in an upper-case font, so "QUYẾT" arrives as "QUYếT".
    """
    return "\n".join(_restore_line(line) for line in text.split("\n"))


def _restore_line(line: str) -> str:
    words = [m.group(0) for m in _WORD.finditer(line)]
    spans = [(m.start(), m.end(), _word_case(m.group(0))) for m in _WORD.finditer(line)]
    known = [(i, case) for i, (_, _, case) in enumerate(spans) if case in ("upper", "lower")]
    plain = [(i, _plain_case(w)) for i, w in enumerate(words) if spans[i][2] == "plain"]
    plain_known: list[tuple[int, str]] = [(i, case) for i, case in plain if case]
    out = list(line)
    evidence = sorted(known + plain_known)
    for i, (start, end, case) in enumerate(spans):
        if case == "?":
            case = _neighbour_case(evidence, i, [(s, e) for s, e, _c in spans], line)
        if case == "upper":
            out[start:end] = list(line[start:end].upper())
    return "".join(out)


def _word_case(word: str) -> str:
    """Classify a word by its letters that TCVN3 writes in a definite case."""
    if all(ch.isascii() or ch in _DEFINITE_CASE for ch in word):
        return "plain"  # nothing to restore, and abbreviations say nothing of the line
    plain = [ch for ch in word if ch.isascii() or ch in _DEFINITE_CASE]
    if any(ch.islower() for ch in plain):
        return "lower"
    if len(plain) >= 2 or any(ch.isupper() for ch in plain[1:] or word[1:]):
        return "upper"
    return "?"


def _plain_case(word: str) -> str | None:
    # a neighbour without TCVN3 letters is evidence only if it is a real word
    if len(word) < 3 or not is_syllable(word):
        return None
    return "upper" if word.isupper() else "lower"


def _neighbour_case(
    known: list[tuple[int, str]], index: int, spans: list[tuple[int, int]], line: str
) -> str:
    """Take the case of the nearest word that shows one, within the same phrase first.

    Punctuation between two words ("QUẢN BẠ: 01 tập") parts them; on a tie the
    following word decides ("Cá nhân", "HÀ GIANG").
    """
    if not known:
        return "keep"

    def distance(item: tuple[int, str]) -> tuple[int, bool]:
        other = item[0]
        low, high = sorted((other, index))
        between = line[spans[low][1] : spans[high][0]]
        parted = re.search(r"[:;,.()|]", between) is not None
        return abs(other - index) + (len(spans) if parted else 0), other < index

    return min(known, key=distance)[1]
