"""Boxes that hold scans: read before the import returns, queued with --background, resumed
after a crash, and the same on the web. Real Tesseract throughout."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archive.facade import Archive
from archive.settings import Settings
from tests.documents import write_docx
from tests.samples import TOPICS, decision, scan_images, zip_of
from tests.scans import save_scanned_pdf

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
DPI = 200


def hoso(data_dir: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOSO_DATA_DIR": str(data_dir), "HOSO_WORKERS": "2"}
    return subprocess.run(
        [sys.executable, "-m", "cli", "--operator", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def read_report(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8-sig") as f:
        return {row["tệp"]: row for row in csv.DictReader(f)}


def make_box(folder: Path, scans: tuple[str, ...] = ("jpg", "png", "tif", "pdf")) -> Path:
    """A box of one scan per kind named, a born-digital DOCX and a plain text file.

    Scan ``i`` is decision ``i``; its topic word (``TOPICS[i]``) is only in its image.
    """
    box = folder / "hop-quet"
    (box / "quet").mkdir(parents=True)
    for index, kind in enumerate(scans):
        (image,) = scan_images(decision(index), folder / "render")
        target = box / "quet" / f"trang-{index}.{kind}"
        if kind == "pdf":
            save_scanned_pdf([image], target)
        elif kind == "jpg":
            image.save(target, quality=80, dpi=(DPI, DPI))
        else:
            image.save(target, dpi=(DPI, DPI))
    write_docx(decision(len(scans)), box / "qd-so.docx")
    (box / "ghi-chu.txt").write_text(decision(len(scans) + 1), encoding="utf-8")
    return box


def open_archive(data_dir: Path) -> Archive:
    return Archive.open(Settings(data_dir=data_dir))


def assert_scans_read(data_dir: Path, count: int) -> None:
    """Every scan's own word finds its record, straight after the command returned."""
    archive = open_archive(data_dir)
    try:
        for topic in TOPICS[:count]:
            found = archive.search(f'"{topic}"')
            assert found.total == 1, f"{topic!r} found {found.total} times"
            record = found.hits[0].record
            assert record.pages == 1 and record.mime_type.startswith(("image/", "application/pdf"))
    finally:
        archive.close()


def job_states(data_dir: Path) -> list[str]:
    with sqlite3.connect(data_dir / "catalog.sqlite3", timeout=10) as conn:
        return [row[0] for row in conn.execute("select state from jobs order by id")]


def test_folder_box_with_scans_is_read_before_the_command_returns(tmp_path: Path) -> None:
    box = make_box(tmp_path)
    report = tmp_path / "bao-cao.csv"
    done = hoso(tmp_path / "data", "import", str(box), "--report", str(report))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "Đọc chữ (OCR): xong 4, lỗi 0" in done.stderr
    rows = read_report(report)
    assert len(rows) == 6
    for kind in ("jpg", "png", "tif", "pdf"):
        row = rows[f"quet/trang-{('jpg', 'png', 'tif', 'pdf').index(kind)}.{kind}"]
        assert row["kết quả"] == "created" and row["đọc chữ (OCR)"] == "Đã đọc chữ (OCR)"
    assert rows["qd-so.docx"]["đọc chữ (OCR)"] == ""
    assert job_states(tmp_path / "data") == ["done"] * 4
    assert_scans_read(tmp_path / "data", 4)


def test_zip_box_with_scans_and_background_then_worker(tmp_path: Path) -> None:
    box = zip_of(make_box(tmp_path, scans=("jpg", "pdf")))
    data_dir = tmp_path / "data"
    report = tmp_path / "zip.csv"
    done = hoso(data_dir, "import", str(box), "--report", str(report), "--background")
    assert done.returncode == 0, done.stderr
    assert "chờ worker 2" in done.stderr and "hoso worker" in done.stderr
    rows = read_report(report)
    waiting = [r for r in rows.values() if r["đọc chữ (OCR)"]]
    assert len(waiting) == 2
    assert all("Chờ worker" in r["đọc chữ (OCR)"] for r in waiting)
    assert job_states(data_dir) == ["queued", "queued"]

    env = {**os.environ, "HOSO_DATA_DIR": str(data_dir), "HOSO_WORKERS": "2"}
    worker = subprocess.Popen(
        [sys.executable, "-m", "cli", "worker"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 240
        while job_states(data_dir) != ["done", "done"]:
            assert time.monotonic() < deadline, job_states(data_dir)
            time.sleep(0.5)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    assert_scans_read(data_dir, 2)


def test_zip_box_with_scans_in_the_foreground(tmp_path: Path) -> None:
    box = zip_of(make_box(tmp_path, scans=("tif",)))
    report = tmp_path / "r.csv"
    done = hoso(tmp_path / "data", "import", str(box), "--report", str(report))
    assert done.returncode == 0, done.stderr
    assert "xong 1, lỗi 0" in done.stderr
    assert read_report(report)["quet/trang-0.tif"]["đọc chữ (OCR)"] == "Đã đọc chữ (OCR)"
    assert_scans_read(tmp_path / "data", 1)


def test_import_killed_during_ocr_is_finished_by_the_next_run(tmp_path: Path) -> None:
    """SIGKILL while the scans are being read; the same command again reads them at once,
    without waiting for the dead worker's lease."""
    box = make_box(tmp_path, scans=("jpg", "png"))
    data_dir = tmp_path / "data"
    kill_during_ocr(data_dir, "import", str(box), "--report", str(tmp_path / "first.csv"))

    report = tmp_path / "again.csv"
    started = time.monotonic()
    again = hoso(data_dir, "import", str(box), "--report", str(report))
    assert again.returncode == 0, again.stderr
    assert time.monotonic() - started < 200  # far less than waiting out a 5-minute lease
    assert job_states(data_dir) == ["done", "done"]
    rows = read_report(report)
    assert {r["kết quả"] for r in rows.values()} == {"skipped"}
    assert (
        sorted(r["đọc chữ (OCR)"] for r in rows.values() if r["đọc chữ (OCR)"])
        == ["Đã đọc chữ (OCR)"] * 2
    )
    assert_scans_read(data_dir, 2)


def test_ingest_killed_during_ocr_is_finished_by_running_it_again(tmp_path: Path) -> None:
    box = make_box(tmp_path, scans=("png",))
    scan = box / "quet" / "trang-0.png"
    data_dir = tmp_path / "data"
    kill_during_ocr(data_dir, "ingest", str(scan))

    again = hoso(data_dir, "ingest", "--json", str(scan))
    assert again.returncode == 0, again.stderr
    assert '"status": "duplicate"' in again.stdout and '"state": "done"' in again.stdout
    assert job_states(data_dir) == ["done"]
    assert_scans_read(data_dir, 1)


def kill_during_ocr(data_dir: Path, *args: str) -> None:
    """Run ``hoso ARGS`` and SIGKILL it as soon as one of its OCR jobs is running."""
    env = {**os.environ, "HOSO_DATA_DIR": str(data_dir), "HOSO_WORKERS": "1"}
    command = [sys.executable, "-m", "cli", "--operator", *args]
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 240
    while "running" not in _states_or_empty(data_dir):
        assert process.poll() is None, "the command ended before its OCR started"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert "done" not in job_states(data_dir)


def _states_or_empty(data_dir: Path) -> list[str]:
    try:
        return job_states(data_dir)
    except sqlite3.OperationalError:
        return []  # the catalog is not made yet
