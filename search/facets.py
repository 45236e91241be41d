"""Facet counts over every match, from per-document value tables built once per reader.

Whoosh's grouping asks a column reader for each matching document and facet; with
ten thousand matches that cost more than the search.  Here each facet's values are
read once per index version from the term postings (document numbers stay right
across segments, which column readers of segments missing a value do not keep), and
counting a result is one pass over its document numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from whoosh.searching import Searcher

from search.results import FACETS, ordered_counts

# The field whose terms give each facet's values; the year is read off the issue date.
SOURCES = {"doc_type": "doc_type", "year": "issued", "issuer": "issuer", "award_form": "award_form"}


class FacetTables:
    """For each facet, the value(s) of every document of one reader."""

    def __init__(self, searcher: Searcher) -> None:
        reader = searcher.reader()
        self.tables: dict[str, dict[int, list[str]]] = {}
        for name in FACETS:
            field = SOURCES[name]
            if field in reader.schema.names():
                self.tables[name] = _by_term(reader, field, year=name == "year")

    def count(self, docnums: Iterable[int]) -> dict[str, list[tuple[str, int]]]:
        """Facet counts over the given documents, most frequent first."""
        counters = {name: Counter() for name in FACETS}  # type: ignore[var-annotated]
        docs = list(docnums)
        for name, table in self.tables.items():
            counter = counters[name]
            for d in docs:
                counter.update(table.get(d, ()))
        return {name: ordered_counts(counter) for name, counter in counters.items()}


def _by_term(reader, field: str, *, year: bool) -> dict[int, list[str]]:  # type: ignore[no-untyped-def]
    table: dict[int, list[str]] = {}
    for term in reader.field_terms(field):
        value = term[:4] if year else term
        if not value:
            continue
        for docnum in reader.postings(field, term).all_ids():
            table.setdefault(docnum, []).append(value)
    return table
