"""One meaning of "due" for listing and proposing; truncated scans refused at ingest;
approval tells how to print its report."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from archive.accounts import User
from archive.disposition import DisposalError, due_records, is_due, propose
from archive.edit import update_metadata
from archive.facade import Archive
from archive.retention.decide import set_retention
from archive.settings import from_env
from cli import main
from ingest.batch import ingest_paths
from ingest.pipeline import IngestResult
from tests.samples import decision

ADMIN = User("an", "An", "admin")
ARCHIVIST = User("lan", "Lan", "archivist")


def ingest(archive: Archive, path: Path) -> IngestResult:
    results: list[IngestResult] = []
    ingest_paths(archive, [path], user="test", report=results.append)
    (result,) = results
    return result


def with_period(archive: Archive, path: Path, closed: int, years: int) -> str:
    """A record whose matter closed in ``closed`` and is kept ``years`` years."""
    record = ingest(archive, path).record
    assert record is not None
    update_metadata(
        archive, record.id, {"issued_date": f"{closed}-06-01"}, reason="Ngày ban hành", user="t"
    )
    set_retention(archive, ADMIN, record.id, years=years, reason="Theo bảng thời hạn")
    return record.id


def test_listed_as_due_means_it_can_be_proposed(file_archive: Archive, tmp_path: Path) -> None:
    this_year = date.today().year
    paths = [tmp_path / f"{i}.txt" for i in range(2)]
    for i, path in enumerate(paths):
        path.write_text(decision(i), encoding="utf-8")
    overdue = with_period(file_archive, paths[0], this_year - 3, 1)  # due 31/12 two years ago
    soon = with_period(file_archive, paths[1], this_year - 1, 1)  # due 31/12 this year

    today = {r.id for r in due_records(file_archive)}
    assert overdue in today and soon not in today
    year_end = {r.id: is_due(r) for r in due_records(file_archive, date(this_year, 12, 31))}
    assert year_end == {overdue: True, soon: date.today() == date(this_year, 12, 31)}

    if not year_end[soon]:
        with pytest.raises(DisposalError, match=f"từ ngày 31/12/{this_year} mới đề xuất được"):
            propose(file_archive, ARCHIVIST, [soon], action="destroy", reason="Hết hạn bảo quản")
    made = propose(file_archive, ARCHIVIST, [overdue], action="destroy", reason="Hết hạn")
    assert made.record_ids == [overdue]


def test_retention_due_marks_what_cannot_be_proposed_yet(tmp_path: Path) -> None:
    env = {"HOSO_DATA_DIR": str(tmp_path / "data")}
    this_year = date.today().year
    archive = Archive.open(from_env(env))
    try:
        path = tmp_path / "qd.txt"
        path.write_text(decision(3), encoding="utf-8")
        soon = with_period(archive, path, this_year - 1, 1)
    finally:
        archive.close()
    runner = CliRunner()
    listed = runner.invoke(
        main, ["--operator", "retention", "due", "--before", f"31/12/{this_year}"], env=env
    )
    assert listed.exit_code == 0 and soon in listed.output
    if date.today() < date(this_year, 12, 31):
        assert "chưa đến hạn" in listed.output
        as_json = runner.invoke(
            main,
            ["--operator", "retention", "due", "--before", f"31/12/{this_year}", "--json"],
            env=env,
        )
        assert json.loads(as_json.output)[0]["due_now"] is False


def test_approval_says_how_to_get_the_report(tmp_path: Path) -> None:
    env = {"HOSO_DATA_DIR": str(tmp_path / "data")}
    archive = Archive.open(from_env(env))
    try:
        path = tmp_path / "qd.txt"
        path.write_text(decision(4), encoding="utf-8")
        overdue = with_period(archive, path, date.today().year - 3, 1)
    finally:
        archive.close()
    runner = CliRunner()
    for name, role in (("lan", "archivist"), ("binh", "admin")):
        added = runner.invoke(
            main,
            ["--operator", "user", "add", name, "--role", role, "--password-stdin"],
            env=env,
            input="ba-con-meo-trèo-cây-cau\n",
        )
        assert added.exit_code == 0, added.output
    proposed = runner.invoke(
        main,
        ["disposal", "propose", overdue, "--reason", "Hết hạn bảo quản", "--user", "lan"],
        env=env,
    )
    assert proposed.exit_code == 0, proposed.output
    approved = runner.invoke(
        main, ["disposal", "approve", "1", "--reason", "Hội đồng duyệt", "--user", "binh"], env=env
    )
    assert approved.exit_code == 0, approved.output
    assert "hoso disposal report 1 -o bien-ban-1.html" in approved.output
    assert "disposals/" not in approved.output  # no storage key passed off as a file


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "TIFF"])
def test_a_truncated_scan_is_refused_at_ingest(
    file_archive: Archive, tmp_path: Path, kind: str
) -> None:
    image = Image.effect_noise((1200, 1600), 60).convert("L")
    whole = io.BytesIO()
    image.save(whole, format=kind)
    path = tmp_path / f"trang.{kind.lower()}"
    path.write_bytes(whole.getvalue()[: len(whole.getvalue()) * 2 // 3])
    result = ingest(file_archive, path)
    assert result.status == "rejected" and result.error is not None
    message = result.error.message()
    assert f"Tệp ảnh trang.{kind.lower()}" in message or "bị hỏng" in message, message
    assert "cắt cụt" in message or "hỏng" in message
    assert file_archive.latest(include_confidential=True) == []
