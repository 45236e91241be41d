"""The time budget of one search, for every engine.

No engine can be stopped part-way (tantivy's Python binding has no time-limited
collector, Whoosh none either, and PostgreSQL's own ``statement_timeout`` is far
longer), so each search runs on a small pool of search threads of this process and
its caller waits at most the budget for the answer, then refuses with
``SearchTooSlow``. A search past its budget keeps its thread until it ends; while
every thread is taken so, new searches wait for one at most the budget and are
refused too. So slow searches cannot pile up: at most ``SEARCH_THREADS`` run at once
per process, whatever the callers do. tantivy and PostgreSQL release the GIL while
they search, so the threads run side by side.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")

# Searches that may run at once in one process: enough for the web server's threads
# on a small machine, few enough that runaway searches cannot take every core.
SEARCH_THREADS = max(4, 2 * (os.cpu_count() or 1))

TOO_SLOW = "Tìm kiếm mất quá nhiều thời gian; hãy thu hẹp câu tìm kiếm (thêm từ, trường, năm)."


class SearchTooSlow(Exception):
    """A search that did not answer within the budget, or found no free search thread.

    Not the person's syntax (that is ``QuerySyntaxError``): the same query may answer
    once the archive is less busy, or narrowed.
    """

    def __init__(self, budget: float) -> None:
        self.budget = budget
        super().__init__(TOO_SLOW)


class SearchPool:
    """``size`` daemon threads running searches; a slot is held until its search ends."""

    def __init__(self, size: int = SEARCH_THREADS) -> None:
        self.size = size
        self._slots = threading.BoundedSemaphore(size)
        self._jobs: queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]]] = queue.SimpleQueue()
        # Daemon threads: a runaway search must not keep the process from exiting.
        self._threads = [
            threading.Thread(target=self._serve, name=f"hoso-search-{n}", daemon=True)
            for n in range(size)
        ]
        for thread in self._threads:
            thread.start()

    def run(self, work: Callable[[], T], budget: float) -> T:
        """``work()`` on a search thread; its result within ``budget`` seconds, counted
        from now (waiting for a free thread included), or ``SearchTooSlow``."""
        deadline = time.monotonic() + budget
        if not self._slots.acquire(timeout=budget):
            raise SearchTooSlow(budget)
        future: Future[T] = Future()
        self._jobs.put((work, future))
        try:
            return future.result(timeout=max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            future.cancel()  # dropped unstarted; a running search ends on its own
            raise SearchTooSlow(budget) from None

    def _serve(self) -> None:
        while True:
            work, future = self._jobs.get()
            try:
                if future.set_running_or_notify_cancel():
                    try:
                        future.set_result(work())
                    except BaseException as error:  # raised again in the caller
                        future.set_exception(error)
            finally:
                del work, future
                self._slots.release()


_POOL: SearchPool | None = None
_POOL_LOCK = threading.Lock()


def pool() -> SearchPool:
    """This process's search threads, started at its first search."""
    global _POOL
    current = _POOL
    if current is None:
        with _POOL_LOCK:
            if _POOL is None:
                _POOL = SearchPool()
            current = _POOL
    return current


def _forget_pool() -> None:
    # A forked child has none of its parent's threads: it starts its own pool.
    global _POOL, _POOL_LOCK
    _POOL = None
    _POOL_LOCK = threading.Lock()


os.register_at_fork(after_in_child=_forget_pool)


def within(budget: float, work: Callable[[], T]) -> T:
    """Run one search on this process's pool, held to ``budget`` seconds."""
    return pool().run(work, budget)
