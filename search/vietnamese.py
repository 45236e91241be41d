"""Vietnamese text normalisation shared by indexing, querying and document parsing.

Three steps, always in this order:

1. NFC, because decomposed text (as some PDF producers and macOS emit it) would
   otherwise split every accented syllable into several tokens.
2. One tone placement.  Vietnamese has two conventions for the open syllables
   ``oa``, ``oe`` and ``uy``: "hoà/hòa", "thuỷ/thủy", "Uỷ/Ủy".  Both appear in
   real documents, often in the same one.  We write the mark on the first vowel
   ("hòa", "thủy", "Ủy"), the form Decree 30/2020 itself prints.
3. Folding (for the accent-insensitive field only): drop every diacritic,
   ``đ`` becomes ``d``, lower case.
"""

from __future__ import annotations

import re
import unicodedata

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
_WORD = re.compile(r"\w+")


def _toned_vowels() -> dict[str, tuple[str, str]]:
    """Each composed a/e/y carrying a tone mark and nothing else: its letter and its mark."""
    found = {}
    for code in range(0x00C0, 0x1F00):
        parts = unicodedata.normalize("NFD", chr(code))
        if len(parts) == 2 and parts[0] in "aAeEyY" and parts[1] in _TONES:
            found[chr(code)] = (parts[0], parts[1])
    return found


_TONED = _toned_vowels()
# An open syllable ending in oa/oe/uy, tone on the second vowel, not after "q" ("quý"
# keeps its mark: there "u" belongs to the consonant). Matched on composed text, so a
# vowel carrying another mark as well ("hoặc") is never touched. The "q" is looked
# for behind the pair, not before it: a pattern opening with a character class lets
# the regex engine skip ahead to candidates (ten times faster on a whole document).
_OLD_STYLE = re.compile(rf"([oOuU])([{''.join(_TONED)}])(?<![qQ]..)(?![\w\u0300-\u036f])")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def unify_tones(text: str) -> str:
    """Move the tone mark of open ``oa``/``oe``/``uy`` syllables onto the first vowel."""

    def move(match: re.Match[str]) -> str:
        first, second = match.groups()
        letter, tone = _TONED[second]
        if (first + letter).lower() not in ("oa", "oe", "uy"):
            return match.group(0)
        return nfc(first + tone) + letter

    return _OLD_STYLE.sub(move, nfc(text))


def normalize(text: str) -> str:
    """NFC and one tone placement: the canonical form of stored Vietnamese text."""
    return unify_tones(nfc(text))


def _fold_table() -> dict[int, int | None]:
    """Each accented Latin letter to its bare lower-case letter; combining marks to nothing."""
    table: dict[int, int | None] = {ord("đ"): ord("d"), ord("Đ"): ord("d")}
    for start, end in ((0x00C0, 0x0250), (0x1E00, 0x1F00)):
        for code in range(start, end):
            base = unicodedata.normalize("NFD", chr(code))[0].lower()
            if len(base) == 1 and base.isascii():
                table[code] = ord(base)
    for code in range(0x0300, 0x0370):  # marks left over in text that was not composed
        table[code] = None
    return table


_FOLD = _fold_table()


def _fold_sequence() -> list[int | None]:
    """``_FOLD`` as a list indexed by code point, up to the last one it changes.

    ``str.translate`` looks each character up in its table; a list answers twice as
    fast as a dict, and a character past its end is left as it is.
    """
    table: list[int | None] = list(range(max(_FOLD) + 1))
    for code, target in _FOLD.items():
        table[code] = target
    return table


_FOLD_SEQUENCE = _fold_sequence()


def fold(text: str) -> str:
    """Drop every diacritic (đ→d) and lower-case: the accent-insensitive form.

    On composed (NFC) text every character folds to exactly one, so positions in
    the folded text are positions in the original: snippets rely on that.
    """
    return text.translate(_FOLD_SEQUENCE).lower()


def syllables(text: str) -> list[str]:
    """Split text into lower-cased syllables (word characters), after normalising."""
    return [m.group(0).lower() for m in _WORD.finditer(normalize(text))]


def _variants() -> dict[str, str]:
    """Each bare letter with every letter that folds to it, both cases."""
    found: dict[str, set[str]] = {}
    for code, target in _FOLD.items():
        if target is not None:
            found.setdefault(chr(target), set()).add(chr(code))
    for base in list(found):
        found[base] |= {base, base.upper()} | {
            c.upper() for c in found[base] if len(c.upper()) == 1
        }
    return {base: "".join(sorted(chars)) for base, chars in found.items()}


_VARIANTS = _variants()


def accent_blind_pattern(folded: str) -> str:
    """A regex source matching ``folded`` in composed text, whatever its marks and case."""
    parts = []
    for char in folded:
        chars = _VARIANTS.get(char)
        parts.append(f"[{chars}]" if chars else re.escape(char))
    return "".join(parts)
