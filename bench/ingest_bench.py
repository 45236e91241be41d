"""Ingest measurements: the real pipeline, pypdf alone on the same files, one big file."""

from __future__ import annotations

import json
import logging
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pypdfium2 as pdfium

from archive.facade import Archive
from archive.settings import Settings
from ingest.batch import ingest_paths
from ingest.pipeline import IngestResult

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    """How long a pass over ``docs`` files took, and the pages they hold."""

    docs: int
    pages: int
    seconds: float
    cpu_seconds: float
    statuses: dict[str, int]

    @property
    def docs_per_second(self) -> float:
        """Documents per second."""
        return self.docs / self.seconds if self.seconds else 0.0

    @property
    def pages_per_second(self) -> float:
        """Pages per second."""
        return self.pages / self.seconds if self.seconds else 0.0

    def to_json(self) -> dict[str, object]:
        """Return the JSON form, rates included."""
        return {
            "docs": self.docs,
            "pages": self.pages,
            "seconds": round(self.seconds, 3),
            "cpu_seconds": round(self.cpu_seconds, 3),
            "docs_per_second": round(self.docs_per_second, 2),
            "pages_per_second": round(self.pages_per_second, 2),
            "statuses": self.statuses,
        }


def warm_page_cache(paths: Sequence[Path]) -> None:
    """Read every file once, so that neither timed pass pays for the disk."""
    for path in paths:
        path.read_bytes()


def pypdf_alone(paths: Sequence[Path]) -> Run:
    """Extract every page of every PDF with pypdf and nothing else: the floor."""
    # The pipeline silences pypdf's repair chatter too; keep the two passes alike.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    pages = 0
    cpu = cpu_seconds()
    start = time.perf_counter()
    for path in paths:
        reader = pypdf.PdfReader(path)
        for page in reader.pages:
            page.extract_text()
            pages += 1
    return Run(len(paths), pages, time.perf_counter() - start, cpu_seconds() - cpu, {})


def pdfium_alone(paths: Sequence[Path]) -> Run:
    """Every page's text with PDFium and nothing else: the floor of the extractor ingest uses."""
    pages = 0
    cpu = cpu_seconds()
    start = time.perf_counter()
    for path in paths:
        document = pdfium.PdfDocument(str(path))
        for index in range(len(document)):
            document[index].get_textpage().get_text_bounded()
            pages += 1
        document.close()
    return Run(len(paths), pages, time.perf_counter() - start, cpu_seconds() - cpu, {})


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended.

    The pipeline may prepare files in worker processes; their time counts once
    the pool is shut down, which ``ingest_paths`` does before it returns.
    """
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def open_archive(data_dir: Path) -> Archive:
    """A fresh embedded archive: FileStore, SQLite catalog, Whoosh index."""
    return Archive.open(Settings(data_dir=data_dir))


def pipeline_ingest(archive: Archive, paths: Sequence[Path], label: str) -> Run:
    """Ingest ``paths`` through ``ingest_paths``, as ``hoso ingest`` does, timing it."""
    pages = 0
    progress = _progress(label, len(paths))

    def report(result: IngestResult) -> None:
        nonlocal pages
        pages += result.record.pages if result.record else 0
        progress()

    cpu = cpu_seconds()
    start = time.perf_counter()
    counts = ingest_paths(archive, paths, user="bench", report=report)
    seconds = time.perf_counter() - start
    return Run(len(paths), pages, seconds, cpu_seconds() - cpu, dict(counts))


def _progress(label: str, total: int) -> Callable[[], None]:
    """A callback printing a line at each tenth of the work, for long runs."""
    done = 0
    step = max(1, total // 10)
    start = time.perf_counter()

    def tick() -> None:
        nonlocal done
        done += 1
        if done % step == 0 or done == total:
            rate = done / (time.perf_counter() - start)
            print(f"    {label}: {done:,}/{total:,} ({rate:.1f} docs/s)", flush=True)

    return tick


def peak_rss_of_ingest(path: Path, data_dir: Path) -> dict[str, object]:
    """Ingest one file in a fresh child process; return its peak RSS and timings.

    A fresh interpreter, not a fork, so that nothing of this process (its imports,
    its open archives) is counted; the child reads its own peak (see peak_rss).
    """
    command = [sys.executable, "-m", "bench.peak_rss", str(data_dir), str(path)]
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    report["file_mb"] = round(path.stat().st_size / (1024 * 1024), 1)
    return report
