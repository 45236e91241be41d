"""The default engine: one embedded tantivy index per generation directory.

One reader per process and generation, shared by every thread: a search costs a
``stat`` of ``meta.json``, and only when a writer (in this process or another)
has committed since is the reader reloaded, once, under a lock.  Writers hold
the index's flock (``SearchIndex``) for their batch, so several processes queue.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import os
import threading
from collections import OrderedDict, deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

import tantivy

from search import query as q
from search.results import FACETS, Hit, SearchRequest, SearchResults, ordered_counts
from search.snippets import snippet_for
from search.sources import Loader, Sources
from search.tantivy_query import Compiler
from search.tantivy_schema import (
    Prepared,
    make_document,
    make_schema,
    prepare,
    prepare_many,
    source_document,
    to_document,
)
from search.terms import highlight_terms

NAME = "tantivy"

# Writer memory: small for one upload's commit, larger for a full rebuild.
UPDATE_HEAP = 32_000_000
BUILD_HEAP_PER_THREAD = 128_000_000
BUILD_THREADS = max(1, min(4, os.cpu_count() or 1))
# Facet values counted per facet; the interface shows far fewer.
FACET_SIZE = 1000
FACET_SOURCES = {
    "doc_type": "doc_type",
    "year": "issued_year",
    "issuer": "issuer",
    "award_form": "award_form",
}
_AGGREGATIONS = {
    name: {"terms": {"field": field, "size": FACET_SIZE, "segment_size": FACET_SIZE}}
    for name, field in FACET_SOURCES.items()
}
# Rebuilds of at least this many documents prepare them in worker processes.
PARALLEL_FROM = 2000
PREPARE_WORKERS = os.cpu_count() or 1
PREPARE_CHUNK = 64
FILTERABLE = {"doc_type", "issuer", "award_form", "dossier"}
# Recent queries whose total and facet counts each reader keeps.
COUNTS_KEPT = 256

Facets = dict[str, list[tuple[str, int]]]


def prepared(documents: Iterable[Mapping[str, Any]] | Sources) -> Iterator[Prepared]:
    """Each document's field values, in order; prepared by worker processes past a few
    thousand documents, since normalising and folding the text is most of a rebuild's
    work (and, given ``Sources``, the workers read the documents too). At most a few
    chunks are in flight, so memory stays bounded."""
    if isinstance(documents, Sources):
        if len(documents) < PARALLEL_FROM or PREPARE_WORKERS < 2:
            yield from map(prepare, documents)
            return
        load, context = documents.load, documents.context
        yield from _in_workers(
            (load_and_prepare, load, context, chunk) for chunk in documents.chunks(PREPARE_CHUNK)
        )
        return
    stream = iter(documents)
    head = list(itertools.islice(stream, PARALLEL_FROM))
    if len(head) < PARALLEL_FROM or PREPARE_WORKERS < 2:
        yield from map(prepare, itertools.chain(head, stream))
        return
    rest = itertools.chain(head, stream)
    yield from _in_workers(
        (prepare_many, chunk)
        for chunk in iter(lambda: list(itertools.islice(rest, PREPARE_CHUNK)), [])
    )


def load_and_prepare(load: Loader, context: Any, keys: list[str]) -> list[Prepared]:
    """Load one chunk of documents and prepare them (a task of a rebuild's workers)."""
    return prepare_many(load(context, keys))


def _in_workers(tasks: Iterable[tuple[Any, ...]]) -> Iterator[Prepared]:
    """Run ``(function, *arguments)`` tasks in worker processes; yield their documents in order."""
    context = multiprocessing.get_context("spawn")  # never fork a threaded server
    with ProcessPoolExecutor(PREPARE_WORKERS, mp_context=context) as pool:
        pending: deque[Future[list[Prepared]]] = deque()
        for function, *arguments in tasks:
            pending.append(pool.submit(function, *arguments))
            if len(pending) >= PREPARE_WORKERS * 4:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def create(path: Path) -> None:
    """Create an empty index in the (new, empty) directory ``path``."""
    tantivy.Index(make_schema(), path=str(path), reuse=False)


class TantivyGeneration:
    """Search and write one generation."""

    engine = NAME

    def __init__(self, path: Path) -> None:
        self.path = path
        self.index = tantivy.Index.open(str(path))
        self.index.config_reader("Manual")
        self.schema = self.index.schema
        self.compiler = Compiler(self.schema)
        self._reload_lock = threading.Lock()
        self._stamp = self._meta_stamp()
        self._version = 0
        self._counts_lock = threading.Lock()
        # Total and facet counts of recent queries over the current reader: they do not
        # change with the page or the order, so paging through a result (and the same
        # query asked again before the next commit) counts all matches only once.
        self._counts: OrderedDict[tuple[Any, ...], tuple[int, Facets | None]] = OrderedDict()

    # -- writing (the caller holds the write lock) -----------------------------

    def add(self, documents: Iterable[Mapping[str, Any]], *, replace: bool = True) -> int:
        """Add (or replace, by id) documents in one commit; return how many."""
        writer = self.index.writer(heap_size=UPDATE_HEAP, num_threads=1)
        pairs = ((str(d["id"]), make_document(d)) for d in documents)
        return self._write(writer, pairs, replace=replace)

    def build(self, documents: Iterable[Mapping[str, Any]] | Sources) -> int:
        """Fill a new, empty generation: documents prepared in worker processes when
        there are many, indexed on several threads."""
        writer = self.index.writer(
            heap_size=BUILD_HEAP_PER_THREAD * BUILD_THREADS, num_threads=BUILD_THREADS
        )
        pairs = (("", to_document(fields)) for fields in prepared(documents))
        return self._write(writer, pairs, replace=False)

    def _write(
        self,
        writer: tantivy.IndexWriter,
        documents: Iterable[tuple[str, tantivy.Document]],
        *,
        replace: bool,
    ) -> int:
        count = 0
        try:
            for doc_id, document in documents:
                if replace:
                    writer.delete_documents_by_term("id", doc_id)
                writer.add_document(document)
                count += 1
        except BaseException:
            writer.rollback()
            writer.wait_merging_threads()
            raise
        self._commit(writer)
        return count

    def delete(self, ids: Iterable[str]) -> None:
        """Remove documents by id in one commit."""
        writer = self.index.writer(heap_size=UPDATE_HEAP, num_threads=1)
        try:
            for doc_id in ids:
                writer.delete_documents_by_term("id", doc_id)
        except BaseException:
            writer.rollback()
            writer.wait_merging_threads()
            raise
        self._commit(writer)

    def _commit(self, writer: tantivy.IndexWriter) -> None:
        writer.commit()
        # Merges finish before the lock is released, so segments (and deleted documents
        # awaiting a merge) cannot pile up; files they replace are then removed.
        writer.wait_merging_threads()
        self._reload()

    def optimize(self) -> None:
        """Wait for pending merges and drop unused files (tantivy merges by itself)."""
        writer = self.index.writer(heap_size=UPDATE_HEAP, num_threads=1)
        writer.garbage_collect_files()
        writer.wait_merging_threads()
        self._reload()

    def wasted(self) -> float:
        """The share of indexed documents that are deleted and still take space.

        tantivy drops a deleted document only when its segment is merged, and a
        large segment is seldom merged; ``SearchIndex`` compacts when this grows.
        """
        segments = json.loads((self.path / "meta.json").read_text())["segments"]
        total = sum(int(s["max_doc"]) for s in segments)
        deleted = sum(int((s.get("deletes") or {}).get("num_deleted_docs", 0)) for s in segments)
        return deleted / total if total else 0.0

    def documents(self) -> Iterator[dict[str, Any]]:
        """Every live document, as the engine-neutral document it was indexed from."""
        searcher = self.searcher()
        found = searcher.search(tantivy.Query.all_query(), limit=max(1, searcher.num_docs))
        for _score, address in found.hits:
            doc = searcher.doc(address)
            source = json.loads(doc.get_first("source") or "{}")
            yield source_document(source, doc.get_first("content") or "")

    # -- reading ---------------------------------------------------------------

    def _meta_stamp(self) -> tuple[int, int, int]:
        st = os.stat(self.path / "meta.json")
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def _reload(self) -> None:
        with self._reload_lock:
            self.index.reload()
            self._stamp = self._meta_stamp()
            self._reloaded()

    def _reloaded(self) -> None:
        # The caller holds the reload lock.
        with self._counts_lock:
            self._version += 1
            self._counts.clear()

    def searcher(self) -> tantivy.Searcher:
        """A searcher over the last commit, whoever made it."""
        return self._searcher()[0]

    def _searcher(self) -> tuple[tantivy.Searcher, int | None]:
        """A searcher over the last commit, and the number of the reader it came from
        (None when a reload happened meanwhile and the number cannot be told)."""
        try:
            stamp = self._meta_stamp()
        except FileNotFoundError:
            # Two rebuilds have passed this generation by while a search was under way:
            # its open files stay readable, so finish on what the reader holds.
            stamp = self._stamp
        if stamp != self._stamp:
            with self._reload_lock:
                if stamp != self._stamp:
                    self.index.reload()
                    self._stamp = stamp
                    self._reloaded()
        # Not under the lock: taking a searcher lets other threads run, and holding the
        # lock meanwhile would queue every search behind it.
        before = self._version
        searcher = self.index.searcher()
        return searcher, before if self._version == before else None

    def count(self) -> int:
        """Number of documents."""
        return int(self.searcher().num_docs)

    def search(self, request: SearchRequest) -> SearchResults:
        """Run a parsed query; return one page of hits and facet counts."""
        tree, page, per_page, sort = request.tree, request.page, request.per_page, request.sort
        query = self._restricted(self.compiler.compile(tree), request.filters, request.hidden)
        searcher, version = self._searcher()
        counts_key = _counts_key(version, request)
        counted = self._counts.get(counts_key) if version is not None else None
        kwargs: dict[str, Any] = {
            "limit": per_page,
            "offset": (page - 1) * per_page,
            "count": counted is None,
        }
        if sort != "relevance":
            kwargs["order_by_field"] = "issued"
            kwargs["order"] = tantivy.Order.Desc if sort == "date" else tantivy.Order.Asc
        result = searcher.search(query, **kwargs)
        terms = highlight_terms(tree)
        hits = []
        for key, address in result.hits:
            doc = searcher.doc(address)
            source = json.loads(doc.get_first("source") or "{}")
            text, folded = doc.get_first("content") or "", doc.get_first("content_f")
            score = round(float(key), 4) if sort == "relevance" else 0.0
            hits.append(
                Hit(
                    id=source["id"],
                    score=score,
                    snippet=snippet_for(text, terms, folded),
                    fields=source,
                )
            )
        if counted is None:
            # The type stubs lack ``count``, which a search with count=True sets.
            counted = (int(getattr(result, "count", 0) or 0), None)
        total, facets = counted
        if request.facets and facets is None:
            facets = _facets(searcher, query)
        self._remember(version, counts_key, (total, facets))
        return SearchResults(
            total=total,
            hits=hits,
            # A copy: the remembered counts are shared by every later search.
            facets={name: list(pairs) for name, pairs in (facets or {}).items()}
            if request.facets
            else {},
            page=page,
            per_page=per_page,
        )

    def _remember(
        self, version: int | None, key: tuple[Any, ...], counted: tuple[int, Facets | None]
    ) -> None:
        with self._counts_lock:
            if version is None or version != self._version:
                return  # a newer reader came meanwhile: these counts are already old
            self._counts[key] = counted
            self._counts.move_to_end(key)
            while len(self._counts) > COUNTS_KEPT:
                self._counts.popitem(last=False)

    def _restricted(
        self,
        query: tantivy.Query,
        filters: Mapping[str, str | int] | None,
        hidden: Mapping[str, Iterable[str]] | None,
    ) -> tantivy.Query:
        clauses = [(tantivy.Occur.Must, query)]
        for name, value in (filters or {}).items():
            if value in (None, ""):
                continue
            if name == "year":
                year = int(value)
                clauses.append((tantivy.Occur.Must, self.compiler.int_range("year", year, year)))
            elif name in FILTERABLE:
                if name == "dossier":
                    value = str(value).strip().lower()
                clauses.append((tantivy.Occur.Must, self.compiler.term(name, str(value))))
            else:
                raise q.QuerySyntaxError(f"Không lọc được theo '{name}'")
        for name, values in (hidden or {}).items():
            for value in values:
                clauses.append((tantivy.Occur.MustNot, self.compiler.term(name, value)))
        if len(clauses) == 1:
            return query
        return tantivy.Query.boolean_query(clauses)

    def close(self) -> None:
        """Nothing to release per thread: the reader is shared."""


def _counts_key(version: int | None, request: SearchRequest) -> tuple[Any, ...]:
    """What decides a search's total and facet counts: not its page, size or order."""
    filters = tuple(sorted((str(k), str(v)) for k, v in (request.filters or {}).items()))
    hidden = tuple(sorted((str(k), tuple(sorted(v))) for k, v in (request.hidden or {}).items()))
    return (version, repr(request.tree), filters, hidden)


def _facets(searcher: tantivy.Searcher, query: tantivy.Query) -> Facets:
    found = searcher.aggregate(query, _AGGREGATIONS)
    counts = {}
    for name in FACETS:
        buckets = found.get(name, {}).get("buckets", [])
        counts[name] = ordered_counts({str(b["key"]): int(b["doc_count"]) for b in buckets})
    return counts
