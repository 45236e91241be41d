"""The part of a bulk import that runs in worker processes: read, hash, extract, parse.

A box of a few files is prepared in the importing process instead: starting a worker
costs a fresh interpreter and every import, more than the files themselves.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from archive.commit import NewRecord
from archive.facade import Archive
from archive.settings import Settings
from ingest.boxes import Box
from ingest.errors import Rejected
from ingest.packages import ZIP_ERRORS
from ingest.pipeline import prepare
from ingest.plan import Task
from ingest.spool import spool

# One archive connection and one open box per worker process, made by ``start``.
_WORKER: dict[str, Any] = {}
log = logging.getLogger(__name__)
# Fewer files than this are prepared in the importing process.
PARALLEL_FROM = 32
# Files given to the workers ahead of the one the importing process waits for: four a
# worker, and the caller's whole commit batch more. The importing process submits nothing
# while it commits; with only four a worker ahead, the workers finished those and idled
# through every commit (5,000 plain files: 79-88 a second before, 90-94 after).
AHEAD_PER_WORKER = 4


def start(settings: Settings, box_path: Path) -> None:
    """Open the archive and the box once per worker process."""
    _WORKER["archive"] = Archive.open(settings)
    _WORKER["box"] = Box(box_path)


def prepare_item(task: Task, user: str) -> NewRecord | tuple[str, str | None, Any]:
    """A prepared record (its spooled copy kept for the parent), or (status, record id, error)."""
    return _prepare(_WORKER["archive"], _WORKER["box"], task, user)


def _prepare(
    archive: Archive, box: Box, task: Task, user: str
) -> NewRecord | tuple[str, str | None, Any]:
    settings = archive.settings
    try:
        with box.open(task.item) as stream:
            spooled = spool(
                stream,
                filename=task.filename,
                tmp_dir=settings.tmp_dir,
                limit=settings.max_upload_bytes,
            )
    except Rejected as error:
        return ("rejected", None, (error.code, error.details))
    except ZIP_ERRORS as exc:  # a damaged entry
        return _unreadable(task, exc)
    existing = archive.find_by_sha256(spooled.sha256)
    if existing is not None:
        spooled.discard()
        return ("duplicate", existing.id, None)
    try:
        return prepare(spooled, task.filename, task.entered, user=user)
    except Rejected as error:
        spooled.discard()
        return ("rejected", None, (error.code, error.details))
    except Exception as exc:
        # One hostile file must not stop the box: it is refused, its spool removed, and
        # the journal's "rejected" row keeps a re-run from stopping on it again.
        spooled.discard()
        log.warning("preparing %s failed", task.filename, exc_info=True)
        return _unreadable(task, exc)


def _unreadable(task: Task, exc: Exception) -> tuple[str, None, Any]:
    return ("rejected", None, ("unreadable", {"filename": task.filename, "detail": str(exc)[:200]
                                              or type(exc).__name__}))  # fmt: skip


def prepare_all(
    archive: Archive,
    box_path: Path,
    tasks: list[Task],
    *,
    user: str,
    workers: int,
    commit_batch: int,
) -> Iterator[tuple[Task, Any]]:
    """Yield (task, prepared) in order, with ``commit_batch`` (the files the caller commits
    at once) and four files a worker in flight."""
    if not tasks:
        return
    if workers < 2 or len(tasks) < PARALLEL_FROM:
        box = Box(box_path)
        try:
            for task in tasks:
                yield task, _prepare(archive, box, task, user)
        finally:
            box.close()
        return
    ahead = commit_batch + workers * AHEAD_PER_WORKER
    yield from _in_workers(
        archive.settings, box_path, tasks, user=user, workers=workers, ahead=ahead
    )


def _in_workers(
    settings: Settings, box_path: Path, tasks: list[Task], *, user: str, workers: int, ahead: int
) -> Iterator[tuple[Task, Any]]:
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("spawn"),
        initializer=start,
        initargs=(settings, box_path),
    ) as pool:
        window: deque[tuple[Task, Future[Any]]] = deque()
        try:
            for task in tasks:
                window.append((task, pool.submit(prepare_item, task, user)))
                if len(window) >= ahead:
                    first, future = window.popleft()
                    yield first, future.result()
            while window:
                first, future = window.popleft()
                yield first, future.result()
        except BaseException:
            for _, future in window:
                future.cancel()
            raise
