"""The full-text index: one writer at a time, readers never blocked, atomic rebuilds.

Layout under the index root::

    CURRENT          name of the live generation (replaced atomically)
    gen-<stamp>/     one index per generation; its ENGINE file names the engine
    write.lock       flock held by whoever writes, across processes

A rebuild fills a new generation while searches keep reading the old one, then
swaps ``CURRENT``.  Writers hold ``write.lock`` for their whole batch, so
concurrent ingests from several processes queue instead of failing, and a
writer that hits an error is cancelled, never committed.

Each generation is read and written by the engine that built it; a rebuild
uses the engine asked for.  So an archive moves from one embedded engine to the
other by ``hoso reindex``, and keeps searching meanwhile.

The PostgreSQL engine keeps its generations in the database instead (see
``search.postgres_engine``), so that every host of a cluster reads and writes the
same index; ``SearchIndex`` hands it every call and keeps nothing on disk.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from search import budget, postgres_engine, tantivy_engine, whoosh_engine
from search import query as q
from search.results import SearchRequest, SearchResults

SORTS = {"relevance", "date", "-date"}
ENGINES = (tantivy_engine.NAME, whoosh_engine.NAME, postgres_engine.NAME)
DEFAULT_ENGINE = tantivy_engine.NAME
ENGINE_FILE = "ENGINE"
# Compact once deleted documents are this share of the index: it then stays within
# about 1.5 times the size of a fresh build.
COMPACT_AT = 0.3


class Generation(Protocol):
    """What each engine does with one generation directory."""

    engine: str

    def add(self, documents: Iterable[Mapping[str, Any]], *, replace: bool = True) -> int: ...
    def build(self, documents: Iterable[Mapping[str, Any]]) -> int: ...
    def delete(self, ids: Iterable[str]) -> None: ...
    def optimize(self) -> None: ...
    def wasted(self) -> float: ...
    def documents(self) -> Iterator[dict[str, Any]]: ...
    def count(self) -> int: ...
    def search(self, request: SearchRequest) -> SearchResults: ...
    def close(self) -> None: ...


# One open generation per directory and process, shared by every SearchIndex and thread.
_OPEN: dict[Path, Generation] = {}
_OPEN_LOCK = threading.Lock()


class _Pending:
    """One caller's documents waiting for a group commit, and how it went."""

    def __init__(self, documents: list[Mapping[str, Any]]) -> None:
        self.documents = documents
        self.done = False
        self.error: BaseException | None = None


class _Group:
    """The adds of one index root in this process: a queue and one committer at a time."""

    def __init__(self) -> None:
        self.queue_lock = threading.Lock()
        self.commit_lock = threading.Lock()
        self.queue: list[_Pending] = []


_GROUPS: dict[Path, _Group] = {}


def _group_for(root: Path) -> _Group:
    with _OPEN_LOCK:
        return _GROUPS.setdefault(root, _Group())


def _forget_after_fork() -> None:
    # A forked child (``hoso serve --processes``) has none of the threads that the
    # parent's readers, writers and locks belong to: it opens its own.
    global _OPEN_LOCK
    _OPEN.clear()
    _GROUPS.clear()
    _OPEN_LOCK = threading.Lock()


os.register_at_fork(after_in_child=_forget_after_fork)


def check_engine(engine: str) -> str:
    """The engine name, or a refusal naming the ones there are."""
    if engine not in ENGINES:
        raise ValueError(
            f"Không có bộ máy tìm kiếm '{engine}'; chọn một trong: {', '.join(ENGINES)}"
        )
    return engine


class SearchIndex:
    """Search and write the index rooted at ``root``; rebuilds use ``engine``.

    With the ``postgres`` engine, ``url`` names the database and ``root`` is unused.
    Each search answers within ``budget`` seconds or raises ``SearchTooSlow``.
    """

    def __init__(
        self,
        root: str | os.PathLike[str],
        engine: str = DEFAULT_ENGINE,
        url: str = "",
        *,
        budget: float = q.SEARCH_BUDGET_SECONDS,
    ) -> None:
        self.root = Path(root)
        self.engine = check_engine(engine)
        if not 0 < budget < 3600:
            raise ValueError(
                f"Thời gian tối đa của một lần tìm kiếm phải từ 0 đến 3600 giây, không phải {budget}"
            )
        self.budget = budget
        self.shared: postgres_engine.PostgresTables | None = None
        if self.engine == postgres_engine.NAME:
            self.shared = postgres_engine.PostgresTables(url)
            return
        self.root.mkdir(parents=True, exist_ok=True)
        self._resolved = self.root.resolve()
        self._current = self.root / "CURRENT"
        self._live: tuple[tuple[int, int], Path] | None = None
        if not (self.root / "CURRENT").exists():
            with self._write_lock():
                if not (self.root / "CURRENT").exists():
                    self._swap_to(self._create_generation())

    # -- generations -------------------------------------------------------

    def _current_name(self) -> str:
        return (self.root / "CURRENT").read_text().strip()

    def _create_generation(self, engine: str | None = None) -> str:
        engine = engine or self.engine
        name = f"gen-{time.time_ns()}"
        path = self.root / name
        path.mkdir()
        (tantivy_engine if engine == tantivy_engine.NAME else whoosh_engine).create(path)
        (path / ENGINE_FILE).write_text(engine)
        return name

    def _swap_to(self, name: str) -> None:
        tmp = self.root / f"CURRENT.{os.getpid()}.tmp"
        tmp.write_text(name)
        os.replace(tmp, self.root / "CURRENT")

    def _generation(self, name: str | None = None) -> Generation:
        if name is None:
            # CURRENT is replaced by rename: the same inode and time mean the same name.
            st = os.stat(self._current)
            key = (st.st_ino, st.st_mtime_ns)
            live = self._live
            if live is not None and live[0] == key:
                cached = _OPEN.get(live[1])
                if cached is not None:
                    return cached
            path = self._resolved / self._current_name()
            self._live = (key, path)
        else:
            path = self._resolved / name
        with _OPEN_LOCK:
            generation = _OPEN.get(path)
            if generation is None:
                generation = self._open(path)
                _OPEN[path] = generation
            return generation

    def _open(self, path: Path) -> Generation:
        marker = path / ENGINE_FILE
        # Generations written before there was a choice of engine are Whoosh ones.
        engine = marker.read_text().strip() if marker.exists() else whoosh_engine.NAME
        if engine == tantivy_engine.NAME:
            return tantivy_engine.TantivyGeneration(path)
        return whoosh_engine.WhooshGeneration(path, self._write_lock)

    def engine_in_use(self) -> str:
        """The engine of the live generation (differs from ``engine`` until a reindex)."""
        if self.shared is not None:
            return self.shared.engine
        marker = self.root / self._current_name() / ENGINE_FILE
        return marker.read_text().strip() if marker.exists() else whoosh_engine.NAME

    def generations(self) -> list[str]:
        """The generations kept: the live one and, after a rebuild, the one it replaced."""
        if self.shared is not None:
            return self.shared.generations()
        return sorted(path.name for path in self.root.glob("gen-*"))

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
        """Add or replace documents (by ``id``); return how many once they are committed.

        Threads of one process that add at the same time share a commit (group
        commit): while one commit runs, the adds that arrive wait and then go in
        the next one together. Each caller still returns only once its documents are
        committed and searchable, but concurrent uploads no longer pay one commit,
        one merge and one reader reload each.
        """
        if self.shared is not None:  # PostgreSQL: its own transactions, no group commit
            return self.shared.add(documents)
        pending = _Pending(list(documents))
        group = _group_for(self._resolved)
        with group.queue_lock:
            group.queue.append(pending)
        with group.commit_lock:
            if not pending.done:
                with group.queue_lock:
                    batch, group.queue = group.queue, []
                self._commit_group(batch)
        if pending.error is not None:
            raise pending.error
        return len(pending.documents)

    def _commit_group(self, batch: list[_Pending]) -> None:
        try:
            self._add_locked([d for p in batch for d in p.documents])
        except BaseException as error:
            if len(batch) == 1:
                batch[0].error = error
            else:
                # One caller's bad document must not fail the others: commit each alone.
                for pending in batch:
                    try:
                        self._add_locked(pending.documents)
                    except BaseException as own:  # raised again by its own caller
                        pending.error = own
        for pending in batch:
            pending.done = True

    def _add_locked(self, documents: list[Mapping[str, Any]]) -> int:
        with self._write_lock():
            generation = self._generation()
            count = generation.add(documents, replace=True)
            self._compact_if_wasteful(generation)
            return count

    def delete(self, ids: Iterable[str]) -> None:
        """Remove documents by id in one commit."""
        if self.shared is not None:
            self.shared.delete(ids)
            return
        with self._write_lock():
            generation = self._generation()
            generation.delete(ids)
            self._compact_if_wasteful(generation)

    def purge(self, ids: Iterable[str]) -> None:
        """Remove documents so that no copy of their text stays on disk (a destruction).

        A plain delete only marks a document: its stored text stays in its segment
        until a merge, and in the generation kept from the last rebuild. So the
        segments are merged (Whoosh), or the live generation is rebuilt from its live
        documents when it still holds deleted ones (tantivy), and every other
        generation is dropped at once — a search that began on one starts again.
        """
        if self.shared is not None:  # PostgreSQL: delete, drop old tables, rewrite
            self.shared.purge(ids)
            return
        with self._write_lock():
            generation = self._generation()
            generation.delete(list(ids))
            generation.optimize()
            if generation.wasted() > 0:
                self._rebuild_locked(generation.documents(), generation.engine)
            self._drop_generations(keep={self._current_name()})

    def rebuild(self, documents: Iterable[Mapping[str, Any]]) -> int:
        """Build a fresh generation from ``documents`` and swap it in atomically."""
        if self.shared is not None:
            return self.shared.rebuild(documents)
        with self._write_lock():
            return self._rebuild_locked(documents, self.engine)

    def _rebuild_locked(self, documents: Iterable[Mapping[str, Any]], engine: str) -> int:
        old = self._current_name()
        name = self._create_generation(engine)
        try:
            count = self._generation(name).build(documents)
        except BaseException:
            self._forget(self.root / name)
            shutil.rmtree(self.root / name, ignore_errors=True)
            raise
        self._swap_to(name)
        self._drop_generations(keep={name, old})
        return count

    def _compact_if_wasteful(self, generation: Generation) -> None:
        """Rebuild the live generation from itself once deleted documents take too much room.

        Replacing a record deletes its old version, which stays on disk until its
        segment is merged; editing the same records again and again would otherwise
        grow the index without bound.
        """
        if generation.wasted() > COMPACT_AT:
            self._rebuild_locked(generation.documents(), generation.engine)

    def _drop_generations(self, keep: set[str]) -> None:
        """Remove generations older than the one just replaced.

        The replaced one stays until the next rebuild: searches that began on it
        may still open its files.
        """
        for path in self.root.glob("gen-*"):
            if path.name not in keep:
                self._forget(path)
                shutil.rmtree(path, ignore_errors=True)

    @staticmethod
    def _forget(path: Path) -> None:
        with _OPEN_LOCK:
            generation = _OPEN.pop(path.resolve(), None)
        if generation is not None:
            generation.close()

    def optimize(self) -> None:
        """Merge segments, for the fastest searches."""
        if self.shared is not None:
            self.shared.optimize()
            return
        with self._write_lock():
            self._generation().optimize()

    # -- reading -----------------------------------------------------------

    def count(self) -> int:
        """Number of documents in the live generation."""
        if self.shared is not None:
            return self.shared.count()
        return self._generation().count()

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
        (confidential records for a role that may not see them). The engine searches
        on this process's search threads (``search.budget``): past ``budget`` seconds,
        or with every search thread still taken by slow searches, ``SearchTooSlow``.
        """
        if sort not in SORTS:
            raise q.QuerySyntaxError(f"Không sắp xếp được theo '{sort}'")
        tree = q.parse(text)
        generation: Generation | postgres_engine.PostgresTables = (
            self.shared if self.shared is not None else self._generation()
        )
        request = SearchRequest(
            tree,
            filters=filters,
            page=max(1, page),
            per_page=per_page,
            sort=sort,
            facets=facets,
            hidden=hidden,
        )
        return budget.within(self.budget, lambda: generation.search(request))

    def close(self) -> None:
        """Release what this thread holds of the live generation."""
        if self.shared is not None:
            return
        with _OPEN_LOCK:
            generations = [g for path, g in _OPEN.items() if path.parent == self._resolved]
        for generation in generations:
            generation.close()
