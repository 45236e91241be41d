"""Child process of the reindex measurement: rebuild an archive's index from storage.

    python -m bench.reindex_child DATA_DIR ENGINE INDEX_DIR

Runs what ``hoso reindex`` runs (``archive.rebuild.reindex``) with the given engine
into the given index directory, in a fresh interpreter so that its peak resident
size is its own. Prints one JSON line: documents, seconds, rate and peak RSS.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from archive.facade import Archive
from archive.rebuild import reindex
from archive.settings import Settings
from bench.peak_rss import peak_rss_mb


def main(data_dir: str, engine: str, index_dir: str) -> None:
    """Reindex and print the JSON report."""
    settings = Settings(data_dir=Path(data_dir), index_dir=Path(index_dir), search_engine=engine)
    archive = Archive.open(settings)
    idle = peak_rss_mb()
    start = time.perf_counter()
    docs = reindex(archive)
    seconds = time.perf_counter() - start
    archive.close()
    report = {
        "engine": engine,
        "docs": docs,
        "seconds": round(seconds, 3),
        "docs_per_second": round(docs / seconds, 1) if seconds else 0.0,
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "idle_rss_mb": round(idle, 1),
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main(*sys.argv[1:4])
