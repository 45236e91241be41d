"""The job queue (huey): SQLite in the data dir by default, Redis for workers elsewhere.

It only delivers job ids; the ``jobs`` table says what each job is and how it went,
so a delivery lost with a killed worker is found and sent again by ``redeliver``.
"""

from __future__ import annotations

import logging
import threading
from urllib.parse import urlparse

from huey import Huey, RedisHuey, SqliteHuey, crontab
from huey.consumer import Consumer

from archive import jobs
from archive.facade import Archive
from archive.fixity import daily_batch, run_checks
from ingest.jobs import run_job

log = logging.getLogger(__name__)


class JobQueue:
    """Enqueue job ids and consume them with worker threads, over one archive."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.huey = _make_huey(archive.settings.effective_queue_url)
        self._run = self.huey.task(name="hoso.run_job")(self._run_job)
        self.huey.periodic_task(crontab(minute="*"), name="hoso.redeliver")(self.redeliver)
        # A slice of the originals every night, so a full fixity pass takes the set period.
        self.huey.periodic_task(crontab(hour="2", minute="17"), name="hoso.fixity")(self.fixity)
        self._consumer: Consumer | None = None

    def _run_job(self, job_id: int) -> str:
        return run_job(self.archive, job_id)

    def enqueue(self, job_id: int) -> None:
        """Hand a job to whichever worker is free."""
        self._run(job_id)

    def redeliver(self) -> int:
        """Send again jobs nobody took, and those whose worker died; return how many."""
        ids = jobs.undelivered(self.archive)
        for job_id in ids:
            self.enqueue(job_id)
        if ids:
            log.info("redelivered %d job(s)", len(ids))
        return len(ids)

    def fixity(self) -> int:
        """Re-hash tonight's share of the originals; return how many failed."""
        results = run_checks(self.archive, sample=daily_batch(self.archive))
        return sum(r.status != "ok" for r in results)

    def consumer(self, workers: int) -> Consumer:
        """A huey consumer with ``workers`` threads."""
        return self.huey.create_consumer(workers=workers, worker_type="thread", periodic=True)

    def start_in_background(self, workers: int) -> None:
        """Run workers as threads of this process (``hoso serve``)."""
        consumer = _QuietConsumer(self.huey, workers=workers, worker_type="thread", periodic=True)
        self.redeliver()
        consumer.start()
        self._consumer = consumer

    def stop(self) -> None:
        """Stop background workers, letting running jobs finish."""
        if self._consumer is not None:
            self._consumer.stop(graceful=True)
            self._consumer = None


class _QuietConsumer(Consumer):
    """A consumer living inside another program: the program owns the signals."""

    def _set_signal_handlers(self) -> None:  # the web server must keep Ctrl-C
        return None


def _make_huey(url: str) -> Huey:
    parsed = urlparse(url)
    if parsed.scheme in ("redis", "rediss"):
        return RedisHuey("hoso", url=url)
    if parsed.scheme == "sqlite":
        return SqliteHuey("hoso", filename=parsed.path)
    raise ValueError(f"HOSO_QUEUE_URL không hợp lệ: {url!r} (dùng redis://… hoặc để trống)")


def run_here(archive: Archive, job_ids: list[int], workers: int) -> dict[int, str]:
    """Run the given jobs in this process for ``workers`` cores; return each final state.

    Twice as many jobs as ``workers`` run at once: while some rasterise their next pages
    or store what was read, the others' pages keep the process's shared pool of
    Tesseract runs (``HOSO_WORKERS`` of them, ``ingest.ocr_job``) busy, so it never
    drains between records.
    """
    results: dict[int, str] = {}
    pending = list(job_ids)
    lock = threading.Lock()

    def work() -> None:
        while True:
            with lock:
                if not pending:
                    return
                job_id = pending.pop(0)
            results[job_id] = run_job(archive, job_id)

    threads = [threading.Thread(target=work) for _ in range(max(1, min(2 * workers, len(job_ids))))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
