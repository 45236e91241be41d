"""Turn the engine-neutral query tree into Whoosh queries over the Vietnamese fields.

Nearly every Vietnamese word has two or more syllables, so nearly every real
query is a phrase.  Phrases are matched on the ``pairs`` field, whose terms are
adjacent folded syllable pairs: a two-syllable phrase is one term lookup, a
longer one checks positions only among documents holding all of its pairs.
"""

from __future__ import annotations

import itertools

from whoosh import query as wq

from search import query as q
from search.analysis import PAIR_SEP
from search.terms import NUMBER, accented_syllables, folded_syllables, to_date, to_int
from search.vietnamese import fold, normalize

# The years an open year range reaches: records of the archive's offices, past and future.
YEARS = (1800, 2200)

__all__ = ["compile_node", "folded_syllables", "phrase_query", "required_phrases"]


def phrase_query(field_pairs: str, field_single: str, syllables: list[str]) -> wq.Query:
    """Match ``syllables`` in order: one term, one pair, or every adjacent pair.

    Documents holding every adjacent pair of a longer phrase nearly always hold the
    phrase; checking positions in all of them cost seconds at ten thousand documents,
    so only the hits shown are checked (``SearchIndex.search``).
    """
    if not syllables:
        return wq.NullQuery
    if len(syllables) == 1:
        return wq.Term(field_single, syllables[0])
    pairs = [a + PAIR_SEP + b for a, b in itertools.pairwise(syllables)]
    if len(pairs) == 1:
        return wq.Term(field_pairs, pairs[0])
    return wq.And([wq.Term(field_pairs, pair) for pair in dict.fromkeys(pairs)])


def required_phrases(tree: q.Node) -> list[list[str]]:
    """Phrases of three or more syllables every hit must hold (top level only)."""
    nodes = tree.children if isinstance(tree, q.And) else (tree,)
    found = []
    for node in nodes:
        if isinstance(node, q.Phrase):
            syllables = folded_syllables(node.text)
            if len(syllables) > 2:
                found.append(syllables)
    return found


def compile_node(node: q.Node) -> wq.Query:
    """Compile a parsed query into a Whoosh query."""
    match node:
        case q.MatchAll():
            return wq.Every()
        case q.Words(words):
            return _words(words)
        case q.Phrase(text):
            return _boosted(phrase_query("pairs", "content_f", folded_syllables(text)), text)
        case q.FieldMatch(field, value):
            return _field(field, value)
        case q.Range(field, low, high):
            return _range(field, low, high)
        case q.And(children):
            return wq.And([compile_node(c) for c in children])
        case q.Or(children):
            return wq.Or([compile_node(c) for c in children])
        case q.Not(child):
            return wq.And([wq.Every(), wq.Not(compile_node(child))])
    raise TypeError(f"unknown query node {node!r}")


def _words(words: tuple[str, ...]) -> wq.Query:
    required: list[wq.Query] = []
    for word in words:
        syllables = folded_syllables(word)
        # A typed unit such as "1268/QĐ-UBND" must keep its parts together.
        matched = phrase_query("pairs", "content_f", syllables)
        if NUMBER.match(word):
            matched = wq.Or([matched, _field("number", word)])
        required.append(matched)
    joined = " ".join(words)
    flat = folded_syllables(joined)
    pairs = [a + PAIR_SEP + b for a, b in itertools.pairwise(flat)]
    optional = [wq.Term("pairs", p) for p in pairs]
    required_q = required[0] if len(required) == 1 else wq.And(required)
    boosted = _boosted(required_q, joined)
    if len(words) > 1 and optional:
        return wq.AndMaybe(boosted, wq.Or(optional, boost=2.0))
    return boosted


def _boosted(required: wq.Query, text: str) -> wq.Query:
    """Rank documents spelling the accented query exactly above folded-only matches."""
    accented = accented_syllables(text)
    if not accented:
        return required
    return wq.AndMaybe(required, wq.Or([wq.Term("content", s) for s in accented]))


def _field(field: str, value: str) -> wq.Query:
    if field == "number":
        return wq.Term("number", fold(normalize(value)).strip())
    if field == "doc_type":
        return wq.Term("doc_type_f", fold(normalize(value)).strip())
    if field == "year":
        year = to_int(value, "năm")
        return wq.NumericRange("year", year, year)
    if field == "issued":
        day = to_date(value)
        return wq.Term("issued", day)
    if field == "dossier":
        return wq.Term("dossier", value.strip().lower())
    if field == "award_year":
        return wq.Term("award_year", str(to_int(value, "năm")))
    syllables = folded_syllables(value)
    target = {
        "issuer": "issuer_f",
        "title": "title",
        "filename": "filename",
        "award_form": "award_form_f",
        "award_recipient": "award_recipient",
    }[field]
    if len(syllables) == 1:
        return wq.Term(target, syllables[0])
    return wq.Phrase(target, syllables)


def _range(field: str, low: str, high: str) -> wq.Query:
    if field == "year":
        lo = to_int(low, "năm") if low else YEARS[0]
        hi = to_int(high, "năm") if high else YEARS[1]
        # Whoosh's numeric ranges match everything once they span a precision tier
        # (2000..2014 works, 1..2014 does not): one exact year per clause instead.
        years = range(max(lo, YEARS[0]), min(hi, YEARS[1]) + 1)
        return wq.Or([wq.NumericRange("year", y, y) for y in years]) if years else wq.NullQuery
    return wq.TermRange("issued", to_date(low) if low else None, to_date(high) if high else None)
