"""Ingest many files from the command line, committing in batches."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from archive.facade import Archive
from ingest.boxes import BoxItem
from ingest.bulk_worker import PARALLEL_FROM, prepare_all
from ingest.pipeline import Ingester, IngestResult, Visible
from ingest.plan import Task
from ingest.queue import JobQueue, run_here

BATCH_SIZE = 64
# Flush at least this often so results show up while a long run goes on.
FLUSH_SECONDS = 2.0


def expand(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and every file under folders named, in a stable order."""
    for path in paths:
        if path.is_dir():
            yield from (p for p in sorted(path.rglob("*")) if p.is_file() and not p.is_symlink())
        else:
            yield path


def ingest_paths(
    archive: Archive,
    paths: Iterable[Path],
    *,
    user: str,
    entered: Mapping[str, Any] | None = None,
    report: Callable[[IngestResult], None] = lambda result: None,
    background: bool = False,
    visible: Visible | None = None,
) -> Counter[str]:
    """Ingest every file; call ``report`` for each result once it is final.

    Records that need OCR are reported after their recognition ran here, unless
    ``background`` hands the jobs to the queue's workers instead.
    """
    ingester = Ingester(archive, user=user, batch_size=BATCH_SIZE, visible=visible)
    counts: Counter[str] = Counter(created=0, duplicate=0, rejected=0)
    last_flush = time.monotonic()
    waiting: list[IngestResult] = []
    queue: JobQueue | None = None

    def flush() -> None:
        nonlocal queue
        for result in ingester.flush():
            counts[result.status] += 1
            if result.job_id is None:
                report(result)
            elif background:
                queue = queue or JobQueue(archive)
                queue.enqueue(result.job_id)
                report(result)
            else:
                waiting.append(result)

    for path, prepared in _prepared(archive, list(expand(paths)), entered, user):
        if prepared is None:
            ingester.ingest_path(path, entered)
        else:
            ingester.add_worker_result(path.name, prepared)
        if ingester.due or time.monotonic() - last_flush > FLUSH_SECONDS:
            flush()
            last_flush = time.monotonic()
    flush()
    for result in finish_ocr(archive, waiting):
        report(result)
    return counts


def _prepared(
    archive: Archive, files: list[Path], entered: Mapping[str, Any] | None, user: str
) -> Iterator[tuple[Path, Any]]:
    """Each file with what a worker process made of it; None to do it here.

    Many files are read, extracted and parsed by one process per core while this one
    commits; a handful is not worth starting the workers for.
    """
    workers = archive.settings.worker_count
    if workers < 2 or len(files) < PARALLEL_FROM:
        yield from ((path, None) for path in files)
        return
    tasks = [Task(_item(path), dict(entered or {})) for path in files]
    by_name = dict(zip((t.item.relpath for t in tasks), files, strict=True))
    for task, prepared in prepare_all(
        archive, Path("/"), tasks, user=user, workers=workers, commit_batch=BATCH_SIZE
    ):
        yield by_name[task.item.relpath], prepared


def _item(path: Path) -> BoxItem:
    info = path.stat()
    return BoxItem(str(path.resolve()), info.st_size, f"{info.st_size}:{info.st_mtime_ns}")


def finish_ocr(
    archive: Archive, results: list[IngestResult], *, workers: int | None = None
) -> list[IngestResult]:
    """Run the OCR jobs of ``results`` here (``run_here``: twice ``workers`` jobs at once,
    default the setting, over the shared page pool); return them with their final
    records and job states."""
    if not results:
        return []
    states = run_here(
        archive,
        [r.job_id for r in results if r.job_id],
        workers or archive.settings.worker_count,
    )
    return [
        replace(r, record=archive.get(r.record.id), job_state=states.get(r.job_id or 0))
        for r in results
        if r.record is not None
    ]
