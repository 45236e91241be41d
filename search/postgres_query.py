"""Turn the engine-neutral query tree into SQL over one generation table of the PostgreSQL engine.

Phrases are ``<->`` tsqueries on the positions of our folded syllables, so totals
are exact; a document past PostgreSQL's position limits ("long") has its phrases
checked in its folded text instead.  Ranking mirrors tantivy's: matched syllables,
accented spellings typed by the user, and typed words standing together.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from search import query as q
from search.postgres_rows import FIELD_PREFIX, quote
from search.terms import NUMBER, accented_syllables, folded_syllables, to_date, to_int
from search.vietnamese import fold, normalize

PAIR_BOOST = 2.0


@dataclass
class Sql:
    """A fragment of SQL and its parameters, in order."""

    text: str
    params: list[Any] = field(default_factory=list)


def _phrase_query(syllables: list[str], prefix: str = "") -> str:
    marked = [quote(f"{prefix}{s}") for s in syllables]
    return " <-> ".join(marked)


def _regex(syllables: list[str]) -> str:
    """The phrase in folded text, as PostgreSQL's regular expressions write it."""
    return r"\m" + r"\W+".join(re.escape(s) for s in syllables) + r"\M"


def body_phrase(syllables: list[str]) -> Sql | None:
    """The syllables in order in the body; one syllable is a term."""
    if not syllables:
        return None
    if len(syllables) == 1:
        return Sql("tsv @@ %s::tsquery", [quote(syllables[0])])
    every = " & ".join(quote(s) for s in dict.fromkeys(syllables))
    return Sql(
        "(tsv @@ %s::tsquery OR (long AND tsv @@ %s::tsquery AND text_f ~ %s))",
        [_phrase_query(syllables), every, _regex(syllables)],
    )


def field_phrase(name: str, syllables: list[str]) -> Sql | None:
    """The syllables in order in one field's values."""
    if not syllables:
        return None
    return Sql("tsf @@ %s::tsquery", [_phrase_query(syllables, FIELD_PREFIX[name] + ":")])


def compile_where(node: q.Node) -> Sql:
    """The condition a row must meet; a query of no words matches nothing."""
    return _node(node) or Sql("FALSE")


def _node(node: q.Node) -> Sql | None:
    match node:
        case q.MatchAll():
            return Sql("TRUE")
        case q.Words(words):
            return _words(words)
        case q.Phrase(text):
            return body_phrase(folded_syllables(text))
        case q.FieldMatch(name, value):
            return _field(name, value)
        case q.Range(name, low, high):
            return _range(name, low, high)
        case q.And(children):
            return _join("AND", [_node(c) for c in children])
        case q.Or(children):
            return _join("OR", [_node(c) for c in children])
        case q.Not(child):
            excluded = _node(child)
            if excluded is None:
                return Sql("TRUE")
            return Sql(f"NOT coalesce(({excluded.text}), FALSE)", excluded.params)
    raise TypeError(f"unknown query node {node!r}")


def _join(operator: str, parts: list[Sql | None]) -> Sql | None:
    kept = [p for p in parts if p is not None]
    if not kept:
        return None
    if len(kept) == 1:
        return kept[0]
    return Sql(
        "(" + f" {operator} ".join(f"({p.text})" for p in kept) + ")",
        [param for p in kept for param in p.params],
    )


def _words(words: tuple[str, ...]) -> Sql | None:
    required: list[Sql | None] = []
    for word in words:
        matched = body_phrase(folded_syllables(word))
        if NUMBER.match(word):
            # A typed unit such as "1268/QĐ-UBND" may be the number field itself.
            matched = _join("OR", [matched, _field("number", word)])
        required.append(matched)
    return _join("AND", required)


def _field(name: str, value: str) -> Sql | None:
    if name == "number":
        return Sql("number = %s", [fold(normalize(value)).strip()])
    if name == "doc_type":
        return Sql("doc_type_f = %s", [fold(normalize(value)).strip()])
    if name == "year":
        return Sql("year = %s", [to_int(value, "năm")])
    if name == "issued":
        return Sql("issued = %s", [to_date(value)])
    if name == "dossier":
        return Sql("dossier = %s", [value.strip().lower()])
    if name == "award_year":
        return Sql("%s = ANY(award_years)", [str(to_int(value, "năm"))])
    return field_phrase(name, folded_syllables(value))


def _range(name: str, low: str, high: str) -> Sql:
    column = "year" if name == "year" else "issued_n"
    if name == "year":
        lo = to_int(low, "năm") if low else None
        hi = to_int(high, "năm") if high else None
    else:
        lo = int(to_date(low).replace("-", "")) if low else None
        hi = int(to_date(high).replace("-", "")) if high else None
    parts = [f"{column} IS NOT NULL"]
    params: list[Any] = []
    if lo is not None:
        parts.append(f"{column} >= %s")
        params.append(lo)
    if hi is not None:
        parts.append(f"{column} <= %s")
        params.append(hi)
    return Sql(" AND ".join(parts), params)


def _positive_texts(node: q.Node, positive: bool = True) -> list[str]:
    """The text of every word and phrase the query asks for (not those it excludes)."""
    match node:
        case q.Words(words):
            return [" ".join(words)] if positive else []
        case q.Phrase(text):
            return [text] if positive else []
        case q.And(children) | q.Or(children):
            return [t for c in children for t in _positive_texts(c, positive)]
        case q.Not(child):
            return _positive_texts(child, not positive)
    return []


def compile_rank(node: q.Node) -> Sql:
    """The score of a matching row: syllables found, exact accents, typed words together."""
    texts = _positive_texts(node)
    syllables = list(dict.fromkeys(s for t in texts for s in folded_syllables(t)))
    accented = list(dict.fromkeys(s for t in texts for s in accented_syllables(t)))
    pairs = list(dict.fromkeys(p for t in texts for p in itertools.pairwise(folded_syllables(t))))
    parts: list[Sql] = []
    if syllables:
        parts.append(Sql("ts_rank(tsv, %s::tsquery)", [" | ".join(quote(s) for s in syllables)]))
    if accented:
        parts.append(Sql("ts_rank(tsa, %s::tsquery)", [" | ".join(quote(s) for s in accented)]))
    if pairs:
        ors = " | ".join(f"({quote(a)} <-> {quote(b)})" for a, b in pairs)
        parts.append(Sql(f"{PAIR_BOOST} * ts_rank(tsv, %s::tsquery)", [ors]))
    if not parts:
        return Sql("0")
    return Sql(" + ".join(p.text for p in parts), [x for p in parts for x in p.params])
