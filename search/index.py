"""The full-text index: one writer at a time, readers never blocked, atomic rebuilds.

Layout under the index root::

    CURRENT          name of the live generation (replaced atomically)
    gen-<stamp>/     one Whoosh index per generation
    write.lock       flock held by whoever writes, across processes

A rebuild fills a new generation while searches keep reading the old one, then
swaps ``CURRENT``.  Writers hold ``write.lock`` for their whole batch, so
concurrent ingests from several processes queue instead of failing, and a
writer that hits an error is cancelled, never committed.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh import query as wq
from whoosh import sorting
from whoosh.searching import Searcher

from search import query as q
from search.compile import compile_node, folded_syllables, required_phrases
from search.facets import FacetTables
from search.results import FACETS, Hit, SearchResults
from search.schema import document_fields, make_schema
from search.snippets import snippet_for

SORTS = {"relevance", "date", "-date"}


class SearchIndex:
    """Search and write the index rooted at ``root``."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        # Each thread reads through its own searcher: a web server answers in many threads.
        self._local = threading.local()
        self._facet_lock = threading.Lock()
        self._facets: dict[tuple[str, int], FacetTables] = {}
        if not (self.root / "CURRENT").exists():
            with self._write_lock():
                if not (self.root / "CURRENT").exists():
                    self._swap_to(self._create_generation())

    # -- generations -------------------------------------------------------

    def _current_name(self) -> str:
        return (self.root / "CURRENT").read_text().strip()

    def _create_generation(self) -> str:
        name = f"gen-{time.time_ns()}"
        path = self.root / name
        path.mkdir()
        windex.create_in(str(path), make_schema())
        return name

    def _swap_to(self, name: str) -> None:
        tmp = self.root / f"CURRENT.{os.getpid()}.tmp"
        tmp.write_text(name)
        os.replace(tmp, self.root / "CURRENT")

    def _open(self, name: str) -> windex.Index:
        return windex.open_dir(str(self.root / name))

    def _reader_index(self, name: str) -> windex.Index:
        """Open for reading, first adding fields an older Hoso did not index."""
        ix = self._open(name)
        if all(n in ix.schema.names() for n in make_schema().names()):
            return ix
        with self._write_lock():
            return _upgraded(self._open(name))

    @contextmanager
    def _write_lock(self) -> Iterator[None]:
        with open(self.root / "write.lock", "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # -- writing -----------------------------------------------------------

    def add(self, documents: Iterable[Mapping[str, Any]]) -> int:
        """Add or replace documents (by ``id``) in one commit; return how many."""
        with self._write_lock():
            ix = _upgraded(self._open(self._current_name()))
            return self._write(ix, documents, replace=True)

    def delete(self, ids: Iterable[str]) -> None:
        """Remove documents by id in one commit."""
        with self._write_lock():
            writer = self._open(self._current_name()).writer()
            try:
                for doc_id in ids:
                    writer.delete_by_term("id", doc_id)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()

    def rebuild(self, documents: Iterable[Mapping[str, Any]]) -> int:
        """Build a fresh generation from ``documents`` and swap it in atomically."""
        with self._write_lock():
            old = self._current_name()
            name = self._create_generation()
            try:
                count = self._write(self._open(name), documents, replace=False, optimize=True)
            except BaseException:
                shutil.rmtree(self.root / name, ignore_errors=True)
                raise
            self._swap_to(name)
            self._drop_generations(keep={name, old})
        return count

    def _drop_generations(self, keep: set[str]) -> None:
        """Remove generations older than the one just replaced.

        The replaced one stays until the next rebuild: searches that began on it
        may still open its files.
        """
        for path in self.root.glob("gen-*"):
            if path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)

    def optimize(self) -> None:
        """Merge all segments into one, for the fastest searches."""
        with self._write_lock():
            self._open(self._current_name()).optimize()

    @staticmethod
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

    # -- reading -----------------------------------------------------------

    def _fresh_searcher(self) -> Searcher:
        name = self._current_name()
        local = self._local
        searcher: Searcher | None = getattr(local, "searcher", None)
        if searcher is None or name != getattr(local, "generation", None):
            if searcher is not None:
                searcher.close()
            searcher = self._reader_index(name).searcher()
            local.generation = name
        elif not searcher.up_to_date():
            # A searcher opened on an empty index cannot refresh; open a new one instead.
            searcher.close()
            searcher = self._open(name).searcher()
        local.searcher = searcher
        return searcher

    def _facet_tables(self, searcher: Searcher) -> FacetTables:
        """One set of tables per index version, shared by every thread."""
        key = (getattr(self._local, "generation", ""), searcher.reader().generation())
        with self._facet_lock:
            tables = self._facets.get(key)
            if tables is None:
                tables = FacetTables(searcher)
                self._facets = {key: tables}  # older versions are not asked for again
            return tables

    def count(self) -> int:
        """Number of documents in the live generation."""
        return self._fresh_searcher().doc_count()

    def search(
        self,
        text: str,
        *,
        filters: Mapping[str, str | int] | None = None,
        page: int = 1,
        per_page: int = 20,
        sort: str = "relevance",
        facets: bool = True,
        hidden: Mapping[str, Iterable[str]] | None = None,
    ) -> SearchResults:
        """Run a query of the query language; return one page of hits and facet counts.

        ``hidden`` names field values whose documents must not be found at all
        (confidential records for a role that may not see them).
        """
        if sort not in SORTS:
            raise q.QuerySyntaxError(f"Không sắp xếp được theo '{sort}'")
        tree = q.parse(text)
        compiled = compile_node(tree)
        searcher = self._fresh_searcher()
        kwargs: dict[str, Any] = {"filter": _filter_query(filters)} if filters else {}
        if hidden:
            kwargs["mask"] = _mask_query(hidden)
        if sort != "relevance":
            kwargs["sortedby"] = sorting.FieldFacet("issued", reverse=sort == "date")
        page = max(1, page)
        results = searcher.search_page(compiled, page, pagelen=per_page, **kwargs)
        # One pass over the matching documents serves both the total and the facets.
        matched = results.results.docs()
        terms = _highlight_terms(tree)
        phrases = [_phrase_check(p) for p in required_phrases(tree)]
        hits = [
            Hit(
                id=hit["id"],
                score=round(float(hit.score or 0.0), 4),
                snippet=snippet_for(hit.get("text", ""), terms, hit.get("text_f")),
                fields={k: v for k, v in hit.fields().items() if k not in ("text", "text_f")},
            )
            for hit in results
            if all(check.search(hit.get("text_f") or "") for check in phrases)
        ]
        return SearchResults(
            total=len(matched),
            hits=hits,
            facets=self._facet_tables(searcher).count(matched) if facets else {},
            page=page,
            per_page=per_page,
        )

    def close(self) -> None:
        """Release this thread's searcher."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None:
            searcher.close()
            self._local.searcher = None


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


def _highlight_terms(tree: q.Node) -> frozenset[str]:
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
