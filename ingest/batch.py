"""Ingest many files from the command line, committing in batches."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from archive.facade import Archive
from ingest.pipeline import Ingester, IngestResult

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
) -> Counter[str]:
    """Ingest every file; call ``report`` for each result once it is final."""
    ingester = Ingester(archive, user=user, batch_size=BATCH_SIZE)
    counts: Counter[str] = Counter(created=0, duplicate=0, rejected=0)
    last_flush = time.monotonic()

    def flush() -> None:
        for result in ingester.flush():
            counts[result.status] += 1
            report(result)

    for path in expand(paths):
        ingester.ingest_path(path, entered)
        if ingester.due or time.monotonic() - last_flush > FLUSH_SECONDS:
            flush()
            last_flush = time.monotonic()
    flush()
    return counts
