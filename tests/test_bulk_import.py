"""Bulk import of whole boxes: manifests, dry runs, unsafe ZIPs, interruptions and resumes."""

from __future__ import annotations

import csv
import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from archive import audit
from archive.dossiers import dossier_records
from archive.facade import Archive
from archive.settings import Settings
from tests.documents import write_docx, write_pdf

ROOT = Path(__file__).resolve().parent.parent


def hoso_import(
    data_dir: Path, *args: str, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOSO_DATA_DIR": str(data_dir), "HOSO_WORKERS": "2"}
    command = [sys.executable, "-m", "cli", "--operator", "import", *args]
    return subprocess.run(
        command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


def read_report(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def make_box(root: Path, sample_files: list[Path], count: int) -> tuple[Path, Path]:
    """A box of ``count`` distinct documents (text, a few PDF and DOCX) and its manifest."""
    box = root / "hop-01"
    rng = random.Random(11)
    rows = []
    for i in range(count):
        source = sample_files[i % len(sample_files)].read_text(encoding="utf-8")
        text = f"{source}\nBản lưu số {i:04d} của hộp 01.\n"
        folder = box / f"cap-{i // 100:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        kind = "pdf" if i % 50 == 0 else "docx" if i % 50 == 1 else "txt"
        path = folder / f"tai-lieu-{i:04d}.{kind}"
        if kind == "pdf":
            write_pdf(text, path)
        elif kind == "docx":
            write_docx(text, path)
        else:
            path.write_text(text, encoding="utf-8")
        day = rng.randint(1, 28)
        rows.append((path.relative_to(box).as_posix(), f"{i}/QĐ-UBND", f"{day:02d}/05/2015"))
    manifest = root / "bang-ke.csv"
    with manifest.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Tệp", "Số, ký hiệu", "Ngày ban hành"])
        writer.writerows(rows)
    return box, manifest


def journal_count(data_dir: Path) -> int:
    db = data_dir / "catalog.sqlite3"
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("select count(*) from import_items").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


@pytest.mark.slow
def test_interrupted_twice_then_resumed_archives_every_file_once(
    tmp_path: Path, sample_files: list[Path]
) -> None:
    box, manifest = make_box(tmp_path, sample_files, 500)
    data_dir = tmp_path / "data"
    env = {**os.environ, "HOSO_DATA_DIR": str(data_dir), "HOSO_WORKERS": "2"}
    command = [
        sys.executable,
        "-m",
        "cli",
        "--operator",
        "import",
        str(box),
        "--manifest",
        str(manifest),
        "--report",
        str(tmp_path / "killed.csv"),
    ]
    for threshold in (60, 250):
        process = subprocess.Popen(
            command,
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 300
        while journal_count(data_dir) < threshold and process.poll() is None:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGKILL)  # power loss: the workers die too
        process.wait()
    report = tmp_path / "final.csv"
    done = hoso_import(data_dir, str(box), "--manifest", str(manifest), "--report", str(report))
    assert done.returncode == 0, done.stderr
    rows = read_report(report)
    assert sorted(r["tệp"] for r in rows) == sorted(
        p.relative_to(box).as_posix() for p in box.rglob("*") if p.is_file()
    )
    assert {r["kết quả"] for r in rows} <= {"created", "skipped", "duplicate"}

    archive = Archive.open(Settings(data_dir=data_dir))
    try:
        assert archive.stats()["records"] == 500
        assert archive.search("").total == 500
        assert archive.search("so:250/QĐ-UBND").total == 1
    finally:
        archive.close()

    again = hoso_import(data_dir, str(box), "--manifest", str(manifest), "--report", str(report))
    assert again.returncode == 0
    assert {r["kết quả"] for r in read_report(report)} == {"skipped"}


def test_dry_run_reports_everything_and_writes_nothing(
    tmp_path: Path, sample_files: list[Path]
) -> None:
    box = tmp_path / "hop"
    box.mkdir()
    (box / "a.txt").write_text(sample_files[0].read_text(encoding="utf-8"), encoding="utf-8")
    (box / "b.pdf").write_bytes(b"MZ\x90\x00 not a pdf at all" * 10)
    write_pdf("Trang một\fTrang hai", box / "c.pdf")
    (box / "d.txt").write_text("Tài liệu không có trong bảng kê", encoding="utf-8")
    manifest = tmp_path / "bang-ke.csv"
    manifest.write_text(
        "file;ngày ban hành;số trang;màu bìa\n"
        "a.txt;18/12/2015;;xanh\nb.pdf;12/01/2016;;\nc.pdf;31/02/2016;;\n"
        "e.pdf;01/01/2016;;\n",
        encoding="utf-8",
    )
    data_dir = tmp_path / "data"
    report = tmp_path / "thu.csv"
    result = hoso_import(
        data_dir, str(box), "--manifest", str(manifest), "--dry-run", "--report", str(report)
    )
    assert result.returncode == 1
    rows = {r["tệp"]: r for r in read_report(report)}
    assert rows["a.txt"]["kết quả"] == "would_create"
    assert rows["b.pdf"]["kết quả"] == "rejected" and "không phải loại" in rows["b.pdf"]["lý do"]
    assert rows["c.pdf"]["kết quả"] == "rejected" and "31/02/2016" in rows["c.pdf"]["lý do"]
    assert rows["e.pdf"]["kết quả"] == "missing"
    assert "không có dòng nào trong bảng kê" in rows["d.txt"]["ghi chú"]
    assert "màu bìa" in rows["(bảng kê)"]["lý do"]
    archive = Archive.open(Settings(data_dir=data_dir))
    try:
        assert list(archive.store.list("")) == []
        assert archive.stats()["records"] == 0
    finally:
        archive.close()


def test_xlsx_manifest_with_vietnamese_headers_and_page_check(
    tmp_path: Path, sample_files: list[Path]
) -> None:
    from openpyxl import Workbook

    box = tmp_path / "hop"
    box.mkdir()
    write_pdf(sample_files[0].read_text(encoding="utf-8"), box / "qd.pdf")
    sheet_path = tmp_path / "bang-ke.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Tên tệp", "Loại văn bản", "Trích yếu", "Số tờ", "Mã hồ sơ"])
    sheet.append(["qd.pdf", "Quyết định", "Tặng Bằng khen năm 2015", 3, "HS-2015-07"])
    workbook.save(sheet_path)
    data_dir = tmp_path / "data"
    report = tmp_path / "r.csv"
    result = hoso_import(data_dir, str(box), "--manifest", str(sheet_path), "--report", str(report))
    assert result.returncode == 0, result.stderr
    notices = [r for r in read_report(report) if r["tệp"] == "(bảng kê)"]
    (row,) = [r for r in read_report(report) if r["tệp"] != "(bảng kê)"]
    assert row["kết quả"] == "created"
    assert "số trang lệch: bảng kê ghi 3, tệp có 2" in row["ghi chú"]
    assert any("Đã lập hồ sơ mới HS-2015-07" in n["lý do"] for n in notices)
    archive = Archive.open(Settings(data_dir=data_dir))
    try:
        record = archive.get(row["mã tài liệu"])
        assert record.metadata["subject"] == "Tặng Bằng khen năm 2015"
        assert record.metadata["dossier_id"] == "HS-2015-07"
        assert [r.id for r in dossier_records(archive, "HS-2015-07")] == [record.id]
        assert record.provenance["subject"]["source"] == "entered"
        # The import, the dossier its manifest opened and the new record are each audited.
        done = [(e.action, e.record_id) for e in audit.events(archive)]
        assert ("dossier_create", None) in done and ("import", None) in done
        assert ("upload", record.id) in done
    finally:
        archive.close()


def test_unsafe_zip_entries_are_refused_by_name(tmp_path: Path, sample_files: list[Path]) -> None:
    path = tmp_path / "hop.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("tot/quyet-dinh.txt", sample_files[0].read_text(encoding="utf-8"))
        zf.writestr("../ngoai-hop.txt", "x")
        zf.writestr("/etc/cron.d/x.txt", "x")
        link = zipfile.ZipInfo("lien-ket.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
        zf.writestr("bom.txt", b"\0" * (64 * 1024 * 1024))
    data_dir = tmp_path / "data"
    report = tmp_path / "r.csv"
    result = hoso_import(data_dir, str(path), "--report", str(report))
    assert result.returncode == 1
    rows = {r["tệp"]: r for r in read_report(report)}
    assert rows["tot/quyet-dinh.txt"]["kết quả"] == "created"
    for entry, reason in [
        ("../ngoai-hop.txt", ".."),
        ("/etc/cron.d/x.txt", "tuyệt đối"),
        ("lien-ket.txt", "liên kết"),
        ("bom.txt", "ZIP bomb"),
    ]:
        assert rows[entry]["kết quả"] == "rejected"
        assert entry in rows[entry]["lý do"] and reason in rows[entry]["lý do"]
    assert not (tmp_path / "ngoai-hop.txt").exists()


def test_a_docx_in_the_box_is_read(tmp_path: Path) -> None:
    box = tmp_path / "hop"
    box.mkdir()
    write_docx("CHỈ THỊ\nVề việc đẩy mạnh phong trào thi đua", box / "ct.docx")
    report = tmp_path / "r.csv"
    result = hoso_import(tmp_path / "data", str(box), "--report", str(report))
    assert result.returncode == 0, result.stderr
    assert read_report(report)[0]["kết quả"] == "created"
    archive = Archive.open(Settings(data_dir=tmp_path / "data"))
    try:
        (hit,) = archive.search('"phong trao thi dua"').hits
        assert hit.record.metadata["doc_type"] == "Chỉ thị"
    finally:
        archive.close()
