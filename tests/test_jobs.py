"""Background jobs: a worker killed mid-job loses nothing; a failed job can be retried."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from archive import jobs
from archive.catalog.models import JobRow
from archive.facade import Archive
from archive.records import blob_key
from archive.settings import Settings
from ingest.jobs import run_job
from tests.documents import write_pdf
from tests.scans import render_pages, save_scanned_pdf

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def hoso(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOSO_DATA_DIR": str(data_dir)}
    command = [sys.executable, "-m", "cli", "--operator", *args]
    return subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)


def start_worker(data_dir: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "HOSO_DATA_DIR": str(data_dir), "HOSO_WORKERS": "1"}
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "cli", "worker"],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # so the worker and its Tesseract die together
        )


def wait_for(condition, timeout: float = 180.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


@pytest.fixture
def scan(tmp_path: Path, sample_dir: Path) -> Path:
    text = (sample_dir / "c02_qd_cstdcs_ltt_snv.txt").read_text(encoding="utf-8")
    pdf = write_pdf(text, tmp_path / "text.pdf")
    return save_scanned_pdf(render_pages(pdf), tmp_path / "scan.pdf")


def job_state(data_dir: Path) -> str:
    archive = Archive.open(Settings(data_dir=data_dir))
    try:
        return jobs.listing(archive)[0].state
    finally:
        archive.close()


def test_a_worker_killed_mid_job_loses_nothing(tmp_path: Path, scan: Path) -> None:
    data_dir = tmp_path / "data"
    ingest = hoso(data_dir, "ingest", "--background", "--json", str(scan))
    assert ingest.returncode == 0, ingest.stderr
    line = json.loads(ingest.stdout)
    assert line["status"] == "created" and line["ocr"]["state"] == "queued"
    assert line["metadata"].get("number") is None  # nothing read yet: the text is not there

    log = tmp_path / "worker.log"
    worker = start_worker(data_dir, log)
    wait_for(lambda: job_state(data_dir) == "running")
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()
    assert job_state(data_dir) == "running"  # it holds a lease nobody renews

    archive = Archive.open(Settings(data_dir=data_dir))
    with archive.session() as session:  # let the lease run out, as minutes would
        session.execute(update(JobRow).values(lease_until=datetime.now(UTC) - timedelta(1)))
    archive.close()

    worker = start_worker(data_dir, log)
    try:
        wait_for(lambda: job_state(data_dir) == "done")
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(30)

    archive = Archive.open(Settings(data_dir=data_dir))
    try:
        (job,) = jobs.listing(archive)
        assert job.attempts == 2
        record = archive.get(line["id"])
        assert record.metadata["number"] == "85/QĐ-SNV"
        assert archive.search("chien si thi dua").total == 1
        assert archive.stats()["records"] == 1
    finally:
        archive.close()


def test_a_failed_job_keeps_its_reason_and_can_be_retried(tmp_path: Path, scan: Path) -> None:
    data_dir = tmp_path / "data"
    line = json.loads(hoso(data_dir, "ingest", "--background", "--json", str(scan)).stdout)
    archive = Archive.open(Settings(data_dir=data_dir))
    try:
        key = blob_key(line["sha256"])
        original = archive.store.get_bytes(key)
        archive.store.delete(key)  # the storage lost the object for a while
        job_id = line["ocr"]["job"]
        assert run_job(archive, job_id) == "failed"
        failed = jobs.get(archive, job_id)
        assert failed is not None and failed.state == "failed"
        assert "NotFound" in (failed.error or "")

        archive.store.put_bytes(key, original)
        assert jobs.retry(archive, job_id)
        assert run_job(archive, job_id) == "done"
        assert archive.get(line["id"]).metadata.get("doc_type") == "Quyết định"
    finally:
        archive.close()


def test_only_a_dead_worker_of_this_host_loses_its_job_early() -> None:
    """A job is taken back at once from a process of this host that has ended; a live
    process, or a worker on another host, keeps it until its lease runs out."""
    import socket
    import subprocess as sp

    from archive.jobs import worker_gone

    ended = sp.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    host = socket.gethostname()
    assert worker_gone(f"{host}:{ended.pid}")
    assert not worker_gone(f"{host}:{os.getpid()}")
    assert not worker_gone(f"another-host-{host}:{ended.pid}")
    assert not worker_gone(None) and not worker_gone("garbled")
