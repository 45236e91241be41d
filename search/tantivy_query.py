"""Turn the engine-neutral query tree into tantivy queries over the Vietnamese fields.

Phrases are real phrase queries on the positions of the folded syllables, so
totals are exact.  Words typed with their accents add optional clauses on the
accented ``content`` field, ranking exact spellings above folded-only matches.
"""

from __future__ import annotations

import itertools

import tantivy

from search import query as q
from search.terms import NUMBER, accented_syllables, folded_syllables, to_date, to_int
from search.vietnamese import fold, normalize

Query = tantivy.Query
Occur = tantivy.Occur
PAIR_BOOST = 2.0

# Field queries on folded text, by the field name of the query language.
FOLDED_FIELDS = {
    "issuer": "issuer_f",
    "title": "title_f",
    "filename": "filename_f",
    "award_form": "award_form_f",
    "award_recipient": "award_recipient",
}


def _split(syllables: list[str]) -> list[str]:
    """tantivy's tokenizer also splits at ``_``, which Python counts as a word character."""
    return [part for s in syllables for part in s.split("_") if part]


class Compiler:
    """Compile parsed queries against one schema."""

    def __init__(self, schema: tantivy.Schema) -> None:
        self.schema = schema

    def compile(self, node: q.Node) -> tantivy.Query:
        """The tantivy query for a parsed query; a query of no words matches nothing."""
        compiled = self._node(node)
        return compiled if compiled is not None else Query.empty_query()

    def term(self, field: str, value: str) -> tantivy.Query:
        """One exact term."""
        return Query.term_query(self.schema, field, value)

    def phrase(self, field: str, syllables: list[str]) -> tantivy.Query | None:
        """The syllables in order, next to each other; one syllable is a term."""
        if not syllables:
            return None
        if len(syllables) == 1:
            return self.term(field, syllables[0])
        words: list[str | tuple[int, str]] = list(syllables)
        return Query.phrase_query(self.schema, field, words)

    def int_range(self, field: str, low: int | None, high: int | None) -> tantivy.Query:
        """An inclusive range on an integer field; either end may be open."""
        if low is None and high is None:
            return Query.exists_query(field)
        return Query.range_query(self.schema, field, tantivy.FieldType.Integer, low, high)

    def _node(self, node: q.Node) -> tantivy.Query | None:
        match node:
            case q.MatchAll():
                return Query.all_query()
            case q.Words(words):
                return self._words(words)
            case q.Phrase(text):
                return self._accented(
                    self.phrase("content_f", _split(folded_syllables(text))), text
                )
            case q.FieldMatch(field, value):
                return self._field(field, value)
            case q.Range(field, low, high):
                return self._range(field, low, high)
            case q.And(children):
                return _all([self._node(c) for c in children])
            case q.Or(children):
                parts = [p for p in (self._node(c) for c in children) if p is not None]
                if not parts:
                    return None
                return Query.boolean_query([(Occur.Should, p) for p in parts])
            case q.Not(child):
                excluded = self._node(child)
                if excluded is None:
                    return Query.all_query()
                return Query.boolean_query(
                    [(Occur.Must, Query.all_query()), (Occur.MustNot, excluded)]
                )
        raise TypeError(f"unknown query node {node!r}")

    def _words(self, words: tuple[str, ...]) -> tantivy.Query | None:
        required: list[tantivy.Query | None] = []
        for word in words:
            matched = self.phrase("content_f", _split(folded_syllables(word)))
            if NUMBER.match(word):
                # A typed unit such as "1268/QĐ-UBND" may be the number field itself.
                number = self._field("number", word)
                parts = [p for p in (matched, number) if p is not None]
                matched = Query.boolean_query([(Occur.Should, p) for p in parts])
            required.append(matched)
        joined = " ".join(words)
        boosted = self._accented(_all(required), joined)
        flat = _split(folded_syllables(joined))
        if boosted is None or len(words) < 2 or len(flat) < 2:
            return boosted
        # Typed words standing together in the text rank first.
        pairs = [
            (Occur.Should, Query.phrase_query(self.schema, "content_f", [a, b]))
            for a, b in dict.fromkeys(itertools.pairwise(flat))
        ]
        adjacent = Query.boost_query(Query.boolean_query(pairs), PAIR_BOOST)
        return Query.boolean_query([(Occur.Must, boosted), (Occur.Should, adjacent)])

    def _accented(self, required: tantivy.Query | None, text: str) -> tantivy.Query | None:
        """Rank documents spelling the accented query exactly above folded-only matches."""
        accented = _split(accented_syllables(text))
        if required is None or not accented:
            return required
        should = [(Occur.Should, self.term("content", s)) for s in dict.fromkeys(accented)]
        return Query.boolean_query([(Occur.Must, required), *should])

    def _field(self, field: str, value: str) -> tantivy.Query | None:
        if field == "number":
            return self.term("number", fold(normalize(value)).strip())
        if field == "doc_type":
            return self.term("doc_type_f", fold(normalize(value)).strip())
        if field == "year":
            year = to_int(value, "năm")
            return self.int_range("year", year, year)
        if field == "issued":
            return self.term("issued", to_date(value))
        if field == "dossier":
            return self.term("dossier", value.strip().lower())
        if field == "award_year":
            return self.term("award_year", str(to_int(value, "năm")))
        return self.phrase(FOLDED_FIELDS[field], _split(folded_syllables(value)))

    def _range(self, field: str, low: str, high: str) -> tantivy.Query:
        if field == "year":
            lo = to_int(low, "năm") if low else None
            hi = to_int(high, "năm") if high else None
            return self.int_range("year", lo, hi)
        lo_day = int(to_date(low).replace("-", "")) if low else None
        hi_day = int(to_date(high).replace("-", "")) if high else None
        return self.int_range("issued_n", lo_day, hi_day)


def _all(parts: list[tantivy.Query | None]) -> tantivy.Query | None:
    """Every part must match; parts of no words drop out, as they do in the query language."""
    kept = [p for p in parts if p is not None]
    if not kept:
        return None
    if len(kept) == 1:
        return kept[0]
    return Query.boolean_query([(Occur.Must, p) for p in kept])
