"""Highlighted snippets cut from the stored text, matched on folded syllables.

The query's folded syllables become one accent-blind regular expression run over
the stored text itself; the densest window of matches becomes the snippet.
Re-running the index analyzers over every hit's text, or even folding it, cost
more than the search itself.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from html import escape

from search.vietnamese import accent_blind_pattern

LEAD_CHARS = 240
WINDOW = 220
BEFORE = 60
_SPACE = re.compile(r"\s+")


MAX_MATCHES = 64
# Each term's first matches only: a syllable found in every line ("khen") would
# otherwise take all the places, and the densest window lies among early matches.
MAX_PER_TERM = 16


def _find_words(folded: str, terms: frozenset[str]) -> list[tuple[int, int]]:
    """Where the terms stand as whole words; ``str.find`` beats a regex here tenfold."""
    spans: list[tuple[int, int]] = []
    for term in terms:
        found = 0
        at = folded.find(term)
        while at != -1 and found < MAX_PER_TERM:
            end = at + len(term)
            before = folded[at - 1] if at else " "
            after = folded[end] if end < len(folded) else " "
            if not before.isalnum() and not after.isalnum():
                spans.append((at, end))
                found += 1
            at = folded.find(term, end)
    return sorted(spans)[:MAX_MATCHES]


@lru_cache(maxsize=256)
def _pattern(terms: frozenset[str]) -> re.Pattern[str]:
    ordered = sorted(terms, key=len, reverse=True)
    alternatives = "|".join(accent_blind_pattern(t) for t in ordered)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def snippet_for(text: str, terms: frozenset[str], folded: str | None = None) -> str:
    """Return an HTML snippet with the query's syllables in ``<mark>``; else the text's lead.

    ``folded`` is the text folded one character for one, when the index stored it.
    """
    if terms and text:
        if folded is not None and len(folded) == len(text):
            spans = _find_words(folded, terms)
        else:
            found = _pattern(terms).finditer(text)
            spans = [m.span() for m, _ in zip(found, range(MAX_MATCHES), strict=False)]
        if spans:
            first = _densest(spans)
            start = _at_word(text, first, first + BEFORE)
            end = _word_end(text, start, min(len(text), first + WINDOW))
            inside = [(a, b) for a, b in spans if a >= start and b <= end]
            return _render(text, start, end, inside)
    lead = " ".join(text[:LEAD_CHARS].split())
    return escape(lead + ("…" if len(text) > LEAD_CHARS else ""))


def _densest(spans: list[tuple[int, int]]) -> int:
    """Where the window holding the most matches starts: a little before its first match."""
    starts = [a for a, _ in spans]
    best, most = 0, 0
    for i, a in enumerate(starts):
        count = bisect_left(starts, a + WINDOW - BEFORE) - i
        if count > most:
            best, most = i, count
    return max(0, starts[best] - BEFORE)


def _at_word(text: str, start: int, limit: int) -> int:
    """Move a cut forward to the next word, so a snippet never opens mid-syllable."""
    if start == 0:
        return 0
    space = text.find(" ", start, limit)
    return space + 1 if space != -1 else start


def _word_end(text: str, start: int, end: int) -> int:
    """Move a cut back to the end of a word, so a snippet never closes mid-syllable."""
    if end >= len(text):
        return len(text)
    space = text.rfind(" ", start, end)
    return space if space > start else end


def _render(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    out: list[str] = ["…" if start > 0 else ""]
    cursor = start
    for a, b in spans:
        out.append(escape(text[cursor:a]))
        out.append(f"<mark>{escape(text[a:b])}</mark>")
        cursor = b
    out.append(escape(text[cursor:end]))
    out.append("…" if end < len(text) else "")
    return _SPACE.sub(" ", "".join(out)).strip()
