"""What every engine reads off a query the same way: syllables, dates, highlight terms."""

from __future__ import annotations

import re
from datetime import date

from search import query as q
from search.vietnamese import fold, normalize

_SYLLABLE = re.compile(r"\w+")
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
# "1268/QĐ-UBND", "34-CT/TW": a document number typed in the main box.
NUMBER = re.compile(r"^\d+[/-]\S*[^\W\d_]")


def folded_syllables(text: str) -> list[str]:
    """The folded syllables of ``text`` as the index analyzers produce them."""
    return [fold(s) for s in _SYLLABLE.findall(normalize(text).lower())]


def accented_syllables(text: str) -> list[str]:
    """The syllables of ``text`` that carry a diacritic, lower-cased."""
    syllables = _SYLLABLE.findall(normalize(text).lower())
    return [s for s in syllables if fold(s) != s]


# The years a query may name: what a date can hold, and what the index's integers can.
MIN_YEAR, MAX_YEAR = 1, 9999


def to_int(value: str, what: str) -> int:
    """A year typed by the user, or a refusal saying what was expected."""
    try:
        number = int(value)
    except ValueError:
        raise q.QuerySyntaxError(f"'{_shown(value)}' không phải {what} hợp lệ") from None
    if not MIN_YEAR <= number <= MAX_YEAR:
        raise q.QuerySyntaxError(
            f"'{_shown(value)}' không phải {what} hợp lệ (từ {MIN_YEAR} đến {MAX_YEAR})"
        )
    return number


def _shown(value: str) -> str:
    """A value quoted back to the user, cut short so a refusal stays one line."""
    return value if len(value) <= 40 else value[:40] + "…"


def to_date(value: str) -> str:
    """Accept dd/mm/yyyy (as archivists write) or ISO; return ISO."""
    if m := _DMY.match(value):
        value = f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise q.QuerySyntaxError(
            f"'{_shown(value)}' không phải ngày hợp lệ (viết dd/mm/yyyy hoặc yyyy-mm-dd)"
        ) from None


def highlight_terms(tree: q.Node) -> frozenset[str]:
    """The folded syllables a snippet marks: those the query asks for, not those it excludes."""
    terms: set[str] = set()

    def walk(node: q.Node, positive: bool) -> None:
        match node:
            case q.Words(words):
                if positive:
                    terms.update(folded_syllables(" ".join(words)))
            case q.Phrase(text):
                if positive:
                    terms.update(folded_syllables(text))
            case q.And(children) | q.Or(children):
                for child in children:
                    walk(child, positive)
            case q.Not(child):
                walk(child, not positive)

    walk(tree, True)
    return frozenset(terms)
