"""Turn the engine-neutral query tree into Whoosh queries over the Vietnamese fields.

Nearly every Vietnamese word has two or more syllables, so nearly every real
query is a phrase.  Phrases are matched on the ``pairs`` field, whose terms are
adjacent folded syllable pairs: a two-syllable phrase is one term lookup, a
longer one checks positions only among documents holding all of its pairs.
"""

from __future__ import annotations

import itertools
import re
from datetime import date

from whoosh import query as wq

from search import query as q
from search.analysis import PAIR_SEP
from search.vietnamese import fold, normalize

_SYLLABLE = re.compile(r"\w+")
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
# "1268/QĐ-UBND", "34-CT/TW": a document number typed in the main box.
_NUMBER = re.compile(r"^\d+[/-]\S*[^\W\d_]")


def folded_syllables(text: str) -> list[str]:
    """The folded syllables of ``text`` as the index analyzers produce them."""
    return [fold(s) for s in _SYLLABLE.findall(normalize(text).lower())]


def accented_syllables(text: str) -> list[str]:
    """The syllables of ``text`` that carry a diacritic, lower-cased."""
    syllables = _SYLLABLE.findall(normalize(text).lower())
    return [s for s in syllables if fold(s) != s]


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
        if _NUMBER.match(word):
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
        year = _int(value, "năm")
        return wq.NumericRange("year", year, year)
    if field == "issued":
        day = _date(value)
        return wq.Term("issued", day)
    if field == "dossier":
        return wq.Term("dossier", value.strip().lower())
    if field == "award_year":
        return wq.Term("award_year", str(_int(value, "năm")))
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
        lo = _int(low, "năm") if low else None
        hi = _int(high, "năm") if high else None
        return wq.NumericRange("year", lo, hi)
    return wq.TermRange("issued", _date(low) if low else None, _date(high) if high else None)


def _int(value: str, what: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise q.QuerySyntaxError(f"'{value}' không phải {what} hợp lệ") from None


def _date(value: str) -> str:
    """Accept dd/mm/yyyy (as archivists write) or ISO; return ISO."""
    if m := _DMY.match(value):
        value = f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise q.QuerySyntaxError(
            f"'{value}' không phải ngày hợp lệ (viết dd/mm/yyyy hoặc yyyy-mm-dd)"
        ) from None
