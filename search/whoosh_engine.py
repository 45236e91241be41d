"""The pure-Python engine: one Whoosh index per generation directory.

Slower than tantivy on large archives (see bench/README.md) but needs nothing
compiled; chosen with ``HOSO_SEARCH_ENGINE=whoosh``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh import query as wq
from whoosh import sorting
from whoosh.searching import Searcher

from search import query as q
from search.compile import compile_node, required_phrases
from search.facets import FacetTables
from search.results import FACETS, Hit, SearchRequest, SearchResults
from search.schema import document_fields, make_schema
from search.snippets import snippet_for
from search.terms import highlight_terms

NAME = "whoosh"

Lock = Callable[[], AbstractContextManager[None]]


def create(path: Path) -> None:
    """Create an empty index in the (new, empty) directory ``path``."""
    windex.create_in(str(path), make_schema())


class WhooshGeneration:
    """Search and write one generation; each thread reads through its own searcher."""

    engine = NAME

    def __init__(self, path: Path, write_lock: Lock) -> None:
        self.path = path
        self._write_lock = write_lock
        self._local = threading.local()
        self._facet_lock = threading.Lock()
        self._facets: dict[int, FacetTables] = {}

    def _open(self) -> windex.Index:
        return windex.open_dir(str(self.path))

    def _reader_index(self) -> windex.Index:
        """Open for reading, first adding fields an older Hoso did not index."""
        ix = self._open()
        if all(n in ix.schema.names() for n in make_schema().names()):
            return ix
        with self._write_lock():
            return _upgraded(self._open())

    # -- writing (the caller holds the write lock) ---------------------------

    def add(self, documents: Iterable[Mapping[str, Any]], *, replace: bool = True) -> int:
        """Add (or replace, by id) documents in one commit; return how many."""
        return _write(_upgraded(self._open()), documents, replace=replace)

    def build(self, documents: Iterable[Mapping[str, Any]]) -> int:
        """Fill a new, empty generation in one optimised commit."""
        return _write(self._open(), documents, replace=False, optimize=True)

    def delete(self, ids: Iterable[str]) -> None:
        """Remove documents by id in one commit."""
        writer = self._open().writer()
        try:
            for doc_id in ids:
                writer.delete_by_term("id", doc_id)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def optimize(self) -> None:
        """Merge all segments into one, for the fastest searches."""
        self._open().optimize()

    def wasted(self) -> float:
        """Whoosh drops deleted documents when it merges segments, which it does itself."""
        return 0.0

    def documents(self) -> Iterator[dict[str, Any]]:
        """Not needed: a Whoosh generation is never compacted (see ``wasted``)."""
        return iter(())

    # -- reading ---------------------------------------------------------------

    def _searcher(self) -> Searcher:
        local = self._local
        searcher: Searcher | None = getattr(local, "searcher", None)
        if searcher is None:
            searcher = self._reader_index().searcher()
        elif not searcher.up_to_date():
            # A searcher opened on an empty index cannot refresh; open a new one instead.
            searcher.close()
            searcher = self._open().searcher()
        local.searcher = searcher
        return searcher

    def _facet_tables(self, searcher: Searcher) -> FacetTables:
        """One set of tables per index version, shared by every thread."""
        key = searcher.reader().generation()
        with self._facet_lock:
            tables = self._facets.get(key)
            if tables is None:
                tables = FacetTables(searcher)
                self._facets = {key: tables}  # older versions are not asked for again
            return tables

    def count(self) -> int:
        """Number of documents."""
        return self._searcher().doc_count()

    def search(self, request: SearchRequest) -> SearchResults:
        """Run a parsed query; return one page of hits and facet counts."""
        tree, page, per_page, sort = request.tree, request.page, request.per_page, request.sort
        compiled = compile_node(tree)
        searcher = self._searcher()
        kwargs: dict[str, Any] = (
            {"filter": _filter_query(request.filters)} if request.filters else {}
        )
        if request.hidden:
            kwargs["mask"] = _mask_query(request.hidden)
        if sort != "relevance":
            kwargs["sortedby"] = sorting.FieldFacet("issued", reverse=sort == "date")
        terms = highlight_terms(tree)
        phrases = [_phrase_check(p) for p in required_phrases(tree)]
        if phrases:
            # Pairs only approximate a longer phrase: check every match in its stored
            # folded text, so the total and the pages are exact (and slower).
            results = searcher.search(compiled, limit=None, **kwargs)
            ranked = [
                (docnum, score)
                for docnum, score in results.items()
                if all(
                    check.search(searcher.stored_fields(docnum).get("text_f") or "")
                    for check in phrases
                )
            ]
            matched = [docnum for docnum, _ in ranked]
            shown = ranked[(page - 1) * per_page : page * per_page]
            hits = [
                _hit(searcher.stored_fields(d), score if sort == "relevance" else 0.0, terms)
                for d, score in shown
            ]
        else:
            page_results = searcher.search_page(compiled, page, pagelen=per_page, **kwargs)
            # One pass over the matching documents serves both the total and the facets.
            matched = list(page_results.results.docs())
            hits = [
                _hit(hit.fields(), hit.score if sort == "relevance" else 0.0, terms)
                for hit in page_results
            ]
        return SearchResults(
            total=len(matched),
            hits=hits,
            facets=self._facet_tables(searcher).count(matched) if request.facets else {},
            page=page,
            per_page=per_page,
        )

    def close(self) -> None:
        """Release this thread's searcher."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None:
            searcher.close()
            self._local.searcher = None


def _hit(stored: Mapping[str, Any], score: Any, terms: frozenset[str]) -> Hit:
    return Hit(
        id=stored["id"],
        score=round(float(score or 0.0), 4),
        snippet=snippet_for(stored.get("text", ""), terms, stored.get("text_f")),
        fields={k: v for k, v in stored.items() if k not in ("text", "text_f")},
    )


def _write(
    ix: windex.Index,
    documents: Iterable[Mapping[str, Any]],
    *,
    replace: bool,
    optimize: bool = False,
) -> int:
    writer = ix.writer(limitmb=128)
    count = 0
    try:
        for document in documents:
            fields = document_fields(document)
            if replace:
                writer.update_document(**fields)
            else:
                writer.add_document(**fields)
            count += 1
    except BaseException:
        writer.cancel()
        raise
    writer.commit(optimize=optimize)
    return count


def _phrase_check(syllables: list[str]) -> re.Pattern[str]:
    """The phrase in folded text, syllables separated as the tokenizer separates them."""
    return re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, syllables)) + r"(?!\w)")


def _upgraded(ix: windex.Index) -> windex.Index:
    """Add fields a newer Hoso indexes to an index written by an older one.

    Documents indexed before keep working; ``hoso reindex`` fills the new fields in.
    """
    missing = [(n, f) for n, f in make_schema().items() if n not in ix.schema.names()]
    if not missing:
        return ix
    writer = ix.writer()
    try:
        for name, field in missing:
            writer.add_field(name, field)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    return windex.open_dir(ix.storage.folder)


def _filter_query(filters: Mapping[str, str | int]) -> Any:
    terms = []
    for name, value in filters.items():
        if value in (None, ""):
            continue
        if name == "year":
            terms.append(wq.NumericRange("year", int(value), int(value)))
        elif name in FACETS:
            terms.append(wq.Term(name, str(value)))
        elif name == "dossier":
            terms.append(wq.Term(name, str(value).strip().lower()))
        else:
            raise q.QuerySyntaxError(f"Không lọc được theo '{name}'")
    return wq.And(terms) if terms else None


def _mask_query(hidden: Mapping[str, Iterable[str]]) -> Any:
    return wq.Or([wq.Term(name, value) for name, values in hidden.items() for value in values])
