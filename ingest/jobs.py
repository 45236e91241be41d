"""Run background jobs by id: claim, work with a heartbeat, finish or fail with a reason."""

from __future__ import annotations

import logging
from collections.abc import Callable

from archive import jobs
from archive.errors import RecordNotFound
from archive.facade import Archive
from ingest.ocr_job import run_ocr

log = logging.getLogger(__name__)

# Job kinds and what runs them.


def _run_import(archive: Archive, import_id: str, heartbeat: Callable[[str], None]) -> None:
    # An import queues OCR jobs of its own, so its module needs this one's queue:
    # importing it here, when an import job runs, keeps the modules free of a cycle.
    from ingest.import_job import run_import

    run_import(archive, import_id, heartbeat)


RUNNERS: dict[str, Callable[[Archive, str, Callable[[str], None]], object]] = {
    "ocr": run_ocr,
    "import": _run_import,
}


def run_job(archive: Archive, job_id: int, worker: str | None = None) -> str:
    """Run one job if nobody else holds it; return its final state (or ``skipped``)."""
    worker = worker or jobs.worker_name()
    if not jobs.claim(archive, job_id, worker):
        return "skipped"
    job = jobs.get(archive, job_id)
    assert job is not None
    try:
        RUNNERS[job.kind](
            archive, job.record_id, lambda progress: jobs.heartbeat(archive, job_id, progress)
        )
    except RecordNotFound:
        jobs.finish(archive, job_id, error="Tài liệu không còn trong kho")
        return "failed"
    except Exception as exc:  # a failed job keeps its reason for people to read and retry
        log.exception("job %s (%s) failed", job_id, job.kind)
        jobs.finish(archive, job_id, error=f"{type(exc).__name__}: {exc}")
        return "failed"
    jobs.finish(archive, job_id)
    return "done"
