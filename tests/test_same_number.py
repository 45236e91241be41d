"""Decree 30/2020, Appendix VI: a second document with an archived one's number, symbol and
issuer (folded: accents, case, spacing) is warned about on every path that archives it."""

from __future__ import annotations

import io
import json
from pathlib import Path

from click.testing import CliRunner

from archive import service
from archive.accounts import User
from archive.facade import Archive
from archive.vn.numbers import register_key
from cli import main
from ingest import service as ingest_service
from ingest.pipeline import IngestResult
from tests.samples import decision

ARCHIVIST = User("lan", "Lan", "archivist")
VIEWER = User("xem", "Xem", "viewer")


def test_register_key_folds_accents_case_and_spacing() -> None:
    assert register_key("12/QĐ-UBND", "UBND tỉnh Hà Giang") == register_key(
        "12/qđ-ubnd", "ubnd  tỉnh ha giang"
    )
    assert register_key("12 / QD-UBND", "UBND TỈNH HÀ GIANG") == register_key(
        "12/QĐ-UBND", "UBND tỉnh Hà Giang"
    )
    assert register_key("13/QĐ-UBND", "UBND tỉnh Hà Giang") != register_key(
        "12/QĐ-UBND", "UBND tỉnh Hà Giang"
    )
    assert register_key("12/QĐ-UBND", "UBND tỉnh Tuyên Quang") != register_key(
        "12/QĐ-UBND", "UBND tỉnh Hà Giang"
    )
    assert register_key("12/QĐ-UBND", None) is None
    assert register_key("", "UBND tỉnh Hà Giang") is None


def _upload(archive: Archive, text: str, name: str, **entered: str) -> IngestResult:
    return ingest_service.upload(
        archive, ARCHIVIST, io.BytesIO(text.encode()), name, entered=entered or None
    )


def test_second_registration_warns_and_links(file_archive: Archive) -> None:
    first = _upload(
        file_archive, decision(0), "a.txt", number="12/QĐ-UBND", issuer="UBND tỉnh Hà Giang"
    )
    assert first.status == "created" and first.same_number == ()
    second = _upload(
        file_archive, decision(1), "b.txt", number="12/qđ-ubnd", issuer="ubnd tỉnh  hà giang"
    )
    assert second.status == "created"
    assert [r.id for r in second.same_number] == [first.record.id]
    body = second.to_json()
    assert body["same_number"][0]["id"] == first.record.id
    assert body["warnings"][0]["code"] == "same_number"
    assert first.record.id in body["warnings"][0]["message"]
    # The same bytes again are a duplicate, not a second registration.
    again = _upload(file_archive, decision(1), "b-again.txt")
    assert again.status == "duplicate" and again.same_number == ()
    # Each record page links the other.
    assert [r.id for r in service.same_number(file_archive, ARCHIVIST, first.record)] == [
        second.record.id
    ]
    other = _upload(
        file_archive, decision(2), "c.txt", number="12/QĐ-UBND", issuer="UBND tỉnh Tuyên Quang"
    )
    assert other.same_number == ()


def test_confidential_namesake_is_not_named_to_a_viewer(file_archive: Archive) -> None:
    secret = _upload(
        file_archive,
        decision(3),
        "mat.txt",
        number="7/QĐ-UBND",
        issuer="UBND tỉnh Hà Giang",
        confidentiality="Mật",
    )
    open_one = _upload(
        file_archive, decision(4), "mo.txt", number="7/QĐ-UBND", issuer="UBND tỉnh Hà Giang"
    )
    assert [r.id for r in open_one.same_number] == [secret.record.id]  # an archivist sees it
    assert service.same_number(file_archive, VIEWER, open_one.record) == []


def test_cli_ingest_warns(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {"HOSO_DATA_DIR": str(data)}
    runner = CliRunner()
    made = runner.invoke(
        main,
        ["--operator", "user", "add", "lan", "--role", "archivist", "--password-stdin"],
        input="mat-khau-dai-1\n",
        env=env,
    )
    assert made.exit_code == 0, made.output
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(decision(0), encoding="utf-8")
    second.write_text(decision(1).replace("Số: 1001/QĐ-UBND", "Số: 1000/QĐ-UBND"), encoding="utf-8")
    ran = runner.invoke(main, ["ingest", str(first), "--user", "lan"], env=env)
    assert ran.exit_code == 0, ran.output
    ran = runner.invoke(main, ["ingest", str(second), "--user", "lan"], env=env)
    assert ran.exit_code == 0, ran.output
    assert "Trùng số, ký hiệu và cơ quan ban hành" in ran.output
    ran = runner.invoke(main, ["ingest", str(second), "--user", "lan", "--json"], env=env)
    line = json.loads(ran.output.splitlines()[0])
    assert line["status"] == "duplicate" and "same_number" not in line


def test_import_report_notes_the_second_registration(file_archive: Archive, tmp_path: Path) -> None:
    from ingest.import_report import write_report

    box = tmp_path / "hop"
    box.mkdir()
    (box / "a.txt").write_text(decision(0), encoding="utf-8")
    (box / "b.txt").write_text(
        decision(1).replace("Số: 1001/QĐ-UBND", "Số: 1000/QĐ-UBND"), encoding="utf-8"
    )
    run = ingest_service.importer(file_archive, ARCHIVIST, box, workers=1).run()
    noted = [o for o in run.outcomes if o.notes]
    assert len(noted) == 1 and "Trùng số, ký hiệu" in noted[0].notes[0]
    report = write_report(tmp_path / "report.csv", run).read_text(encoding="utf-8-sig")
    assert "Trùng số, ký hiệu" in report
