"""Whoosh analyzers for Vietnamese: syllables, folded syllables and folded syllable pairs.

Text reaches them already normalised (NFC, one tone placement) by the indexer and
the query compiler, so character offsets stay those of the stored text and
highlights land on the right characters.
"""

from __future__ import annotations

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, ShingleFilter

from search.vietnamese import fold

SYLLABLE = r"\w+"
PAIR_SEP = " "


class FoldFilter(Filter):
    """Drop diacritics (đ→d) from each token, keeping its offsets."""

    def __call__(self, tokens):  # type: ignore[no-untyped-def]
        for token in tokens:
            token.text = fold(token.text)
            yield token


def accented_analyzer():  # type: ignore[no-untyped-def]
    """Lower-cased syllables with their diacritics: exact matches rank first."""
    return RegexTokenizer(SYLLABLE) | LowercaseFilter()


def folded_analyzer():  # type: ignore[no-untyped-def]
    """Lower-cased syllables without diacritics: 'khen thuong' finds 'khen thưởng'."""
    return RegexTokenizer(SYLLABLE) | LowercaseFilter() | FoldFilter()


def prefolded_analyzer():  # type: ignore[no-untyped-def]
    """Syllables of text folded beforehand: the long body text pays for folding once."""
    return RegexTokenizer(SYLLABLE)


def pair_analyzer():  # type: ignore[no-untyped-def]
    """Adjacent syllable pairs of folded text, so a phrase is a handful of rare terms."""
    return RegexTokenizer(SYLLABLE) | ShingleFilter(2, PAIR_SEP)
