"""The import's edges: dry runs write nothing, reports go where they are told, a manifest
in the box is never a record, a ZIP's top folder is transparent, the dry run makes the
real run's checks, and only created records open dossiers."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from archive.dossiers import DossierNotFound, get_dossier
from archive.facade import Archive
from archive.settings import Settings
from tests.documents import write_pdf
from tests.samples import decision, zip_of

ROOT = Path(__file__).resolve().parent.parent


def hoso(data_dir: Path, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOSO_DATA_DIR": str(data_dir), "HOSO_WORKERS": "1"}
    return subprocess.run(
        [sys.executable, "-m", "cli", "--operator", *args],
        env={**env, "PYTHONPATH": str(ROOT)},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def make_box(root: Path, manifest_name: str = "bang-ke.csv") -> Path:
    """A box of two decisions (text and a two-page PDF) with its manifest inside."""
    box = root / "hop-2019"
    (box / "cap-1").mkdir(parents=True)
    (box / "cap-1" / "qd-1.txt").write_text(decision(1), encoding="utf-8")
    write_pdf(decision(2) + "\f" + "Danh sách kèm theo", box / "cap-1" / "qd-2.pdf")
    with (box / manifest_name).open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Tệp", "Số, ký hiệu", "Số trang", "Mã hồ sơ"])
        writer.writerow(["cap-1/qd-1.txt", "1001/QĐ-UBND", "1", "HS-2019-01"])
        writer.writerow(["cap-1/qd-2.pdf", "1002/QĐ-UBND", "3", "HS-2019-01"])
    return box


def read_report(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8-sig") as f:
        return {row["tệp"]: row for row in csv.DictReader(f)}


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")} if folder.exists() else set()


def test_dry_run_writes_nothing_anywhere(tmp_path: Path) -> None:
    box = make_box(tmp_path)
    workdir = tmp_path / "work"
    workdir.mkdir()
    before = files_under(tmp_path)
    done = hoso(tmp_path / "data", "import", str(box), "--dry-run", cwd=workdir)
    assert done.returncode == 0, done.stderr
    assert "Sẽ lưu 2" in done.stderr
    assert "Dùng bảng kê có trong hộp: bang-ke.csv" in done.stderr
    assert "Sẽ lập hồ sơ mới HS-2019-01" in done.stderr
    assert "số trang lệch: bảng kê ghi 3, tệp có 2" in done.stderr
    assert files_under(tmp_path) == before  # no data dir, no report, nothing in the cwd


def test_report_goes_beside_the_data_unless_told(tmp_path: Path) -> None:
    box = make_box(tmp_path)
    workdir = tmp_path / "work"
    workdir.mkdir()
    data_dir = tmp_path / "data"
    done = hoso(data_dir, "import", str(box), cwd=workdir)
    assert done.returncode == 0, done.stderr
    assert list(workdir.iterdir()) == []
    (report,) = (data_dir / "reports").glob("import-hop-2019-*.csv")
    assert f"Báo cáo: {report}" in done.stderr
    rows = read_report(report)
    assert rows["bang-ke.csv"]["kết quả"] == "manifest"
    assert rows["cap-1/qd-1.txt"]["kết quả"] == "created"
    told = tmp_path / "noi-khac" / "bao-cao.csv"
    refused = hoso(data_dir, "import", str(box), "--report", str(told), cwd=workdir)
    assert refused.returncode == 1 and "Lỗi: Không dùng được" in refused.stderr
    assert "Đã lưu" not in refused.stderr  # refused before importing anything
    told.parent.mkdir()
    again = hoso(data_dir, "import", str(box), "--report", str(told), cwd=workdir)
    assert again.returncode == 0 and told.is_file()


def test_a_manifest_in_the_box_is_never_a_record(tmp_path: Path) -> None:
    box = make_box(tmp_path)
    # A second manifest, not named: set apart, not archived, and reported.
    (box / "bang-ke-cu.csv").write_text("file,so\ncap-1/qd-1.txt,1\n", encoding="utf-8")
    data_dir = tmp_path / "data"
    report = tmp_path / "r.csv"
    done = hoso(
        data_dir, "import", str(box), "--manifest", str(box / "bang-ke.csv"), "--report",
        str(report),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = read_report(report)
    assert "bang-ke.csv" not in rows  # the named one is the manifest itself
    assert rows["bang-ke-cu.csv"]["kết quả"] == "manifest"
    archive = Archive.open(Settings(data_dir=data_dir))
    try:
        names = {r.filename for r in archive.latest(50, include_confidential=True)}
    finally:
        archive.close()
    assert names == {"qd-1.txt", "qd-2.pdf"}


def test_the_same_manifest_serves_the_box_as_folder_and_as_zip(tmp_path: Path) -> None:
    box = make_box(tmp_path)
    box_zip = zip_of(box)
    for target, data in ((box, "data-a"), (box_zip, "data-b")):
        report = tmp_path / f"{data}.csv"
        done = hoso(tmp_path / data, "import", str(target), "--report", str(report))
        assert done.returncode == 0, done.stderr
        rows = read_report(report)
        assert rows["cap-1/qd-1.txt"]["kết quả"] == "created", rows
        assert rows["cap-1/qd-2.pdf"]["kết quả"] == "created"
        assert "số trang lệch" in rows["cap-1/qd-2.pdf"]["ghi chú"]
        assert "bảng kê" not in " ".join(
            r["lý do"] for r in rows.values() if r["tệp"] != "(bảng kê)"
        )


def test_duplicates_are_checked_alike_and_open_no_dossier(tmp_path: Path) -> None:
    box = make_box(tmp_path)
    data_dir = tmp_path / "data"
    # The same files are already archived, through a plain ingest with no dossier.
    first = hoso(data_dir, "ingest", str(box / "cap-1"))
    assert first.returncode == 0, first.stderr
    dry = hoso(data_dir, "import", str(box), "--dry-run")
    real = hoso(data_dir, "import", str(box), "--report", str(tmp_path / "r.csv"))
    for run in (dry, real):
        assert run.returncode == 0, run.stderr
        assert "trùng 2" in run.stderr
        assert "số trang lệch: bảng kê ghi 3, tệp có 2" in run.stderr
        assert "hồ sơ mới" not in run.stderr
    archive = Archive.open(Settings(data_dir=data_dir))
    try:
        try:
            get_dossier(archive, "HS-2019-01")
        except DossierNotFound:
            pass
        else:
            raise AssertionError("a box of duplicates opened a dossier")
    finally:
        archive.close()


def test_a_manifest_that_names_the_zips_top_folder_is_matched(tmp_path: Path) -> None:
    box = tmp_path / "hop-2019"
    box.mkdir()
    (box / "qd-1.txt").write_text(decision(1), encoding="utf-8")
    (box / "qd-2.txt").write_text(decision(2), encoding="utf-8")
    manifest = tmp_path / "bang-ke.csv"
    manifest.write_text(
        "Tệp,Số ký hiệu\nhop-2019/qd-1.txt,1001/QĐ-UBND\nhop-2019/qd-2.txt,1002/QĐ-UBND\n",
        encoding="utf-8",
    )
    report = tmp_path / "r.csv"
    done = hoso(
        tmp_path / "data", "import", str(zip_of(box)), "--manifest", str(manifest),
        "--report", str(report),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = read_report(report)
    assert set(rows) == {"hop-2019/qd-1.txt", "hop-2019/qd-2.txt"}
    assert {r["kết quả"] for r in rows.values()} == {"created"}
