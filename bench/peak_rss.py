"""Child process of the memory measurement: open an archive, ingest one file, exit.

    python -m bench.peak_rss DATA_DIR FILE

Prints one JSON line: the peak resident size once everything is imported and the
archive is open (the floor no ingest can go below), the peak at the end, the
ingest's duration and outcome.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from archive.facade import Archive
from archive.settings import Settings
from ingest.batch import ingest_paths
from ingest.pipeline import IngestResult


def peak_rss_mb() -> float:
    """This process's peak resident size so far, in MB.

    Linux's VmHWM belongs to the address space, which exec replaces, so it counts
    this program only.  ru_maxrss survives exec and would report the parent's
    size at fork time whenever that is larger: the benchmark parent, grown by its
    own ingests, always is.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    """Ingest ``argv[2]`` into a fresh archive at ``argv[1]``; print the JSON report."""
    data_dir, path = Path(argv[1]), Path(argv[2])
    archive = Archive.open(Settings(data_dir=data_dir))
    idle = peak_rss_mb()
    pages = 0

    def count(result: IngestResult) -> None:
        nonlocal pages
        pages += result.record.pages if result.record else 0

    start = time.perf_counter()
    statuses = ingest_paths(archive, [path], user="bench", report=count)
    seconds = time.perf_counter() - start
    archive.close()
    report = {
        "idle_rss_mb": round(idle, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "seconds": round(seconds, 3),
        "pages": pages,
        "statuses": dict(statuses),
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
